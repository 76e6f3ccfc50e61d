/** Builds the commander program: global options, every command, and output routed through io. */
import { terminalSafe } from '../ui/terminal-safe.js';
import { Command, Help, type Option } from 'commander';
import { readFileSync } from 'node:fs';
import { commandPath, type ProgramHooks, type CommandRegistrar } from './command-kit.js';
import { addGlobalOptions } from './global-options.js';
import { COMMANDS, type CommandEntry } from './commands/index.js';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const GLOBAL_VALUE_OPTIONS = new Set(['--config', '--pool', '--primary', '--secondary', '--profile', '--endpoint-url', '--output']);

/** The top-level command word of a (normalised) argv, skipping global options and their values. */
export function invokedCommand(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return undefined;
    if (arg.startsWith('-')) {
      if (GLOBAL_VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    // `mrrctl help drift` asks for drift's help.
    if (arg === 'help') return argv.slice(i + 1).find((a) => !a.startsWith('-'));
    return arg;
  }
  return undefined;
}

/**
 * The registrars to load for this invocation: the invoked command's real definition, and a cheap
 * named stub for every other one (enough for the help listing). `completion <shell>` needs the whole
 * tree: every command's wiring (flags and subcommands), which is all a command file loads (the bodies
 * are imported by their actions); `completion --help` needs only its own.
 */
export async function registrarsFor(argv: string[], entries: CommandEntry[] = COMMANDS): Promise<CommandRegistrar[]> {
  const word = invokedCommand(argv);
  const asksHelp = argv.some((a) => a === '--help' || a === '-h' || a === 'help');
  const everything = word === 'completion' && !asksHelp;
  return Promise.all(
    entries.map(async (entry) =>
      everything || entry.name === word
        ? entry.load()
        : (program: Command) => {
            program.command(entry.name).description(entry.description);
          },
    ),
  );
}

/**
 * Every subcommand's help lists the global flags it accepts as "Inherited flags", as gh does
 * (commander's showGlobalOptions, retitled; --version is the root's alone). Pure formatting: no
 * command body is loaded for it.
 */
const HELP_CONFIGURATION = {
  showGlobalOptions: true,
  visibleGlobalOptions(this: Help, cmd: Command): Option[] {
    return Help.prototype.visibleGlobalOptions.call(this, cmd).filter((option) => option.long !== '--version');
  },
  formatItemList(this: Help, heading: string, items: string[], helper: Help): string[] {
    return Help.prototype.formatItemList.call(this, heading === 'Global Options:' ? 'Inherited flags:' : heading, items, helper);
  },
};

export function buildProgram(hooks: ProgramHooks, registrars: CommandRegistrar[]): Command {
  const { io } = hooks.deps;
  const program = new Command('mrrctl')
    .description('Plan, diff, guard and rehearse Amazon Cognito user-pool multi-Region replication.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run 'mrrctl --help' for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(terminalSafe(s)),
    });
  addGlobalOptions(program);
  for (const register of registrars) register(program, hooks);
  // Subcommands inherit the overrides so their usage errors come back to main() too.
  program.commands.forEach(function inherit(cmd: Command) {
    cmd.exitOverride().showHelpAfterError(`(run 'mrrctl ${commandPath(cmd)} --help' for usage)`);
    cmd.configureHelp(HELP_CONFIGURATION);
    cmd.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(terminalSafe(s)) });
    cmd.commands.forEach(inherit);
  });
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 unexpected error, 2 usage/input error, 3 findings, 4 conflict,\n' +
      '5 not confirmed, 6 timed out waiting, 130 interrupted. Docs: docs/cli.md',
  );
  return program;
}
