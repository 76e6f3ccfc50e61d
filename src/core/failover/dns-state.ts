/**
 * Where DNS sends users now, and what it takes to send them to a target Region, for both strategies:
 * - weighted: the weight of each Region's record (evaluateRouting), and each record exactly as listed,
 *   because a compare-and-swap DELETE must repeat it field for field;
 * - cognito-domain: the custom domain follows the primary's health check — healthy → primary,
 *   unhealthy → secondary — and that status is the endpoint's health XOR Inverted.
 */
import type { DnsConfig } from '../config/schema.js';
import { evaluateRouting, recordForRegion } from '../dns/routing.js';
import { endpointHealthy, type HealthCheckReading } from '../health/checkers.js';
import type { HealthCheck, RecordSet } from '../ports/route53.js';

export interface Regions {
  primary: string;
  secondary: string;
}

export interface DnsState {
  strategy: DnsConfig['strategy'];
  /** The Regions DNS sends users to now. */
  serving: string[];
  weights?: Record<string, number>;
  /** weighted: each Region's record exactly as ListResourceRecordSets returned it. */
  records?: Record<string, RecordSet>;
  /** cognito-domain: the primary's health check and its current status. */
  healthCheck?: HealthCheck;
  reading?: HealthCheckReading;
  evidence: string;
}

/** The health check that watches a Region: from the config, else from the Region's listed record. */
export function healthCheckFor(dns: DnsConfig | undefined, region: string, regions: Regions, records: RecordSet[] = []): string | undefined {
  if (!dns) return undefined;
  const configured = dns.records?.[region]?.healthCheckId;
  if (configured) return configured;
  // arc-routing-control: the records carry RECOVERY_CONTROL checks, which follow the routing controls, not the Region.
  if (dns.strategy === 'arc-routing-control') return undefined;
  if (dns.strategy === 'cognito-domain' && region === regions.primary) return dns.healthCheckId;
  return recordForRegion(dns, region, records)?.HealthCheckId;
}

/** The endpoint's own health behind a (possibly inverted) check: see checkers.ts. */
export { endpointHealthy };

export function dnsStateOf(
  dns: DnsConfig,
  regions: Regions,
  records: RecordSet[],
  healthCheck?: HealthCheck,
  reading?: HealthCheckReading,
): DnsState {
  if (dns.strategy === 'weighted') {
    const routing = evaluateRouting(dns, regions, records);
    const found: Record<string, RecordSet> = {};
    for (const region of [regions.primary, regions.secondary]) {
      const record = recordForRegion(dns, region, records);
      if (record) found[region] = record;
    }
    return { strategy: 'weighted', serving: routing.serving, weights: routing.weights, records: found, evidence: routing.evidence };
  }
  const inverted = healthCheck?.HealthCheckConfig?.Inverted === true;
  const reported = reading?.healthy;
  // Without a readable status, assume the endpoint is healthy: then only Inverted decides. [INF]
  const primaryServed = reported ?? !inverted;
  const state: DnsState = {
    strategy: 'cognito-domain',
    serving: [primaryServed ? regions.primary : regions.secondary],
    evidence:
      `health check ${dns.healthCheckId} ${inverted ? 'inverted' : 'not inverted'}, ` +
      `${reported === undefined ? 'status unknown' : reported ? 'reports healthy' : 'reports unhealthy'} → the custom domain routes to ${primaryServed ? regions.primary : regions.secondary}`,
  };
  if (healthCheck) state.healthCheck = healthCheck;
  if (reading) state.reading = reading;
  return state;
}

/**
 * cognito-domain moves traffic by inverting the primary's health check, which only some types allow:
 * Route 53 refuses any UpdateHealthCheck of a RECOVERY_CONTROL check (it follows its ARC routing
 * control; aws-conformance G1), and Inverted on a CLOUDWATCH_METRIC or CALCULATED check inverts what its
 * alarm or children say — allowed, and read back from CloudWatch. Undefined when the type allows it.
 */
export function healthCheckTypeGuard(state: DnsState): { id: string; ok: false; evidence: string; remedy: string } | undefined {
  const type = state.healthCheck?.HealthCheckConfig?.Type;
  if (state.strategy !== 'cognito-domain' || type !== 'RECOVERY_CONTROL') return undefined;
  return {
    id: 'health-check-type',
    ok: false,
    evidence: `health check ${state.healthCheck?.Id} is a RECOVERY_CONTROL check: Route 53 refuses to update it (its status follows an ARC routing control), so inverting it cannot move the custom domain`,
    remedy:
      'move traffic by setting the routing control instead (ARC cluster API UpdateRoutingControlState, e.g. `aws route53-recovery-cluster update-routing-control-state`), or point dns.healthCheckId at an HTTPS health check of the primary endpoint',
  };
}

/** DNS already sends every user to `target`. */
export function servesOnly(state: DnsState, target: string): boolean {
  return state.serving.length === 1 && state.serving[0] === target;
}

/**
 * cognito-domain: the Inverted value that routes the custom domain to `target` given the endpoint's
 * health now. Reported status = endpoint health XOR Inverted, and the domain goes to the primary
 * exactly when the reported status is healthy.
 */
export function invertedFor(target: string, regions: Regions, endpointIsHealthy: boolean): boolean {
  const wantReportedHealthy = target === regions.primary;
  return endpointIsHealthy !== wantReportedHealthy;
}

/** The weight the target gets: the largest weight in use (so relative shares stay familiar), else 100. */
export function fullWeight(weights: Record<string, number> | undefined): number {
  const max = Math.max(0, ...Object.values(weights ?? {}));
  return max > 0 ? max : 100;
}
