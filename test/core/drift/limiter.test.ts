import { describe, expect, it } from 'vitest';
import { cognitoReadCategory, pacedRate } from '../../../src/core/drift/cognito-quotas.js';
import { createKeyedLimiter, createLimiter, type RateLimit } from '../../../src/core/drift/limiter.js';
import type { DriftClock } from '../../../src/core/drift/types.js';
import { QuotaLimiter } from '../../../src/sandbox/quotas/quota-limiter.js';
import { fakeClock } from './fake-readers.js';

/** A clock whose sleeps move time on (one task at a time, so no two sleeps overlap). */
function steppingClock(): DriftClock & { t: number } {
  const clock = { t: 0, now: () => new Date(clock.t), sleep: async (ms: number) => void (clock.t += ms) };
  return clock;
}

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

describe('createKeyedLimiter', () => {
  const rates: Record<string, RateLimit> = { a: { perSecond: 10, burst: 2 }, b: { perSecond: 5, burst: 1 } };

  it('keeps one bucket per key: one key spending its burst does not hold back another', async () => {
    const clock = fakeClock();
    const limit = createKeyedLimiter({ concurrency: 10, rateOf: (k) => rates[k], clock });
    await Promise.all(['a', 'a', 'a', 'b', 'b'].map((k) => limit(k, async () => k)));
    // a: two at once, the third one refill (100 ms) later; b: one at once, the second 200 ms later.
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('pace(key) takes a token without a slot, so a list holding the only slot can pace its pages', async () => {
    const clock = fakeClock();
    const limit = createKeyedLimiter({ concurrency: 1, rateOf: (k) => rates[k], clock });
    await limit('a', async () => {
      await limit.pace('a'); // page 2: still inside the burst of 2
      await limit.pace('a'); // page 3: one refill
    });
    await limit('a', async () => undefined);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('starts the burst at once, then one call per refill (virtual time, no sleeps)', async () => {
    const clock = steppingClock();
    const limit = createKeyedLimiter({ concurrency: 1, rateOf: () => ({ perSecond: 12.5, burst: 14 }), clock });
    const starts: number[] = [];
    for (let i = 0; i < 100; i++) await limit('k', async () => void starts.push(clock.t));
    expect(starts.slice(0, 14)).toEqual(Array(14).fill(0));
    // The 15th start: one refill (80 ms); the 100th: 86 refills after the burst.
    expect(starts[14]).toBe(80);
    expect(starts[99]).toBe(6880);
  });

  it("at the paced rate, a bucket at Cognito's documented rate with one second of burst never refuses a call", async () => {
    const clock = steppingClock();
    const limit = createKeyedLimiter({ concurrency: 1, rateOf: () => pacedRate('UserPoolClientRead'), clock });
    const server = new QuotaLimiter();
    const refused: number[] = [];
    for (let i = 0; i < 500; i++) {
      await limit('UserPoolClientRead', async () => {
        if (!server.take('acct', 'eu-west-1', 'UserPoolClientRead', 1, clock.t)) refused.push(i);
      });
    }
    expect(refused).toEqual([]);
  });
});

describe('Cognito read pacing (cognito-quotas.ts)', () => {
  it('maps the reads to their documented categories', () => {
    expect(cognitoReadCategory('DescribeUserPoolClient')).toBe('UserPoolClientRead');
    expect(cognitoReadCategory('ListUserPoolClients')).toBe('UserPoolClientRead');
    expect(cognitoReadCategory('ListGroups')).toBe('UserPoolResourceRead');
    expect(cognitoReadCategory('DescribeUserPoolDomain')).toBe('UserPoolResourceRead');
    expect(cognitoReadCategory('ListUserPoolReplicas')).toBe('UserPoolRead');
    expect(cognitoReadCategory('GetLogDeliveryConfiguration')).toBe('UserPoolRead');
  });

  it('paces each category at 97 % of its documented rate with one second of burst', () => {
    const rounded = (r: RateLimit) => ({ perSecond: Math.round(r.perSecond * 1000) / 1000, burst: r.burst });
    expect(rounded(pacedRate('UserPoolClientRead'))).toEqual({ perSecond: 14.55, burst: 14 });
    expect(rounded(pacedRate('UserPoolRead'))).toEqual({ perSecond: 14.55, burst: 14 });
    expect(rounded(pacedRate('UserPoolResourceRead'))).toEqual({ perSecond: 19.4, burst: 19 });
  });
});
