/**
 * Smoke test of the benchmark's arithmetic (bench/lib): the figures in docs/performance.md are only
 * as good as the median, the rotation, the chain and the quota bound computed here. The suite itself
 * (`npm run bench`) takes minutes and is not part of `npm test`.
 */
import { describe, expect, it } from 'vitest';

// Plain .mjs modules without type declarations: imported by URL so TypeScript treats them as `any`.
const lib = (name: string) => import(new URL(`../bench/lib/${name}`, import.meta.url).href);

function record(operation: string, endIso: string, durationMs: number, extra: Record<string, unknown> = {}) {
  return { seq: 0, time: endIso, region: 'us-east-1', service: 'cognito-idp', operation, status: 200, write: false, durationMs, ...extra };
}

describe('bench statistics', () => {
  it('takes the median of odd and even samples and ignores non-numbers', async () => {
    const { median } = await lib('stats.mjs');
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([2, Number.NaN, 4])).toBe(3);
  });

  it('rotates the order of the variants from round to round and drops warm-up rounds', async () => {
    const { interleave } = await lib('stats.mjs');
    const order: string[] = [];
    const variant = (name: string) => ({ name, run: async () => (order.push(name), { ms: order.length }) });
    const samples = await interleave([variant('a'), variant('b'), variant('c')], { rounds: 3, warmup: 1 });
    expect(order.join('')).toBe('abc' + 'bca' + 'cab' + 'abc');
    expect(samples.a).toHaveLength(3);
    expect(samples.a.map((s: { ms: number }) => s.ms)).toEqual([6, 8, 10]);
  });
});

describe('bench call-log analysis', () => {
  it('finds the longest chain of calls that ran one after another', async () => {
    const { observedChain } = await lib('call-log.mjs');
    const parallel = [record('A', '2026-01-01T00:00:00.100Z', 100), record('B', '2026-01-01T00:00:00.101Z', 100)];
    expect(observedChain(parallel)).toBe(1);
    const chained = [...parallel, record('C', '2026-01-01T00:00:00.205Z', 100), record('D', '2026-01-01T00:00:00.310Z', 100)];
    expect(observedChain(chained)).toBe(3);
  });

  it('divides successful calls by their category rate, per Region, and skips throttled calls', async () => {
    const { quotaBound } = await lib('quota-bound.mjs');
    const calls = [
      ...Array.from({ length: 30 }, () => record('DescribeUserPoolClient', '2026-01-01T00:00:01Z', 20)),
      ...Array.from({ length: 30 }, () => record('DescribeUserPoolClient', '2026-01-01T00:00:01Z', 20, { region: 'eu-west-1' })),
      ...Array.from({ length: 10 }, () => record('DescribeUserPoolClient', '2026-01-01T00:00:01Z', 20, { status: 400, error: 'TooManyRequestsException' })),
      record('ListGroups', '2026-01-01T00:00:01Z', 20),
    ];
    const bound = quotaBound(calls, 1);
    // UserPoolClientRead is 15 RPS: 30 calls in one Region take at least 2 s; Regions do not add up.
    expect(bound.ms).toBeCloseTo(2000, 5);
    expect(bound.binding.rate).toBe(15);
    expect(quotaBound(calls, 2).ms).toBeCloseTo(1000, 5);
  });
});

describe('bench failover phases', () => {
  it('splits a run into start-up, observation, INSYNC lateness, the end and the exit', async () => {
    const { failoverPhases } = await lib('call-log.mjs');
    const at = (ms: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + ms).toISOString();
    const r53 = (operation: string, endMs: number) => record(operation, at(endMs), 20, { service: 'route53' });
    const calls = [
      r53('ListResourceRecordSets', 520),
      r53('ChangeResourceRecordSets', 790), // the lock
      r53('ChangeResourceRecordSets', 820), // the weights: the change D counts from
      r53('GetChange', 845),
      r53('GetChange', 5920),
      r53('TestDNSAnswer', 5950),
      r53('ChangeResourceRecordSets', 5990),
    ];
    const started = Date.parse('2026-01-01T00:00:00Z');
    expect(failoverPhases(calls, started, 6030, 5000)).toEqual({ startup: 500, observation: 320, insyncLate: 100, afterInsync: 70, exit: 40 });
    expect(failoverPhases(calls.slice(0, 3), started, 900, 5000)).toBeUndefined();
  });
});

describe('bench table', () => {
  it('marks each figure met or missed against its target', async () => {
    const { renderTable } = await lib('report.mjs');
    const table: string = renderTable([
      { figure: 'fast thing', value: 10, unit: 'ms', ratio: 1.1, target: '≤ 1.5×', met: true },
      { figure: 'slow thing', value: 30, unit: 'ms', ratio: 3, target: '≤ 2×', met: false },
      { figure: 'not built yet', value: null, unit: 's', target: '< 5 s', met: null },
    ]);
    const lines = table.split('\n');
    expect(lines[2]).toMatch(/^fast thing .*1\.1×.*met$/);
    expect(lines[3]).toMatch(/^slow thing .*3×.*MISSED$/);
    expect(lines[4]).toMatch(/^not built yet\s+n\/a/);
  });
});
