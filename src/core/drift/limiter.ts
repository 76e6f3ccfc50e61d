/**
 * A small limiter for observing both Regions in parallel without tripping Cognito's request-rate
 * quotas (UserPoolRead and friends are ~15 requests per second per account and Region, aws-facts A13):
 * at most `concurrency` calls in flight, and starts at least `minIntervalMs` apart.
 */
import type { DriftClock } from './types.js';

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(opts: { concurrency: number; minIntervalMs?: number; clock?: DriftClock }): Limiter {
  const waiting: Array<() => void> = [];
  let active = 0;
  let nextStart = 0;
  return async (task) => {
    while (active >= opts.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      if (opts.minIntervalMs && opts.clock) {
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
