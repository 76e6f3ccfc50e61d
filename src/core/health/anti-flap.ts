/**
 * The anti-flap guard's evidence: has a Region been unhealthy (before a failover) or healthy (before
 * a failback) continuously for the window? Its current health check status first; then the CloudWatch
 * HealthCheckStatus history; without any history, a live watch of the window with a countdown.
 * Only Route 53 and CloudWatch (global, us-east-1) are asked — never the Region being judged.
 */
import type { EmitEvent } from '../events.js';
import { describeReading, endpointHealthy, errorText, type HealthCheckReading } from './checkers.js';
import type { HealthMetricsReader } from './ports.js';
import { watchState, type WatchClock } from './watch.js';
import { continuousRun, formatSeconds, lookbackSeconds, periodFor, REFINE_PERIOD_SECONDS, refineStart, type StateRun, type WantedState } from './window.js';

export interface AntiFlapEvidence {
  region: string;
  healthCheckId?: string;
  want: WantedState;
  windowSeconds: number;
  source: 'cloudwatch' | 'live' | 'current' | 'none';
  /** Seconds the state is proven to have held. */
  seconds: number;
  /** ISO 8601: when the run began, when known. */
  since?: string;
  current?: HealthCheckReading;
  ok: boolean;
  detail: string;
}

export interface AntiFlapPorts {
  metrics: HealthMetricsReader;
  /** The current status of the Region's health check. */
  read(): Promise<HealthCheckReading>;
  clock: WatchClock;
  /** anti-flap.live-watch when there is no history, then the live watch's health.watching ticks. */
  emit: EmitEvent;
  signal?: AbortSignal;
}

export interface AntiFlapRequest {
  region: string;
  healthCheckId?: string;
  want: WantedState;
  windowSeconds: number;
}

export async function antiFlapEvidence(ports: AntiFlapPorts, req: AntiFlapRequest): Promise<AntiFlapEvidence> {
  const base = { region: req.region, healthCheckId: req.healthCheckId, want: req.want, windowSeconds: req.windowSeconds };
  if (!req.healthCheckId) {
    return { ...base, source: 'none', seconds: 0, ok: false, detail: `no Route 53 health check is configured for ${req.region}: nothing proves it has been ${req.want}` };
  }
  let current: HealthCheckReading;
  try {
    current = await ports.read();
  } catch (err) {
    return { ...base, source: 'none', seconds: 0, ok: false, detail: `the status of health check ${req.healthCheckId} could not be read: ${errorText(err)}` };
  }
  const healthyNow = endpointHealthy(current);
  if (healthyNow === undefined || healthyNow !== (req.want === 'healthy')) {
    const state = healthyNow === undefined ? 'of unknown health' : healthyNow ? 'healthy' : 'unhealthy';
    return { ...base, source: 'current', current, seconds: 0, ok: false, detail: `${req.region} is ${state} now (${describeReading(current)})` };
  }
  if (req.windowSeconds === 0) {
    return { ...base, source: 'current', current, seconds: 0, ok: true, detail: `${req.region} is ${req.want} now; no window is required (guards.minUnhealthySeconds: 0)` };
  }

  const now = ports.clock.now().getTime();
  const periodSeconds = periodFor(req.windowSeconds);
  const start = new Date(now - lookbackSeconds(req.windowSeconds, periodSeconds) * 1000);
  let run: ReturnType<typeof continuousRun>;
  let metricsError: string | undefined;
  try {
    const series = await ports.metrics.healthCheckStatus(req.healthCheckId, { start, end: new Date(now), periodSeconds });
    run = continuousRun(series, req.want, { periodSeconds, now, inverted: current.inverted });
  } catch (err) {
    metricsError = errorText(err);
  }

  if (run) {
    const refined = await refineRun(ports, req, run, { periodSeconds, inverted: current.inverted });
    run = refined.run;
    const ok = run.seconds >= req.windowSeconds;
    const since = run.since !== undefined ? new Date(run.since).toISOString() : undefined;
    const held = `${req.region} has been ${req.want} for ${formatSeconds(run.seconds)}${since ? ` (since ${since}, ${refined.basis})` : ''} per CloudWatch HealthCheckStatus`;
    const detail = ok
      ? `${held}; the window is ${formatSeconds(req.windowSeconds)}`
      : `${held}, less than the ${formatSeconds(req.windowSeconds)} window: retry in about ${formatSeconds(req.windowSeconds - run.seconds)}`;
    return { ...base, source: 'cloudwatch', current, seconds: run.seconds, since, ok, detail };
  }

  ports.emit({
    level: 'info',
    code: 'anti-flap.live-watch',
    data: { region: req.region, healthCheckId: req.healthCheckId, windowSeconds: req.windowSeconds, ...(metricsError ? { metricsError } : {}) },
  });
  const watched = await watchState(
    { clock: ports.clock, read: ports.read, emit: ports.emit, signal: ports.signal },
    { want: req.want, windowSeconds: req.windowSeconds, label: `${req.region} (health check ${req.healthCheckId})` },
  );
  return { ...base, source: 'live', current, seconds: watched.seconds, ok: watched.ok, detail: watched.detail };
}

/**
 * A run found at a coarse period (60 s for windows of two minutes or more) starts at the first period
 * in the state throughout: a fault at 07:24:40 would count from 07:25:00. The period before is asked
 * again at 10 s; where the metric resolves it (finer data), the run counts from the first observation
 * in the state. Where it does not, the run keeps its start and the evidence says how coarse it is.
 */
async function refineRun(
  ports: AntiFlapPorts,
  req: AntiFlapRequest,
  run: StateRun,
  opts: { periodSeconds: number; inverted?: boolean },
): Promise<{ run: StateRun; basis: string }> {
  const firstObservation = (resolution: number) => `the first ${req.want} observation, at the metric's ${formatSeconds(resolution)} resolution`;
  if (run.since === undefined || opts.periodSeconds <= REFINE_PERIOD_SECONDS || !req.healthCheckId) {
    return { run, basis: firstObservation(opts.periodSeconds) };
  }
  const coarse = { run, basis: `the first ${formatSeconds(opts.periodSeconds)} period ${req.want} throughout: the metric resolves no finer, so it may have begun up to ${formatSeconds(opts.periodSeconds)} earlier` };
  try {
    const range = { start: new Date(run.since - opts.periodSeconds * 1000), end: new Date(run.since), periodSeconds: REFINE_PERIOD_SECONDS };
    const fine = await ports.metrics.healthCheckStatus(req.healthCheckId, range);
    const start = refineStart(fine, req.want, { since: run.since, periodSeconds: opts.periodSeconds, finePeriodSeconds: REFINE_PERIOD_SECONDS, inverted: opts.inverted });
    if (start === undefined) return coarse;
    return { run: { ...run, since: start, seconds: Math.max(0, (run.dataUntil - start) / 1000) }, basis: firstObservation(REFINE_PERIOD_SECONDS) };
  } catch {
    // The coarse run stands: it errs on the short side.
    return coarse;
  }
}
