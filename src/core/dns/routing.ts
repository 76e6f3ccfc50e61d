/**
 * Which Regions receive traffic, from the DNS the config describes. Used to refuse replica
 * deactivation or deletion while DNS still routes users to the replica, and by status/failover.
 */
import type { DnsConfig } from '../config/schema.js';
import type { HealthCheck, RecordSet } from '../ports/route53.js';

export interface DnsRouting {
  strategy: DnsConfig['strategy'];
  /** Regions that DNS currently sends traffic to. */
  serving: string[];
  /** Weight per Region (weighted strategy). */
  weights?: Record<string, number>;
  /** The failover health check is inverted (cognito-domain strategy: traffic forced to the secondary). */
  inverted?: boolean;
  evidence: string;
}

const trimDot = (s: string) => s.replace(/\.$/, '').toLowerCase();

/** The record of a Region: by its set identifier when configured, else by its value. */
export function recordForRegion(dns: DnsConfig, region: string, records: RecordSet[]): RecordSet | undefined {
  const wanted = dns.records?.[region];
  if (!wanted) return undefined;
  return records.find((r) =>
    wanted.setIdentifier
      ? r.SetIdentifier === wanted.setIdentifier
      : (r.ResourceRecords ?? []).some((v) => trimDot(v.Value) === trimDot(wanted.value)) ||
        (r.AliasTarget as { DNSName?: string } | undefined)?.DNSName?.replace(/\.$/, '').toLowerCase() === trimDot(wanted.value),
  );
}

export function evaluateRouting(
  dns: DnsConfig,
  regions: { primary: string; secondary: string },
  records: RecordSet[],
  healthCheck?: HealthCheck,
): DnsRouting {
  if (dns.strategy === 'weighted') {
    const weights: Record<string, number> = {};
    for (const region of [regions.primary, regions.secondary]) {
      weights[region] = recordForRegion(dns, region, records)?.Weight ?? 0;
    }
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    // With every weight at 0, Route 53 answers with all records equally.
    const serving = total === 0 ? Object.keys(weights) : Object.keys(weights).filter((r) => weights[r] > 0);
    return {
      strategy: 'weighted',
      serving,
      weights,
      evidence: Object.entries(weights).map(([r, w]) => `${r} weight ${w}`).join(', '),
    };
  }
  const inverted = Boolean(healthCheck?.HealthCheckConfig?.Inverted);
  return {
    strategy: 'cognito-domain',
    serving: [inverted ? regions.secondary : regions.primary],
    inverted,
    evidence: `health check ${dns.healthCheckId} ${inverted ? 'inverted (traffic forced to the secondary)' : 'not inverted'}`,
  };
}
