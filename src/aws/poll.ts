/**
 * Polling with backoff until a condition holds, for states AWS reaches asynchronously (replica
 * CREATING → INACTIVE, key Creating → Enabled, change PENDING → INSYNC). No SDK waiter exists for
 * most of these (aws-conformance D6). Times out with WaitTimeoutError (exit 6): the change may still complete.
 */
import { WaitTimeoutError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';

export interface PollOptions<T> {
  clock: Clock;
  signal?: AbortSignal;
  timeoutSeconds: number;
  /** What is being waited for, for messages ("the replica in eu-west-1 to be ACTIVE"). */
  what: string;
  read(): Promise<T>;
  done(value: T): boolean;
  /** Called after each unsuccessful read, e.g. to show progress. */
  onPending?(value: T, elapsedMs: number): void;
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * A fixed cadence instead of the backoff: the time from one read's start to the next one's, given
   * the time since the first read (so a read's own round trip does not stretch the cadence). Used where
   * the end of the wait is the point (a Route 53 change's INSYNC).
   */
  delayAt?(elapsedMs: number): number;
}

export async function pollUntil<T>(opts: PollOptions<T>): Promise<T> {
  const started = opts.clock.now().getTime();
  let delay = opts.minDelayMs ?? 250;
  for (;;) {
    const readStarted = opts.clock.now().getTime();
    const value = await opts.read();
    if (opts.done(value)) return value;
    const elapsed = opts.clock.now().getTime() - started;
    if (elapsed >= opts.timeoutSeconds * 1000) {
      throw new WaitTimeoutError(
        'MRR_WAIT_E001',
        `timed out after ${Math.round(elapsed / 1000)} s waiting for ${opts.what}; the change may still complete — run \`mrrctl status\``,
      );
    }
    opts.onPending?.(value, elapsed);
    const gap = opts.delayAt ? Math.max(0, opts.delayAt(elapsed) - (opts.clock.now().getTime() - readStarted)) : delay;
    await opts.clock.sleep(Math.min(gap, opts.timeoutSeconds * 1000 - elapsed), opts.signal);
    delay = Math.min(delay * 2, opts.maxDelayMs ?? 5_000);
  }
}
