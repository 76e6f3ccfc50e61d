/**
 * Reading a health check's status, by its Type (aws-conformance G1, C7):
 * - endpoint checks (HTTP, HTTPS, *_STR_MATCH, TCP): GetHealthCheckStatus's per-checker observations
 *   of the endpoint, with the 18 % rule, Disabled and Inverted applied here (checkers.ts);
 * - CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL checks have no endpoint to observe, and
 *   GetHealthCheckStatus refuses CALCULATED ones: their status is the CloudWatch HealthCheckStatus
 *   metric (us-east-1; 1 healthy, 0 unhealthy; the check's status after inversion), when a metrics
 *   port is given.
 * GetHealthCheck comes first, so the Type decides which API is asked (or, with statusAlongside,
 * GetHealthCheckStatus goes with it and is used only when the Type says so).
 */
import type { HealthCheck, HealthCheckObservation, Route53Reader } from '../ports/route53.js';
import { errorText, readingError, readingOf, type HealthCheckReading } from './checkers.js';
import type { HealthMetricsReader, MetricPoint } from './ports.js';

/** Types whose checkers observe an endpoint; every other type is read from CloudWatch. */
export const ENDPOINT_CHECK_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'];

/** How far back the metric is read: Route 53 publishes it once a minute, with some lag. [INF] */
export const METRIC_LOOKBACK_SECONDS = 300;

export interface HealthStatusPorts {
  route53: Route53Reader;
  /** Without it, checks that only CloudWatch can read report an error saying so. */
  metrics?: { reader: HealthMetricsReader; now(): number };
}

export function isEndpointCheck(check: HealthCheck | undefined): boolean {
  const type = check?.HealthCheckConfig?.Type;
  return type === undefined || ENDPOINT_CHECK_TYPES.includes(String(type));
}

const latest = (points: MetricPoint[]) => (points.length === 0 ? undefined : [...points].sort((a, b) => a.time - b.time)[points.length - 1]);

/** The newest metric period: healthy when Minimum is 1, unhealthy when Maximum is 0, else it changed in that period. */
export async function readingFromMetric(metrics: HealthMetricsReader, id: string, check: HealthCheck, now: number): Promise<HealthCheckReading> {
  const config = check.HealthCheckConfig;
  const base: HealthCheckReading = { id, source: 'cloudwatch', healthyCheckers: 0, checkers: 0, share: 0, type: String(config.Type ?? '') };
  if (config.Inverted !== undefined) base.inverted = config.Inverted;
  if (config.Disabled) base.disabled = true;
  const series = await metrics.healthCheckStatus(id, { start: new Date(now - METRIC_LOOKBACK_SECONDS * 1000), end: new Date(now), periodSeconds: 60 });
  const min = latest(series.minimum);
  const max = latest(series.maximum);
  if (!min || !max) return { ...base, error: `CloudWatch has no HealthCheckStatus data for health check ${id} in the last ${METRIC_LOOKBACK_SECONDS / 60} minutes` };
  if (min.value === 1) return { ...base, healthy: true };
  if (max.value === 0) return { ...base, healthy: false };
  return { ...base, error: `health check ${id} changed status within the last minute (CloudWatch HealthCheckStatus Minimum 0, Maximum 1)` };
}

export interface ReadHealthCheckOptions {
  /**
   * Send GetHealthCheckStatus together with GetHealthCheck instead of after it (one round trip, not
   * two), for a reading on a command's critical path. The verdict is the same: the status is used only
   * when the check turns out to be an endpoint check, and only after GetHealthCheck answered (its
   * failure, or "no such check", wins). The cost: a check read from CloudWatch (CALCULATED,
   * CLOUDWATCH_METRIC, RECOVERY_CONTROL) gets one GetHealthCheckStatus it does not use (refused for
   * CALCULATED ones). Ignored when the check is already known.
   */
  statusAlongside?: boolean;
  /**
   * A GetHealthCheckStatus for this id already started (alongside a GetHealthCheck read elsewhere):
   * used, under the same rule, instead of asking again.
   */
  status?: Promise<HealthCheckObservation[] | undefined>;
}

/** The check's status; errors become a reading with `error` set (never throws). */
export async function readHealthCheck(ports: HealthStatusPorts, id: string, known?: HealthCheck, opts: ReadHealthCheckOptions = {}): Promise<HealthCheckReading> {
  const statusEarly = opts.status ?? (!known && opts.statusAlongside ? ports.route53.getHealthCheckStatus(id) : undefined);
  // Awaited only for an endpoint check, after GetHealthCheck: otherwise its failure is not ours to report.
  statusEarly?.catch(() => undefined);
  try {
    const check = known ?? (await ports.route53.getHealthCheck(id));
    if (!check) return readingOf(id, undefined);
    const config = check.HealthCheckConfig ?? {};
    if (isEndpointCheck(check)) {
      const settings = { Inverted: config.Inverted, Disabled: config.Disabled, Type: config.Type === undefined ? undefined : String(config.Type) };
      return readingOf(id, await (statusEarly ?? ports.route53.getHealthCheckStatus(id)), settings);
    }
    if (!ports.metrics) {
      return {
        ...readingError(id, new Error('no CloudWatch reader')),
        type: String(config.Type),
        error: `a ${String(config.Type)} health check has no endpoint observations (GetHealthCheckStatus cannot read it): its status is the CloudWatch HealthCheckStatus metric, which this command does not read`,
      };
    }
    return await readingFromMetric(ports.metrics.reader, id, check, ports.metrics.now());
  } catch (err) {
    return { ...readingError(id, err), error: errorText(err) };
  }
}
