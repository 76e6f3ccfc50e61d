/**
 * A small limiter for observing both Regions in parallel without tripping Cognito's request-rate
 * quotas (UserPoolRead and friends are ~15 requests per second per account and Region, aws-facts A13):
 * at most `concurrency` calls in flight, and either starts at least `minIntervalMs` apart, or a token
 * bucket of `rate.perSecond` with a burst of `rate.burst` (as AWS meters them: a burst, then the rate).
 */
import type { DriftClock } from './types.js';

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * The start time a token bucket allows for the next call, as a generic cell rate: `tat` is the
 * theoretical arrival time of the next call at the steady rate; a burst may run ahead of it.
 */
function bucketStart(state: { tat: number }, now: number, rate: RateLimit): number {
  const interval = 1000 / rate.perSecond;
  const start = Math.max(now, state.tat - (rate.burst - 1) * interval);
  state.tat = Math.max(state.tat, start) + interval;
  return start;
}

export function createLimiter(opts: { concurrency: number; minIntervalMs?: number; rate?: RateLimit; clock?: DriftClock }): Limiter {
  const waiting: Array<() => void> = [];
  let active = 0;
  let nextStart = 0;
  const bucket = { tat: 0 };
  return async (task) => {
    while (active >= opts.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      if (opts.rate && opts.clock) {
        const now = opts.clock.now().getTime();
        const start = bucketStart(bucket, now, opts.rate);
        if (start > now) await opts.clock.sleep(start - now);
      } else if (opts.minIntervalMs && opts.clock) {
        const now = opts.clock.now().getTime();
        const start = Math.max(now, nextStart);
        nextStart = start + opts.minIntervalMs;
        // Short pacing waits: not tied to the abort signal (each would add a listener to it).
        if (start > now) await opts.clock.sleep(start - now);
      }
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
