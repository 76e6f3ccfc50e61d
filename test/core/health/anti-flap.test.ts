/**
 * The anti-flap evidence: CloudWatch history first, a live watch with a countdown when there is none.
 * The clock is a test clock that advances on sleep, so a 3-minute window takes no time.
 */
import { describe, expect, it } from 'vitest';
import { antiFlapEvidence, type AntiFlapPorts } from '../../../src/core/health/anti-flap.js';
import type { CoreEvent } from '../../../src/core/events.js';
import type { HealthCheckReading } from '../../../src/core/health/checkers.js';
import type { HealthStatusSeries } from '../../../src/core/health/ports.js';

function testClock(start: number) {
  let now = start;
  return { now: () => new Date(now), sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}
const reading = (healthy: boolean, inverted = false): HealthCheckReading => ({ id: 'hc-p', healthy, healthyCheckers: healthy ? 8 : 0, checkers: 8, share: healthy ? 1 : 0, inverted });
const T0 = Date.UTC(2026, 5, 10, 3, 0, 0);

function ports(opts: { series?: HealthStatusSeries; metricsError?: Error; readings: (n: number) => HealthCheckReading; clock?: ReturnType<typeof testClock> }) {
  const clock = opts.clock ?? testClock(T0);
  const events: CoreEvent[] = [];
  const asked: Array<{ start: Date; end: Date; periodSeconds: number }> = [];
  let reads = 0;
  const p: AntiFlapPorts = {
    metrics: {
      healthCheckStatus: async (_id, range) => {
        asked.push(range);
        if (opts.metricsError) throw opts.metricsError;
        return opts.series ?? { minimum: [], maximum: [] };
      },
    },
    read: async () => opts.readings(reads++),
    clock,
    emit: (event) => events.push(event),
  };
  return { p, events, asked, clock, reads: () => reads };
}

describe('antiFlapEvidence', () => {
  it('passes from CloudWatch history once the source has been unhealthy for the window', async () => {
    const now = T0 + 10 * 60_000;
    const maximum = [5, 6, 7, 8, 9].map((m) => ({ time: T0 + m * 60_000, value: m === 5 ? 1 : 0 }));
    const { p, asked } = ports({ series: { minimum: maximum.map((x) => ({ ...x, value: 0 })), maximum }, readings: () => reading(false), clock: testClock(now) });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 180 });
    expect(e).toMatchObject({ ok: true, source: 'cloudwatch', seconds: 240, since: new Date(T0 + 6 * 60_000).toISOString() });
    expect(asked[0].periodSeconds).toBe(60);
    expect(e.detail).toContain('unhealthy for 4 min');
  });

  it('refuses while the history is shorter than the window, saying how long to wait', async () => {
    const now = T0 + 90_000;
    const maximum = [{ time: T0, value: 0 }];
    const { p } = ports({ series: { minimum: [], maximum }, readings: () => reading(false), clock: testClock(now) });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 180 });
    expect(e).toMatchObject({ ok: false, source: 'cloudwatch', seconds: 60 });
    expect(e.detail).toContain('retry in about 2 min');
  });

  it('refuses at once when the Region is not in the wanted state now, without asking CloudWatch', async () => {
    const { p, asked } = ports({ readings: () => reading(true) });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 180 });
    expect(e).toMatchObject({ ok: false, source: 'current' });
    expect(e.detail).toContain('us-east-1 is healthy now');
    expect(asked).toEqual([]);
  });

  it('without history, watches live for the window with a countdown', async () => {
    const { p, events, reads } = ports({ metricsError: Object.assign(new Error('denied'), { name: 'AccessDenied' }), readings: () => reading(false) });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 20 });
    expect(e).toMatchObject({ ok: true, source: 'live' });
    expect(e.seconds).toBeGreaterThanOrEqual(20);
    // The window is 20 s, so the watch polls every 5 s: ticks at 0, 5, 10 and 15 s, and at 20 s it ends.
    expect(events).toEqual([
      { level: 'info', code: 'anti-flap.live-watch', data: { region: 'us-east-1', healthCheckId: 'hc-p', windowSeconds: 20, metricsError: 'AccessDenied: denied' } },
      ...[0, 5, 10, 15].map((elapsed) => ({
        level: 'progress',
        code: 'health.watching',
        data: { label: 'us-east-1 (health check hc-p)', want: 'unhealthy', elapsedSeconds: elapsed, remainingSeconds: 20 - elapsed, healthyCheckers: 0, checkers: 8 },
      })),
    ]);
    expect(reads()).toBeGreaterThanOrEqual(5);
  });

  it('stops watching as soon as the Region recovers', async () => {
    const { p } = ports({ readings: (n) => reading(n < 3 ? false : true) });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 60 });
    expect(e).toMatchObject({ ok: false, source: 'live' });
    expect(e.detail).toMatch(/turned healthy after 10 s of watching/);
  });

  it('reads an inverted check as the opposite of the endpoint (cognito-domain failback)', async () => {
    // The check reports unhealthy throughout the last 120 s (10 s periods: Maximum 0, Minimum 0).
    const reportedUnhealthy = Array.from({ length: 12 }, (_, i) => ({ time: T0 - 120_000 + i * 10_000, value: 0 }));
    const series = { minimum: reportedUnhealthy, maximum: reportedUnhealthy };
    const request = { region: 'us-east-1', healthCheckId: 'hc-p', want: 'healthy', windowSeconds: 100 } as const;

    // Inverted, that is an endpoint healthy throughout: the 100 s window is proven.
    const inverted = ports({ readings: () => reading(false, true), series });
    const e = await antiFlapEvidence(inverted.p, request);
    expect(e).toMatchObject({ ok: true, source: 'cloudwatch', seconds: 120, since: '2026-06-10T02:58:00.000Z' });
    expect(e.detail).toBe("us-east-1 has been healthy for 2 min (since 2026-06-10T02:58:00.000Z, the first healthy observation, at the metric's 10 s resolution) per CloudWatch HealthCheckStatus; the window is 100 s");
    expect(inverted.asked[0].periodSeconds).toBe(10);

    // Not inverted, the same reported series proves no healthy second (the check is healthy only now).
    const plain = ports({ readings: () => reading(true), series });
    expect(await antiFlapEvidence(plain.p, request)).toMatchObject({ ok: false, source: 'cloudwatch', seconds: 0 });
  });

  it('cannot prove anything without a health check', async () => {
    const { p } = ports({ readings: () => reading(false) });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', want: 'unhealthy', windowSeconds: 180 });
    expect(e).toMatchObject({ ok: false, source: 'none' });
  });
});

/**
 * A metrics port that computes each period from a health timeline at any period asked, as CloudWatch
 * would for a metric of that resolution (`resolution` 60: one point a minute whatever is asked).
 */
function timelinePorts(opts: { unhealthyFrom: number; now: number; resolution: number }) {
  const clock = testClock(opts.now);
  const p: AntiFlapPorts = {
    metrics: {
      healthCheckStatus: async (_id, range) => {
        const period = Math.max(range.periodSeconds, opts.resolution) * 1000;
        const minimum = [];
        const maximum = [];
        for (let t = Math.floor(range.start.getTime() / period) * period; t < range.end.getTime() && t < opts.now; t += period) {
          const end = Math.min(t + period, opts.now);
          // 1 healthy, 0 unhealthy: Minimum 0 if any unhealthy moment, Maximum 0 only if unhealthy throughout.
          minimum.push({ time: t, value: end > opts.unhealthyFrom ? 0 : 1 });
          maximum.push({ time: t, value: t >= opts.unhealthyFrom ? 0 : 1 });
        }
        return { minimum, maximum };
      },
    },
    read: async () => reading(false),
    clock,
    emit: () => undefined,
  };
  return p;
}

describe('antiFlapEvidence: the window counts from the first unhealthy observation', () => {
  const fault = Date.UTC(2026, 5, 10, 7, 24, 40);

  it('a fault at 07:24:40 counts from 07:24:40 where the metric resolves 10 s, and says so', async () => {
    const p = timelinePorts({ unhealthyFrom: fault, now: fault + 185_000, resolution: 10 });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 180 });
    expect(e).toMatchObject({ ok: true, source: 'cloudwatch', seconds: 185, since: '2026-06-10T07:24:40.000Z' });
    expect(e.detail).toBe("us-east-1 has been unhealthy for 3 min 5 s (since 2026-06-10T07:24:40.000Z, the first unhealthy observation, at the metric's 10 s resolution) per CloudWatch HealthCheckStatus; the window is 3 min");
  });

  it('a metric that resolves only 1 min keeps the whole minute and says it may have begun up to 60 s earlier', async () => {
    const p = timelinePorts({ unhealthyFrom: fault, now: fault + 185_000, resolution: 60 });
    const e = await antiFlapEvidence(p, { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 180 });
    expect(e).toMatchObject({ ok: false, seconds: 165, since: '2026-06-10T07:25:00.000Z' });
    expect(e.detail).toBe('us-east-1 has been unhealthy for 2 min 45 s (since 2026-06-10T07:25:00.000Z, the first 60 s period unhealthy throughout: the metric resolves no finer, so it may have begun up to 60 s earlier) per CloudWatch HealthCheckStatus, less than the 3 min window: retry in about 15 s');
  });
});
