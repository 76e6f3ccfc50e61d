/**
 * A Route 53 health check's status from GetHealthCheckStatus: one observation per checker Region, each
 * a free-text report that starts with "Success" or "Failure". Route 53 considers the endpoint healthy
 * while more than 18% of its checkers report it healthy (aws-facts C7; the sandbox uses the same rule).
 * The status already reflects Inverted and Disabled: it is what DNS routing acts on.
 */
import type { HealthCheckObservation } from '../ports/route53.js';

/** Route 53: healthy when MORE than this share of checkers report success. */
export const HEALTHY_SHARE_THRESHOLD = 0.18;

export interface HealthCheckReading {
  id: string;
  /** Undefined when the status could not be read (error set). */
  healthy?: boolean;
  healthyCheckers: number;
  checkers: number;
  /** healthyCheckers / checkers, 0..1. */
  share: number;
  /** The health check is inverted: `healthy` is the inverse of the endpoint's health. */
  inverted?: boolean;
  error?: string;
}

export function readingOf(id: string, observations: HealthCheckObservation[] | undefined, inverted?: boolean): HealthCheckReading {
  if (observations === undefined) {
    return { id, healthyCheckers: 0, checkers: 0, share: 0, error: `health check ${id} does not exist` };
  }
  const healthyCheckers = observations.filter((o) => /^success/i.test(o.status.trim())).length;
  const checkers = observations.length;
  const share = checkers === 0 ? 0 : healthyCheckers / checkers;
  const reading: HealthCheckReading = { id, healthy: checkers > 0 && share > HEALTHY_SHARE_THRESHOLD, healthyCheckers, checkers, share };
  if (inverted !== undefined) reading.inverted = inverted;
  if (checkers === 0) reading.error = `health check ${id} reported no checker observations`;
  return reading;
}

export function readingError(id: string, err: unknown): HealthCheckReading {
  return { id, healthyCheckers: 0, checkers: 0, share: 0, error: errorText(err) };
}

/** "14/16 checkers healthy (88%)", or the error. */
export function describeReading(r: HealthCheckReading): string {
  if (r.error && r.healthy === undefined) return `health check ${r.id}: ${r.error}`;
  const inverted = r.inverted ? ', inverted' : '';
  return `health check ${r.id}: ${r.healthyCheckers}/${r.checkers} checkers healthy (${Math.round(r.share * 100)}%${inverted}) → ${r.healthy ? 'healthy' : 'unhealthy'}`;
}

export function errorText(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string };
  return `${e?.name ?? 'Error'}: ${e?.message || e?.code || String(err)}`;
}
