/**
 * A wait's progress as the live view and plain output see it. The waits emit a typed WaitProgress
 * event (core/events.ts); the progress log receives both the human line and that event, through the
 * same `log(line, progress)` call: a consumer that only knows lines (plain stderr, CI logs) prints
 * the line and ignores the event; the live view reads the event and keeps one ticking row instead.
 */
import type { WaitProgress } from '../core/events.js';

export type { WaitProgress } from '../core/events.js';

/** A progress log: every caller passes the line; waits also pass the typed event. */
export type ProgressLog = (line: string, progress?: WaitProgress) => void;

/** The plain line for a wait: "  waiting: replica in eu-west-1 is CREATING (12 s)". */
export function waitLine(p: WaitProgress): string {
  const left = p.remainingMs === undefined ? '' : `, ${Math.ceil(p.remainingMs / 1000)} s left`;
  return `  waiting: ${p.waitingFor} is ${p.state} (${Math.floor(p.sinceMs / 1000)} s${left})`;
}
