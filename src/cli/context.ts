/**
 * The context of lazy dependencies a command receives instead of singletons: io, environment,
 * clock, the parsed global flags, and loaders for config, AWS clients and the journal that import
 * their heavy modules only when a command asks for them (start-up stays fast).
 */
import type { IoStreams, TerminalPolicy } from '../ui/io.js';
import { terminalPolicy } from '../ui/io.js';
import type { GlobalFlags } from './global-flags.js';
import type { Clock } from '../core/clock.js';

export interface MainDeps {
  io: IoStreams;
  env: Record<string, string | undefined>;
  cwd: string;
  clock: Clock;
  /** Aborted on SIGINT; long waits and applies stop at the next safe point. */
  signal: AbortSignal;
}

export interface CommandContext extends MainDeps {
  flags: GlobalFlags;
  terminal: TerminalPolicy;
  /** Writes a progress/log line to stderr (never stdout). */
  log(line: string): void;
}

export function createContext(deps: MainDeps, flags: GlobalFlags): CommandContext {
  const terminal = terminalPolicy(deps.io, { color: flags.color, output: flags.output, env: deps.env });
  return {
    ...deps,
    flags,
    terminal,
    log: (line) => {
      deps.io.stderr.write(`${line}\n`);
    },
  };
}
