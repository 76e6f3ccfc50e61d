/**
 * GetHealthCheckStatus: one observation per health-checker Region, each with a free-text status
 * that starts with "Success:" or "Failure:" as Route 53's does. Each is "the status of the health
 * check endpoint as reported by one of the health checkers" (API reference, StatusReport; aws-conformance
 * G1): the raw observation of the endpoint. Inverted and Disabled are NOT applied here — they act on
 * the check's own status (DNS routing, the CloudWatch HealthCheckStatus metric), which a reader must
 * derive itself. In the sandbox every checker agrees (an outage is Region-wide).
 */
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import { CHECKER_REGIONS } from './health-check-config.js';
import type { HealthCheckRecord, HealthCheckStore } from './health-checks.js';
import { currentMoment, observeRaw } from './health-evaluation.js';
import { isoTime, xmlList } from './xml.js';

const TIMED_OUT =
  'Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall.';

function endpointReport(type: string, up: boolean): string {
  if (type === 'CLOUDWATCH_METRIC') return 'Insufficient data for the alarm; using InsufficientDataHealthStatus';
  if (type === 'RECOVERY_CONTROL') return up ? 'Routing control state is On' : 'Routing control state is Off';
  if (!up) return TIMED_OUT;
  if (type === 'TCP') return 'TCP connection established';
  if (type.endsWith('_STR_MATCH')) return 'HTTP Status Code 200, OK. Resolved search string in response body';
  return 'HTTP Status Code 200, OK';
}

/** One checker's report of the endpoint: never mentions Inverted or Disabled (aws-conformance G1). [INF] */
export function statusText(type: string, up: boolean): string {
  return `${up ? 'Success' : 'Failure'}: ${endpointReport(type, up)}`;
}

/** A stable, plausible checker address per Region (Route 53 checkers live in 15.177.0.0/18 and others). */
function checkerAddress(index: number): string {
  return `15.177.${2 + index * 8}.${(37 + index * 29) % 250}`;
}

export function healthCheckObservations(store: HealthCheckStore, record: HealthCheckRecord, ctx: CallContext): JsonObject {
  if (record.config.Type === 'CALCULATED') {
    throw new SandboxError('InvalidInput', 'Invalid request: GetHealthCheckStatus does not support calculated health checks; use the CloudWatch HealthCheckStatus metric.');
  }
  // Disabled checks: the checkers' last observations stay readable; the sandbox keeps reporting the
  // endpoint, and readers apply Disabled (→ healthy) themselves. [INF]
  const up = observeRaw(record.config, currentMoment(store, ctx), record.id);
  const intervalMs = (record.config.RequestInterval ?? 30) * 1000;
  const observations = (record.config.Regions ?? CHECKER_REGIONS).map((region, index) => ({
    Region: region,
    IPAddress: checkerAddress(CHECKER_REGIONS.indexOf(region) >= 0 ? CHECKER_REGIONS.indexOf(region) : index),
    StatusReport: {
      Status: statusText(record.config.Type, up),
      // Checkers run independently: their last check times are spread over one interval.
      CheckedTime: isoTime(Math.max(record.createdAt, ctx.now - ((index * 3_700) % intervalMs))),
    },
  }));
  return { HealthCheckObservations: xmlList('HealthCheckObservation', observations) };
}
