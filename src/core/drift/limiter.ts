/**
 * Small limiters for observing both Regions in parallel without tripping Cognito's request-rate
 * quotas (per account, Region and category: cognito-quotas.ts): at most `concurrency` calls in
 * flight, and either starts at least `minIntervalMs` apart, or token buckets (a burst, then a steady
 * rate, as AWS meters them) — one per quota category with the keyed limiter, so a category is paced to
 * its own documented rate and never waits behind another category's.
 */
import type { DriftClock } from './types.js';

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * A limiter whose calls name their bucket (`key`). `pace(key)` takes one more token without a slot:
 * the next page of a paginated list that already holds one, so every request is paced, not every list.
 */
export interface KeyedLimiter {
  <T>(key: string, task: () => Promise<T>): Promise<T>;
  pace(key: string): Promise<void>;
}

/**
 * The start time a token bucket allows for the next call, as a generic cell rate: `tat` is the
 * theoretical arrival time of the next call at the steady rate; a burst may run ahead of it. A new
 * bucket (tat 0) is full: `burst` calls start at once.
 */
function bucketStart(state: { tat: number }, now: number, rate: RateLimit): number {
  const interval = 1000 / rate.perSecond;
  const start = Math.max(now, state.tat - (rate.burst - 1) * interval);
  state.tat = Math.max(state.tat, start) + interval;
  return start;
}

/** Waits (through the injected clock) until the gate lets the next call start. */
type Gate = (key: string) => Promise<void>;

function makeGate(opts: { minIntervalMs?: number; rateOf?: (key: string) => RateLimit; clock?: DriftClock }): Gate {
  const clock = opts.clock;
  if (!clock) return async () => undefined;
  const buckets = new Map<string, { tat: number }>();
  let nextStart = 0;
  return async (key) => {
    const now = clock.now().getTime();
    let start = now;
    if (opts.rateOf) {
      const bucket = buckets.get(key) ?? { tat: 0 };
      buckets.set(key, bucket);
      start = bucketStart(bucket, now, opts.rateOf(key));
    } else if (opts.minIntervalMs) {
      start = Math.max(now, nextStart);
      nextStart = start + opts.minIntervalMs;
    }
    // Short pacing waits: not tied to the abort signal (each would add a listener to it).
    if (start > now) await clock.sleep(start - now);
  };
}

/** Slots: at most `concurrency` tasks between acquire and release. */
function makeSlots(concurrency: number) {
  const waiting: Array<() => void> = [];
  let active = 0;
  return {
    async acquire(): Promise<void> {
      while (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
    },
    release(): void {
      active--;
      waiting.shift()?.();
    },
  };
}

export function createKeyedLimiter(opts: { concurrency: number; minIntervalMs?: number; rateOf?: (key: string) => RateLimit; clock?: DriftClock }): KeyedLimiter {
  const slots = makeSlots(opts.concurrency);
  const gate = makeGate(opts);
  const limiter = async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    await slots.acquire();
    try {
      await gate(key);
      return await task();
    } finally {
      slots.release();
    }
  };
  return Object.assign(limiter, { pace: gate });
}

/** The ListOptions of a paginated read started under `limit`: each page after the first takes its own `key` token. */
export const pagesPacedBy = (limit: KeyedLimiter, key: string) => ({ beforeNextPage: () => limit.pace(key) });

/** One bucket (`rate`) or one fixed gap for every call. */
export function createLimiter(opts: { concurrency: number; minIntervalMs?: number; rate?: RateLimit; clock?: DriftClock }): Limiter {
  const rate = opts.rate;
  const keyed = createKeyedLimiter({ concurrency: opts.concurrency, minIntervalMs: opts.minIntervalMs, rateOf: rate ? () => rate : undefined, clock: opts.clock });
  return (task) => keyed('', task);
}
