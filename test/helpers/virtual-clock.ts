/**
 * Virtual time for end-to-end tests: one clock shared by the in-process sandbox (its delays, outage
 * history, metrics, tokens) and by main() (waits, windows, locks, journal times). It stands still
 * unless something moves it: a test advances it to step over a window, and every sleep the CLI takes
 * moves it at once by the time slept. No test waits on the wall clock, so a loaded machine changes
 * nothing but the run time.
 */
import type { Clock } from '../../src/core/clock.js';
import type { Clock as SandboxClock } from '../../src/sandbox/types.js';

export class VirtualClock {
  private ms: number;

  /** Starts at the real time, so timestamps look ordinary and never precede anything real. */
  constructor(startMs: number = Date.now()) {
    this.ms = startMs;
  }

  /** For main(argv, { clock }). */
  readonly cli: Clock = {
    now: () => new Date(this.ms),
    sleep: (ms, signal) => this.sleep(ms, signal),
  };

  /** For startSandbox({ clock }): the sandbox counts epoch milliseconds. */
  readonly sandbox: SandboxClock = { now: () => this.ms };

  nowMs(): number {
    return this.ms;
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('time does not go back');
    this.ms += ms;
  }

  /** Moves time on by `ms` at once, then yields one turn of the event loop so I/O keeps flowing. */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.advance(Math.max(0, ms));
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw signal.reason;
  }
}
