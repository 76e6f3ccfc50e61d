/**
 * What a running step is waiting for, as a typed event. Wait handlers (replica CREATING, key
 * Creating, DNS PENDING, the anti-flap window) emit it together with the human line, through the
 * same `log(line, progress)` call: a consumer that only knows lines (plain stderr, CI logs) prints
 * the line and ignores the event; the live view reads the event and keeps one ticking row instead.
 */

export interface WaitProgress {
  /** The plan step that is waiting. */
  stepId: string;
  /** What is being watched, e.g. "replica in eu-west-1", "Route 53 change C123". */
  waitingFor: string;
  /** Its state right now, e.g. "CREATING", "PENDING". */
  state: string;
  /** How long the step has been waiting so far, in milliseconds. */
  sinceMs: number;
  /** For windows with a known end (the anti-flap window): milliseconds left. */
  remainingMs?: number;
}

/** A progress log: every caller passes the line; waits also pass the typed event. */
export type ProgressLog = (line: string, progress?: WaitProgress) => void;

/** The plain line for a wait: "  waiting: replica in eu-west-1 is CREATING (12 s)". */
export function waitLine(p: WaitProgress): string {
  const left = p.remainingMs === undefined ? '' : `, ${Math.ceil(p.remainingMs / 1000)} s left`;
  return `  waiting: ${p.waitingFor} is ${p.state} (${Math.floor(p.sinceMs / 1000)} s${left})`;
}

/** Emits a wait's progress on a log: the line for humans, the event for live views. */
export function reportWait(log: ProgressLog, p: WaitProgress): void {
  log(waitLine(p), p);
}
