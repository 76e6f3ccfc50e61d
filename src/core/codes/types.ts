/** The shape of a registry entry; the entries themselves live in the files next to this one. */
import type { ExitCode } from '../errors.js';

/**
 * Which exit code a code ends the command with (a key of ExitCode), or 'none' for a diagnostic that
 * informs without deciding the exit code (warnings, notes, drift findings inside a report).
 */
export type ExitClass = Exclude<keyof typeof ExitCode, 'ok'> | 'none';

export interface CodeEntry {
  readonly exit: ExitClass;
  /** One line: what happened and, where it helps, what to do. */
  readonly meaning: string;
}
