/**
 * The failover benchmark's finding, pinned: waiting for a Route 53 change must notice INSYNC within
 * half a second of it happening, however long the propagation takes (the old 5 s backoff cap saw it
 * up to 5 s late, more than failover's whole 2 s overhead budget). Virtual clock: no real sleeping.
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
  it.each([5_000, 37_200, 61_000])('sees a change that is INSYNC after %i ms within half a second', async (insyncAfterMs) => {
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
    const seenAt = reads.at(-1)!;
    expect(seenAt).toBeGreaterThanOrEqual(insyncAfterMs);
    expect(seenAt - insyncAfterMs).toBeLessThanOrEqual(500);
    // ...without hammering the account-wide Route 53 budget: never more than 2 reads a second.
    const gaps = reads.slice(1).map((t, i) => t - reads[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(500);
  });

  it('reports progress every few seconds, not on every read', async () => {
    const { clock, at } = virtualClock();
    const route53 = { getChange: async (id: string) => ({ id, status: at() >= 61_000 ? 'INSYNC' : 'PENDING' }) } as unknown as Route53Reader;
    const lines: string[] = [];
    await dnsWaits({ route53, clock, emit: (event) => lines.push(eventLine(event)) }).WaitForChangeInsync(waitStep());
    // ~120 reads in 61 s; a line at 0 s and then every 5 s.
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(lines.length).toBeLessThanOrEqual(13);
    expect(lines[0]).toContain('is PENDING (0 s)');
    expect(lines[1]).toContain('(5 s)');
  });
});
