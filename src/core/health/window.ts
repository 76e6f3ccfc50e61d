/**
 * The anti-flap evidence: for how long, continuously up to now, has a Region's health check been in a
 * state (unhealthy before a failover, healthy before a failback)? Read from the CloudWatch
 * HealthCheckStatus history: Maximum = 0 for a period means unhealthy throughout it, Minimum = 1
 * healthy throughout. Periods that mixed both, and gaps in the data, end the run — the estimate errs
 * on the short side, so the guard never lets a failover through early.
 */
import type { HealthStatusSeries, MetricPoint } from './ports.js';

export type WantedState = 'healthy' | 'unhealthy';

/** Periods CloudWatch accepts (high resolution below 60 s). */
const SHORT_PERIODS = [30, 10, 5, 1];

/**
 * A period that resolves the window in a few steps. Route 53 publishes the metric once a minute, so
 * windows of two minutes or more use 60 s; shorter windows (drills, tests) ask for finer periods,
 * which only a source with finer data (the sandbox) can fill — otherwise the guard watches live. [INF]
 */
export function periodFor(windowSeconds: number): number {
  if (windowSeconds >= 120) return 60;
  return SHORT_PERIODS.find((p) => p <= windowSeconds / 4) ?? 1;
}

/** How far back to ask: the window, plus room for the period alignment and the metric's lag. */
export function lookbackSeconds(windowSeconds: number, periodSeconds: number): number {
  return windowSeconds + 3 * periodSeconds + (periodSeconds >= 60 ? 180 : 0);
}

export interface StateRun {
  /** Seconds the state has held continuously, up to the end of the newest datapoint (0 when it does not hold now). */
  seconds: number;
  /** Epoch ms when the run began (undefined when seconds is 0). */
  since?: number;
  /** Epoch ms of the end of the newest datapoint. */
  dataUntil: number;
}

/**
 * An inverted health check reports the opposite of its endpoint, so "the endpoint is unhealthy" is
 * the reported series being healthy throughout. (Assumes Inverted did not change during the window.)
 */
function seriesFor(series: HealthStatusSeries, want: WantedState, inverted: boolean): { points: MetricPoint[]; match: number } {
  const reportedHealthy = (want === 'healthy') !== inverted;
  return reportedHealthy ? { points: series.minimum, match: 1 } : { points: series.maximum, match: 0 };
}

/** undefined when there is no datapoint at all (the caller watches live instead). */
export function continuousRun(
  series: HealthStatusSeries,
  want: WantedState,
  opts: { periodSeconds: number; now: number; inverted?: boolean },
): StateRun | undefined {
  const { points, match } = seriesFor(series, want, Boolean(opts.inverted));
  if (points.length === 0) return undefined;
  const periodMs = opts.periodSeconds * 1000;
  const sorted = [...points].sort((a, b) => a.time - b.time);
  const newest = sorted[sorted.length - 1];
  const dataUntil = Math.min(newest.time + periodMs, opts.now);
  let since: number | undefined;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const point = sorted[i];
    if (point.value !== match) break;
    const next = sorted[i + 1];
    // A gap means no evidence for that time: the run cannot reach across it.
    if (next && next.time - point.time > periodMs) break;
    since = point.time;
  }
  if (since === undefined) return { seconds: 0, dataUntil };
  return { seconds: Math.max(0, (dataUntil - since) / 1000), since, dataUntil };
}

/** The finer period asked for the period in which a run began, to find its first observation. */
export const REFINE_PERIOD_SECONDS = 10;

/**
 * Where inside the period before `since` the state began, from finer data: the earliest point of an
 * unbroken run of matching finer periods ending at `since`. Undefined when the finer data does not
 * resolve it — a metric published once a minute has no point at `since` − 10 s, so the run keeps its
 * whole-period start (erring short, never long).
 */
export function refineStart(
  series: HealthStatusSeries,
  want: WantedState,
  opts: { since: number; periodSeconds: number; finePeriodSeconds: number; inverted?: boolean },
): number | undefined {
  const { points, match } = seriesFor(series, want, Boolean(opts.inverted));
  const fineMs = opts.finePeriodSeconds * 1000;
  const earliest = opts.since - opts.periodSeconds * 1000;
  const byTime = new Map(points.map((p) => [p.time, p.value]));
  let start: number | undefined;
  for (let t = opts.since - fineMs; t >= earliest; t -= fineMs) {
    if (byTime.get(t) !== match) break;
    start = t;
  }
  return start;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}
