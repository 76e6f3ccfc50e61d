import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/core/drift/limiter.js';
import { fakeClock } from './fake-readers.js';

describe('createLimiter', () => {
  it('never runs more than `concurrency` tasks at once, and runs them all', async () => {
    const limit = createLimiter({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
  });

  it('spaces starts by minIntervalMs through the injected clock', async () => {
    const clock = fakeClock();
    const limit = createLimiter({ concurrency: 5, minIntervalMs: 250, clock });
    await Promise.all([1, 2, 3].map(() => limit(async () => undefined)));
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('lets a burst through at once, then paces starts at the bucket rate', async () => {
    const clock = fakeClock();
    const limit = createLimiter({ concurrency: 20, rate: { perSecond: 10, burst: 10 }, clock });
    await Promise.all(Array.from({ length: 12 }, () => limit(async () => undefined)));
    // Ten tokens at once; the 11th and 12th wait for the refill at 10 per second.
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('frees the slot when a task fails', async () => {
    const limit = createLimiter({ concurrency: 1 });
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
