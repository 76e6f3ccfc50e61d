/** The anti-flap run length from CloudWatch HealthCheckStatus datapoints. */
import { describe, expect, it } from 'vitest';
import { continuousRun, lookbackSeconds, periodFor } from '../../../src/core/health/window.js';
import { readingOf } from '../../../src/core/health/checkers.js';

const M = 60_000;
const series = (values: Array<[min: number, max: number]>, start = 0, period = M) => ({
  minimum: values.map(([v], i) => ({ time: start + i * period, value: v })),
  maximum: values.map(([, v], i) => ({ time: start + i * period, value: v })),
});

describe('periodFor', () => {
  it('uses the 60 s resolution Route 53 publishes for real windows, finer periods for short drills', () => {
    expect(periodFor(180)).toBe(60);
    expect(periodFor(120)).toBe(60);
    expect(periodFor(100)).toBe(10);
    expect(periodFor(40)).toBe(10);
    expect(periodFor(2)).toBe(1);
    expect(lookbackSeconds(180, 60)).toBeGreaterThanOrEqual(180 + 120);
  });
});

describe('continuousRun', () => {
  it('counts the trailing periods that were unhealthy throughout (Maximum 0)', () => {
    // healthy, mixed (outage began), 4 × unhealthy; now is 30 s into the last period.
    const s = series([[1, 1], [0, 1], [0, 0], [0, 0], [0, 0], [0, 0]]);
    const run = continuousRun(s, 'unhealthy', { periodSeconds: 60, now: 5 * M + 30_000 })!;
    expect(run.since).toBe(2 * M);
    expect(run.seconds).toBe(210);
  });

  it('a mixed latest period means the state does not hold now', () => {
    const run = continuousRun(series([[0, 0], [0, 0], [0, 1]]), 'unhealthy', { periodSeconds: 60, now: 3 * M })!;
    expect(run.seconds).toBe(0);
  });

  it('counts healthy throughout (Minimum 1) for a failback, and reads an inverted check the other way', () => {
    const s = series([[0, 1], [1, 1], [1, 1]]);
    expect(continuousRun(s, 'healthy', { periodSeconds: 60, now: 3 * M })!.seconds).toBe(120);
    // Inverted: reported healthy throughout = endpoint unhealthy throughout.
    expect(continuousRun(s, 'unhealthy', { periodSeconds: 60, now: 3 * M, inverted: true })!.seconds).toBe(120);
  });

  it('does not reach across a gap in the data, and returns undefined without any data', () => {
    const s = { minimum: [], maximum: [{ time: 0, value: 0 }, { time: M, value: 0 }, { time: 4 * M, value: 0 }, { time: 5 * M, value: 0 }] };
    expect(continuousRun(s, 'unhealthy', { periodSeconds: 60, now: 6 * M })!.seconds).toBe(120);
    expect(continuousRun({ minimum: [], maximum: [] }, 'unhealthy', { periodSeconds: 60, now: M })).toBeUndefined();
  });
});

describe('readingOf', () => {
  const obs = (ok: number, total: number) => Array.from({ length: total }, (_, i) => ({ region: `r${i}`, status: i < ok ? 'Success: HTTP Status Code 200, OK' : 'Failure: Connection timed out.' }));
  it('is healthy when more than 18 % of checkers report success', () => {
    expect(readingOf('hc', obs(2, 8))).toMatchObject({ healthy: true, healthyCheckers: 2, checkers: 8, share: 0.25 });
    expect(readingOf('hc', obs(1, 8)).healthy).toBe(false);
    // No observation: the status is unknown, not "unhealthy".
    const none = readingOf('hc', obs(0, 0));
    expect(none.healthy).toBeUndefined();
    expect(none.error).toBe('health check hc reported no checker observations');
    const missing = readingOf('hc', undefined);
    expect(missing.healthy).toBeUndefined();
    expect(missing.error).toBe('health check hc does not exist');
  });

  it('applies Inverted and Disabled to the check status, never to the endpoint the checkers observe', () => {
    // Route 53's checkers report the endpoint (aws-conformance G1); the client applies the settings.
    expect(readingOf('hc', obs(8, 8), { Inverted: true })).toMatchObject({ endpointHealthy: true, healthy: false, inverted: true });
    expect(readingOf('hc', obs(0, 8), { Inverted: true })).toMatchObject({ endpointHealthy: false, healthy: true });
    expect(readingOf('hc', obs(0, 8), { Disabled: true })).toMatchObject({ endpointHealthy: false, healthy: true, disabled: true });
    expect(readingOf('hc', obs(0, 8), { Disabled: true, Inverted: true }).healthy).toBe(true);
  });
});
