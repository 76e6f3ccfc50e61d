/**
 * GetHealthCheckStatus: one observation per health-checker Region, each with a free-text status
 * that starts with "Success:" or "Failure:" as Route 53's does. In the sandbox every checker agrees
 * (an outage is Region-wide), and the text already reflects Inverted and Disabled so that a reader
 * counting "Success:" sees the check's effective health.
 */
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import { CHECKER_REGIONS } from './health-check-config.js';
import type { HealthCheckRecord, HealthCheckStore } from './health-checks.js';
import { currentMoment, endpointUp, evaluateHealth } from './health-evaluation.js';
import { isoTime, xmlList } from './xml.js';

const TIMED_OUT =
  'Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall.';

function endpointReport(type: string, up: boolean): string {
  if (!up) return TIMED_OUT;
  if (type === 'TCP') return 'TCP connection established';
  if (type.endsWith('_STR_MATCH')) return 'HTTP Status Code 200, OK. Resolved search string in response body';
  if (type === 'CLOUDWATCH_METRIC') return 'Insufficient data for the alarm; using InsufficientDataHealthStatus';
  return 'HTTP Status Code 200, OK';
}

export function statusText(record: HealthCheckRecord, healthy: boolean, up: boolean): string {
  const config = record.config;
  if (config.Disabled) return 'Success: Health checking is disabled; Route 53 considers the health check healthy.';
  const report = endpointReport(config.Type, up);
  if (config.Inverted) return `${healthy ? 'Success' : 'Failure'}: Inverted health check; the endpoint reported: ${report}`;
  return `${healthy ? 'Success' : 'Failure'}: ${report}`;
}

/** A stable, plausible checker address per Region (Route 53 checkers live in 15.177.0.0/18 and others). */
function checkerAddress(index: number): string {
  return `15.177.${2 + index * 8}.${(37 + index * 29) % 250}`;
}

export function healthCheckObservations(store: HealthCheckStore, record: HealthCheckRecord, ctx: CallContext): JsonObject {
  if (record.config.Type === 'CALCULATED') {
    throw new SandboxError('InvalidInput', 'Invalid request: GetHealthCheckStatus does not support calculated health checks; use the CloudWatch HealthCheckStatus metric.');
  }
  const moment = currentMoment(store, ctx);
  const healthy = evaluateHealth(record.id, moment) === true;
  const up = endpointUp(record.config, moment);
  const intervalMs = (record.config.RequestInterval ?? 30) * 1000;
  const observations = (record.config.Regions ?? CHECKER_REGIONS).map((region, index) => ({
    Region: region,
    IPAddress: checkerAddress(CHECKER_REGIONS.indexOf(region) >= 0 ? CHECKER_REGIONS.indexOf(region) : index),
    StatusReport: {
      Status: statusText(record, healthy, up),
      // Checkers run independently: their last check times are spread over one interval.
      CheckedTime: isoTime(Math.max(record.createdAt, ctx.now - ((index * 3_700) % intervalMs))),
    },
  }));
  return { HealthCheckObservations: xmlList('HealthCheckObservation', observations) };
}
