/**
 * The failover benchmark's finding, pinned: waiting for a Route 53 change reads GetChange at once, then
 * notices INSYNC within a quarter of a second during the first minute (when changes generally
 * propagate) and within half a second after it, however long the propagation takes (the old 5 s
 * backoff cap saw it up to 5 s late). Virtual clock: no real sleeping.
 */
import { describe, expect, it } from 'vitest';
import { dnsWaits } from '../src/aws/dns-waits.js';
import type { Route53Reader } from '../src/core/ports/route53.js';
import type { Step } from '../src/core/plan/types.js';
import { eventLine } from '../src/ui/events.js';

function virtualClock() {
  let now = 0;
  return {
    clock: { now: () => new Date(now), sleep: async (ms: number) => void (now += ms) },
    at: () => now,
  };
}

function waitStep(): Step {
  return {
    id: 'route53.wait-insync',
    region: 'us-east-1',
    service: 'route53',
    operation: 'WaitForChangeInsync',
    input: { Id: '/change/C1', TimeoutSeconds: 600 },
    summary: 'wait',
    action: 'wait',
    destructive: false,
  };
}

describe('WaitForChangeInsync polling', () => {
  it.each([
    { insyncAfterMs: 0, late: 0, gap: 250 },
    { insyncAfterMs: 5_000, late: 250, gap: 250 },
    { insyncAfterMs: 37_200, late: 250, gap: 250 },
    { insyncAfterMs: 61_000, late: 500, gap: 500 },
    { insyncAfterMs: 93_100, late: 500, gap: 500 },
  ])('sees a change that is INSYNC after $insyncAfterMs ms within $late ms', async ({ insyncAfterMs, late, gap }) => {
    const { clock, at } = virtualClock();
    const reads: number[] = [];
    const route53 = {
      getChange: async (id: string) => {
        reads.push(at());
        return { id, status: at() >= insyncAfterMs ? 'INSYNC' : 'PENDING' };
      },
    } as unknown as Route53Reader;
    const result = await dnsWaits({ route53, clock, emit: () => {} }).WaitForChangeInsync(waitStep());
    expect(result.status).toBe('applied');
    // The first read at once, not after a first sleep.
    expect(reads[0]).toBe(0);
    const seenAt = reads.at(-1)!;
    expect(seenAt).toBeGreaterThanOrEqual(insyncAfterMs);
    expect(seenAt - insyncAfterMs).toBeLessThanOrEqual(late);
    // ...without hammering the account-wide Route 53 budget (10 requests a second, shared): at most 4
    // reads a second in the first minute, 2 after it.
    const gaps = reads.slice(1).map((t, i) => t - reads[i]);
    if (gaps.length > 0) expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    const early = reads.filter((t) => t < 60_000).length;
    expect(early).toBeLessThanOrEqual(240);
    const afterMinute = reads.slice(1).map((t, i) => ({ t, gap: t - reads[i] })).filter((r) => reads[reads.indexOf(r.t) - 1] >= 60_000);
    for (const r of afterMinute) expect(r.gap).toBe(500);
    expect(gaps.at(-1) ?? gap).toBe(gap);
  });

  it('keeps its cadence from read start to read start, so a slow GetChange does not stretch it', async () => {
    const { clock, at } = virtualClock();
    const reads: number[] = [];
    const route53 = {
      getChange: async (id: string) => {
        reads.push(at());
        await clock.sleep(80); // the round trip, on the same virtual clock
        return { id, status: at() >= 2_000 ? 'INSYNC' : 'PENDING' };
      },
    } as unknown as Route53Reader;
    await dnsWaits({ route53, clock, emit: () => {} }).WaitForChangeInsync(waitStep());
    // Reads start at 0, 250, 500, … (not 0, 330, 660, …): at most 4 a second, never late by a round trip.
    expect(reads.slice(0, 5)).toEqual([0, 250, 500, 750, 1_000]);
    expect(reads.at(-1)).toBe(2_000);
  });

  it('reports progress every few seconds, not on every read', async () => {
    const { clock, at } = virtualClock();
    const route53 = { getChange: async (id: string) => ({ id, status: at() >= 61_000 ? 'INSYNC' : 'PENDING' }) } as unknown as Route53Reader;
    const lines: string[] = [];
    await dnsWaits({ route53, clock, emit: (event) => lines.push(eventLine(event)) }).WaitForChangeInsync(waitStep());
    // ~240 reads in 61 s; a line at 0 s and then every 5 s.
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(lines.length).toBeLessThanOrEqual(13);
    expect(lines[0]).toContain('is PENDING (0 s)');
    expect(lines[1]).toContain('(5 s)');
  });
});
