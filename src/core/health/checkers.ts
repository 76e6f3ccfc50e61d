/**
 * A Route 53 health check's status, derived the way Route 53 derives it (aws-conformance G1):
 * - GetHealthCheckStatus returns one observation per checker Region; each is the checker's view of
 *   the ENDPOINT ("Success: …"/"Failure: …"), before Inverted and Disabled.
 * - The endpoint counts as healthy when MORE than 18 % of the checkers report it healthy.
 * - The check's own status — what DNS routing and the CloudWatch HealthCheckStatus metric act on — is
 *   then: Disabled → healthy; else the endpoint's health, flipped when Inverted.
 * A reading carries both: `healthy` is the check's status, `endpointHealthy` the endpoint behind it,
 * and the per-checker counts stay as diagnostic evidence.
 */
import type { HealthCheckObservation } from '../ports/route53.js';

/** Route 53: healthy when MORE than this share of checkers report success. */
export const HEALTHY_SHARE_THRESHOLD = 0.18;

export interface HealthCheckReading {
  id: string;
  /** The check's own status (after Disabled and Inverted): what DNS acts on. Undefined when unreadable. */
  healthy?: boolean;
  /** The endpoint's health as the checkers see it (18 % rule), before inversion; undefined when not observed. */
  endpointHealthy?: boolean;
  /** Where `healthy` comes from: the checkers' observations, or the CloudWatch HealthCheckStatus metric. */
  source?: 'checkers' | 'cloudwatch';
  /** The check's Type (HTTPS, CALCULATED, RECOVERY_CONTROL, …) when it was read. */
  type?: string;
  healthyCheckers: number;
  checkers: number;
  /** healthyCheckers / checkers, 0..1. */
  share: number;
  /** The health check is inverted: `healthy` is the inverse of the endpoint's health. */
  inverted?: boolean;
  /** The health check is disabled: Route 53 considers it healthy whatever the endpoint does. */
  disabled?: boolean;
  error?: string;
}

/** What a reading needs to know of the check's configuration. */
export interface CheckSettings {
  Inverted?: boolean;
  Disabled?: boolean;
  Type?: string;
}

/** The check's status from its endpoint's health: Disabled → healthy; Inverted flips. */
export function checkStatus(endpoint: boolean, settings: CheckSettings): boolean {
  if (settings.Disabled) return true;
  return settings.Inverted ? !endpoint : endpoint;
}

export function readingOf(id: string, observations: HealthCheckObservation[] | undefined, settings: CheckSettings = {}): HealthCheckReading {
  if (observations === undefined) {
    return { id, healthyCheckers: 0, checkers: 0, share: 0, error: `health check ${id} does not exist` };
  }
  const healthyCheckers = observations.filter((o) => /^success/i.test(o.status.trim())).length;
  const checkers = observations.length;
  const share = checkers === 0 ? 0 : healthyCheckers / checkers;
  const reading: HealthCheckReading = { id, source: 'checkers', healthyCheckers, checkers, share };
  if (settings.Type) reading.type = settings.Type;
  if (settings.Inverted !== undefined) reading.inverted = settings.Inverted;
  if (settings.Disabled) reading.disabled = true;
  if (checkers === 0) {
    reading.error = `health check ${id} reported no checker observations`;
    // A disabled check is healthy whether or not anyone observes its endpoint.
    if (settings.Disabled) reading.healthy = true;
    return reading;
  }
  reading.endpointHealthy = share > HEALTHY_SHARE_THRESHOLD;
  reading.healthy = checkStatus(reading.endpointHealthy, settings);
  return reading;
}

/**
 * The endpoint's own health behind a check: observed by the checkers when they were read; else (a
 * status from CloudWatch) the status with Inverted undone; undefined for a disabled check read
 * from CloudWatch (its status says nothing about the endpoint) or an unreadable one.
 */
export function endpointHealthy(r: HealthCheckReading | undefined): boolean | undefined {
  if (!r) return undefined;
  if (r.endpointHealthy !== undefined) return r.endpointHealthy;
  if (r.healthy === undefined || r.disabled) return undefined;
  return r.inverted ? !r.healthy : r.healthy;
}

export function readingError(id: string, err: unknown): HealthCheckReading {
  return { id, healthyCheckers: 0, checkers: 0, share: 0, error: errorText(err) };
}

/** "14/16 checkers see the endpoint healthy (88%, inverted) → unhealthy", or the error. */
export function describeReading(r: HealthCheckReading): string {
  if (r.error && r.healthy === undefined) return `health check ${r.id}: ${r.error}`;
  const flags = `${r.inverted ? ', inverted' : ''}${r.disabled ? ', disabled' : ''}`;
  const status = r.healthy ? 'healthy' : 'unhealthy';
  if (r.source === 'cloudwatch') return `health check ${r.id}: CloudWatch HealthCheckStatus ${r.healthy ? 1 : 0}${flags} → ${status}`;
  return `health check ${r.id}: ${r.healthyCheckers}/${r.checkers} checkers see the endpoint healthy (${Math.round(r.share * 100)}%${flags}) → ${status}`;
}

export function errorText(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string };
  return `${e?.name ?? 'Error'}: ${e?.message || e?.code || String(err)}`;
}
