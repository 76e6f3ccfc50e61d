/**
 * `data.dns.serving`: the Region users are routed to NOW, for every DNS strategy, computed here and
 * only here. Each strategy reads its own evidence:
 * - weighted: the weight of each Region's record (Route 53 answers in proportion to the weights; with
 *   every weight 0 it answers with all records equally — aws-conformance C4);
 * - cognito-domain: the custom domain's failover routing follows the primary's health check — its
 *   status (after Inverted) healthy → the primary, unhealthy → the secondary. The status is READ
 *   (checkers, or CloudWatch for checks without an endpoint); when it cannot be read the answer is
 *   unknown, never "probably the primary".
 * What cannot be read is `serving: null` with the reason in `servingUnknown`.
 */
import type { DnsConfig } from '../config/schema.js';
import { recordForRegion } from '../dns/routing.js';
import type { HealthCheckReading } from '../health/checkers.js';
import type { RecordSet } from '../ports/route53.js';
import { describeArcStates, servingFromRoutingControls, type ArcStates } from '../failover/arc-states.js';
import type { Observed } from './observed.js';

export interface DnsServing {
  /** The configured strategy; null when the config has no `dns` section. */
  strategy: DnsConfig['strategy'] | null;
  /** The Region users are routed to now (during a canary: the one with the larger share); null when unknown. */
  serving: string | null;
  /** Why `serving` is null; null when it is known. */
  servingUnknown: string | null;
  /** The share of DNS answers each Region gets now, in percent; null when unknown. */
  shares: Record<string, number> | null;
  /** weighted: each Region's record weight (a missing record counts 0); null for other strategies or when unreadable. */
  weights: Record<string, number> | null;
  /** cognito-domain: the primary's health check as read; null for other strategies. */
  healthCheck: { id: string; healthy: boolean | null; inverted: boolean | null } | null;
  /** What the answer rests on, in words; null when nothing could be read. */
  evidence: string | null;
}

/** What status read for the serving answer; each strategy uses its own part. */
export interface ServingReads {
  /** The records at dns.recordName. */
  records?: Observed<RecordSet[]>;
  /** cognito-domain: the primary's health check status. */
  healthCheck?: Observed<HealthCheckReading>;
  /** arc-routing-control: the routing control states, read from whichever cluster endpoint answered. */
  arcStates?: ArcStates;
}

export interface Regions {
  primary: string;
  secondary: string;
}

const EMPTY = { shares: null, weights: null, healthCheck: null } as const;

function unknown(strategy: DnsServing['strategy'], reason: string, evidence: string | null = null): DnsServing {
  return { strategy, serving: null, servingUnknown: reason, ...EMPTY, evidence };
}

/** The Region with the larger share, or null (with the reason) when the shares are equal. */
function fromShares(strategy: DnsServing['strategy'], shares: Record<string, number>, evidence: string): Pick<DnsServing, 'serving' | 'servingUnknown'> {
  const [first, second] = Object.entries(shares).sort((a, b) => b[1] - a[1]);
  if (!first) return { serving: null, servingUnknown: `no ${strategy} record answers` };
  if (second && second[1] === first[1]) return { serving: null, servingUnknown: `traffic is split evenly (${evidence})` };
  return { serving: first[0], servingUnknown: null };
}

function weighted(dns: DnsConfig, regions: Regions, reads: ServingReads): DnsServing {
  if (!reads.records) return unknown('weighted', 'the records were not read');
  if (!reads.records.ok) return unknown('weighted', `Route 53 ListResourceRecordSets ${dns.recordName}: ${reads.records.error}`);
  const weights: Record<string, number> = {};
  for (const region of [regions.primary, regions.secondary]) weights[region] = Number(recordForRegion(dns, region, reads.records.value)?.Weight ?? 0);
  const total = weights[regions.primary] + weights[regions.secondary];
  const shares: Record<string, number> = {};
  // With every weight 0 Route 53 answers with all records equally.
  for (const region of Object.keys(weights)) shares[region] = total === 0 ? 50 : Math.round((weights[region] * 100) / total);
  const evidence = Object.entries(weights)
    .map(([region, weight]) => `${region} weight ${weight}`)
    .join(', ');
  return { strategy: 'weighted', ...fromShares('weighted', shares, evidence), shares, weights, healthCheck: null, evidence };
}

function cognitoDomain(dns: DnsConfig, regions: Regions, reads: ServingReads): DnsServing {
  const id = dns.healthCheckId ?? '';
  if (!reads.healthCheck) return unknown('cognito-domain', `health check ${id} was not read`);
  if (!reads.healthCheck.ok) return unknown('cognito-domain', `health check ${id}: ${reads.healthCheck.error}`);
  const reading = reads.healthCheck.value;
  const inverted = reading.inverted ?? null;
  const healthCheck = { id, healthy: reading.healthy ?? null, inverted };
  const flag = inverted === null ? '' : inverted ? ', inverted' : ', not inverted';
  if (reading.healthy === undefined) {
    return { ...unknown('cognito-domain', `the status of health check ${id} cannot be read: ${reading.error ?? 'no answer'}`), healthCheck };
  }
  const to = reading.healthy ? regions.primary : regions.secondary;
  const evidence = `health check ${id} ${reading.healthy ? 'healthy' : 'unhealthy'}${flag} → the custom domain routes to ${to}`;
  const shares = { [regions.primary]: reading.healthy ? 100 : 0, [regions.secondary]: reading.healthy ? 0 : 100 };
  return { strategy: 'cognito-domain', serving: to, servingUnknown: null, shares, weights: null, healthCheck, evidence };
}

/**
 * arc-routing-control: the Region whose routing control is On serves (its RECOVERY_CONTROL health check
 * is healthy); both On → split evenly; none On or nothing readable → unknown, with the evidence.
 */
function arcRoutingControl(regions: Regions, reads: ServingReads): DnsServing {
  const strategy = 'arc-routing-control';
  const states = reads.arcStates;
  if (!states) return unknown(strategy, 'the routing control states were not read');
  const evidence = describeArcStates(states, regions);
  if (!states.byRegion) return unknown(strategy, evidence);
  const on = servingFromRoutingControls(states.byRegion, [regions.primary, regions.secondary]);
  if (on.length === 0) return unknown(strategy, `no routing control is On (${evidence})`, evidence);
  const shares = Object.fromEntries([regions.primary, regions.secondary].map((r) => [r, on.includes(r) ? Math.round(100 / on.length) : 0]));
  return { strategy, ...fromShares(strategy, shares, evidence), shares, weights: null, healthCheck: null, evidence };
}

/** The serving answer for the configured strategy: one explicit case per strategy. */
export function dnsServing(dns: DnsConfig | undefined, regions: Regions, reads: ServingReads): DnsServing {
  if (!dns) return unknown(null, 'the config has no dns section');
  const strategy = dns.strategy;
  switch (strategy) {
    case 'weighted':
      return weighted(dns, regions, reads);
    case 'cognito-domain':
      return cognitoDomain(dns, regions, reads);
    case 'arc-routing-control':
      return arcRoutingControl(regions, reads);
    default: {
      // A strategy added to the config without a case here fails the typecheck.
      const unhandled: never = strategy;
      return unknown(unhandled, `status cannot read the ${String(unhandled)} strategy`);
    }
  }
}
