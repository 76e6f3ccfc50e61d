/**
 * Rules that relate fields to each other: primary ≠ secondary, the pool lives in the primary Region,
 * DNS records per Region. They run on the file alone (at load) and again after flag overrides
 * (requireTopology), so each value carries its origin — a file key or a flag — for the message.
 * Values arrive unvalidated; anything malformed is skipped here because the schema reports it.
 */
import * as z from 'zod';
import { arcIssues } from './arc-checks.js';
import type { ConfigIssue } from './config-error.js';
import { REPLICATION_REGIONS, arnParts, isMrrRegion, isRegionName, partitionOfRegion, regionExpectation } from './regions.js';
import { isDnsName, isUserPoolId, userPoolRegion } from './schema.js';

/** Where a value came from: a key in a file, or a flag (no source). */
export interface Origin {
  source?: string;
  field: string;
}

export interface Sourced {
  value: unknown;
  origin: Origin;
}

export interface TopologyView {
  userPoolId?: Sourced;
  primaryRegion?: Sourced;
  secondaryRegion?: Sourced;
  /** A key ARN (key.arn in the file, or --key-arn), checked for its partition. */
  keyArn?: Sourced;
  /** The raw `dns` section and the file it came from. */
  dns?: unknown;
  dnsSource?: string;
}

/** "primaryRegion in mrrctl.yaml" or "--primary". */
export function describeOrigin(origin: Origin): string {
  return origin.source ? `${origin.field} in ${origin.source}` : origin.field;
}

function issueAt(origin: Origin, value: unknown, expected: string): ConfigIssue {
  return { source: origin.source, field: origin.field, value, expected };
}

function validRegion(sourced: Sourced | undefined): string | undefined {
  return sourced && isRegionName(sourced.value) ? sourced.value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function semanticIssues(view: TopologyView): ConfigIssue[] {
  return [...topologyIssues(view), ...dnsIssues(view)];
}

/**
 * One partition, and Regions where Cognito MRR exists: a GovCloud secondary, a China key ARN with
 * commercial Regions, a Region the feature has not launched in. Kept apart from semanticIssues so the
 * error carries its own code (MRR_CONFIG_E008) when it is the only problem.
 */
export function partitionIssues(view: TopologyView): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const primary = validRegion(view.primaryRegion);
  const home = primary ? partitionOfRegion(primary) : undefined;
  for (const sourced of [view.primaryRegion, view.secondaryRegion]) {
    const region = validRegion(sourced);
    if (!sourced || !region) continue;
    const partition = partitionOfRegion(region);
    if (primary && view.primaryRegion && sourced !== view.primaryRegion && partition !== home) {
      issues.push(
        issueAt(
          sourced.origin,
          region,
          `a Region in the partition of the primary ${primary} (${home}; ${describeOrigin(view.primaryRegion.origin)}): ` +
            `${region} is in the ${partition} partition, and replication cannot cross partitions`,
        ),
      );
    } else if (!isMrrRegion(region)) {
      const where = partition === REPLICATION_REGIONS.partition ? '' : ` (it is in the ${partition} partition)`;
      issues.push(
        issueAt(
          sourced.origin,
          region,
          `a Region where Cognito multi-Region replication is offered: ${REPLICATION_REGIONS.regions.join(', ')}; ` +
            `${region} is not one of them${where} [list: ${REPLICATION_REGIONS.source}]`,
        ),
      );
    }
  }
  const arn = view.keyArn;
  const parts = arn && typeof arn.value === 'string' ? arnParts(arn.value) : undefined;
  if (arn && parts && home && view.primaryRegion && parts.partition !== home) {
    issues.push(
      issueAt(
        arn.origin,
        arn.value,
        `a key ARN in the partition of the primary ${primary} (arn:${home}:…; ${describeOrigin(view.primaryRegion.origin)}): ` +
          `this ARN is in the ${parts.partition} partition`,
      ),
    );
  }
  return issues;
}

function topologyIssues(view: TopologyView): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const primary = validRegion(view.primaryRegion);
  const secondary = validRegion(view.secondaryRegion);
  if (primary && secondary && primary === secondary && view.primaryRegion && view.secondaryRegion) {
    issues.push(
      issueAt(
        view.secondaryRegion.origin,
        secondary,
        `a Region other than the primary ${primary} (${describeOrigin(view.primaryRegion.origin)}): ` +
          'replication needs a second Region',
      ),
    );
  }
  const pool = view.userPoolId;
  if (pool && isUserPoolId(pool.value) && primary && view.primaryRegion) {
    const createdIn = userPoolRegion(pool.value);
    if (createdIn !== primary) {
      issues.push(
        issueAt(
          pool.origin,
          pool.value,
          `a pool id of the primary Region ${primary} (${describeOrigin(view.primaryRegion.origin)}); ` +
            `this pool was created in ${createdIn}, and the Region a pool was created in is its primary`,
        ),
      );
    }
  }
  return issues;
}

const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

function recordValueExpectation(type: unknown, value: string): string | undefined {
  switch (type) {
    case 'A':
      return ipv4.safeParse(value).success ? undefined : 'an IPv4 address for an A record';
    case 'AAAA':
      return ipv6.safeParse(value).success ? undefined : 'an IPv6 address for an AAAA record';
    case 'CNAME':
    case 'ALIAS':
      return isDnsName(value) ? undefined : `a DNS name such as primary.example.net for a ${type} record`;
    default:
      return undefined;
  }
}

function dnsIssues(view: TopologyView): ConfigIssue[] {
  const dns = view.dns;
  if (!isObject(dns)) return [];
  const source = view.dnsSource;
  const at = (field: string, value: unknown, expected: string): ConfigIssue => ({ source, field, value, expected });
  const issues: ConfigIssue[] = [];
  const primary = validRegion(view.primaryRegion);
  const secondary = validRegion(view.secondaryRegion);
  const topologyRegions = primary && secondary ? [primary, secondary] : undefined;
  const records = isObject(dns.records) ? dns.records : undefined;

  for (const [region, record] of Object.entries(records ?? {})) {
    if (!isRegionName(region)) {
      issues.push(at(`dns.records.${region}`, region, `a Region name as the key: ${regionExpectation(region)}`));
    } else if (topologyRegions && !topologyRegions.includes(region)) {
      issues.push(
        at(`dns.records.${region}`, region, `a record for the primary ${primary} or the secondary ${secondary} only`),
      );
    }
    if (isObject(record) && typeof record.value === 'string') {
      const expected = recordValueExpectation(record.type, record.value);
      if (expected) issues.push(at(`dns.records.${region}.value`, record.value, expected));
    }
  }

  if (dns.strategy === 'weighted' && dns.records === undefined) {
    issues.push(at('dns.records', undefined, 'a record per Region (primary and secondary) for the weighted strategy'));
  } else if (dns.strategy === 'weighted' && records && view.primaryRegion && view.secondaryRegion) {
    const roles = [
      ['primary', primary, view.primaryRegion],
      ['secondary', secondary, view.secondaryRegion],
    ] as const;
    for (const [role, region, sourced] of roles) {
      if (region && primary !== secondary && records[region] === undefined) {
        issues.push(
          at(
            `dns.records.${region}`,
            undefined,
            `a record for the ${role} Region ${region} (${describeOrigin(sourced.origin)}): the weighted strategy needs one per Region`,
          ),
        );
      }
    }
  }
  const arcRegions =
    primary && secondary && view.primaryRegion && view.secondaryRegion
      ? {
          primary,
          secondary,
          describe: (role: 'primary' | 'secondary') =>
            describeOrigin((role === 'primary' ? view.primaryRegion : view.secondaryRegion)!.origin),
        }
      : undefined;
  issues.push(...arcIssues({ dns, at, regions: arcRegions }));
  if (dns.strategy === 'cognito-domain' && dns.healthCheckId === undefined) {
    issues.push(
      at(
        'dns.healthCheckId',
        undefined,
        "the Route 53 health check id of the custom domain's primary (its PrimaryRoute53HealthCheckId): " +
          'the cognito-domain strategy fails over by inverting it',
      ),
    );
  }
  return issues;
}
