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
}

/** "keys setup" for the `setup` subcommand of `keys`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export type RunFn<O> = (ctx: CommandContext, args: string[], options: O) => Promise<CommandResult>;

/** Wires a run function as the command's action. */
export function actionFor<O>(hooks: ProgramHooks, run: RunFn<O>) {
  return async (...raw: unknown[]) => {
    const cmd = raw[raw.length - 1] as Command;
    hooks.setCommand(commandPath(cmd));
    const positional = raw.slice(0, -2).filter((a): a is string => typeof a === 'string');
    const ctx = createContext(hooks.deps, toGlobalFlags(cmd.optsWithGlobals()));
    try {
      hooks.setResult(await run(ctx, positional, cmd.opts() as O));
    } finally {
      await ctx.dispose();
    }
  };
}

export type CommandRegistrar = (program: Command, hooks: ProgramHooks) => void;
