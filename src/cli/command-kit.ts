/**
 * How a command file plugs into the program: it declares its commander command and a run function
 * (ctx, args, options) → CommandResult. main() renders the result and maps the exit code; commands
 * never write the result themselves and never call process.exit. What the context built for the run
 * (AWS clients) is released here, once, whatever the command did.
 */
import type { Command } from 'commander';
import type { CommandResult } from '../ui/output.js';
import { createContext, type CommandContext, type MainDeps } from './context.js';
import { toGlobalFlags } from './global-options.js';

export interface ProgramHooks {
  deps: MainDeps;
  setResult(result: CommandResult): void;
  /** The running command's full name ("keys setup"), so even its errors carry it in JSON. */
  setCommand(name: string): void;
  /** JSON mode: a line the run would have logged on stderr (see createContext). */
  jsonLog?(line: string): void;
}

/** "keys setup" for the `setup` subcommand of `keys`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Tells main() the command path as soon as commander picks each subcommand — before that command's
 * own options are parsed — so a usage error in them (`drift --fail-on critical`) is reported under
 * the command's path ("drift"), taken from commander's chain, never from argv words.
 */
export function trackCommandPath(program: Command, setCommand: (name: string) => void): void {
  const visit = (cmd: Command): void => {
    if (cmd.commands.length > 0) cmd.hook('preSubcommand', (_parent, sub) => setCommand(commandPath(sub)));
    cmd.commands.forEach(visit);
  };
  visit(program);
}

/**
 * The command path an argv names in the program's tree, for errors raised before commander picked a
 * command (a bad global option): only words that are command names in the tree count, options are
 * skipped with their values (as the tree declares them), so no value ever becomes part of the path.
 */
export function commandPathIn(program: Command, argv: string[]): string {
  let cmd = program;
  const names: string[] = [];
  const takesValue = (flag: string): boolean => {
    for (let c: Command | null = cmd; c; c = c.parent) {
      const option = c.options.find((o) => o.long === flag || o.short === flag);
      if (option) return option.required || option.optional;
    }
    return false;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && takesValue(arg) && i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    names.push(sub.name());
    cmd = sub;
  }
  return names.join(' ') || program.name();
}

export type RunFn<O> = (ctx: CommandContext, args: string[], options: O) => Promise<CommandResult>;

/** Wires a run function as the command's action. */
export function actionFor<O>(hooks: ProgramHooks, run: RunFn<O>) {
  return async (...raw: unknown[]) => {
    const cmd = raw[raw.length - 1] as Command;
    hooks.setCommand(commandPath(cmd));
    const positional = raw.slice(0, -2).filter((a): a is string => typeof a === 'string');
    const ctx = createContext(hooks.deps, toGlobalFlags(cmd.optsWithGlobals()), hooks.jsonLog);
    try {
      hooks.setResult(await run(ctx, positional, cmd.opts() as O));
    } finally {
      await ctx.dispose();
    }
  };
}

export type CommandRegistrar = (program: Command, hooks: ProgramHooks) => void;
