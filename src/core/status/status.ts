/**
 * The topology at a glance, observed from both Regions concurrently. Each part is observed on its
 * own, so a Region that is down shows as unreachable instead of hiding everything else. The report is
 * data; ui/status/status-text.ts and the ink dashboard lay it out.
 */
import type { MrrConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import { evaluateRouting, type DnsRouting } from '../dns/routing.js';
import type { CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { Route53Reader } from '../ports/route53.js';

export type Observed<T> = { ok: true; value: T } | { ok: false; error: string };

async function attempt<T>(read: () => Promise<T>): Promise<Observed<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    const e = err as { name?: string; message?: string; code?: string };
    return { ok: false, error: `${e.name ?? 'Error'}: ${e.message ?? e.code ?? String(err)}` };
  }
}

export interface RegionStatus {
  region: string;
  role: 'PRIMARY' | 'SECONDARY';
  /** Replica status (the primary is always ACTIVE); undefined when there is no replica there. */
  status?: string;
  reachable: boolean;
  error?: string;
  issuerUrl?: string;
  /** The Region's health when a probe ran (filled by the health feature; absent = not probed). */
  health?: RegionHealthSummary;
}

/** Structural subsets of what the health, drift and failover features observe: the dashboard shows them when present. */
export interface RegionHealthSummary {
  /** healthy | unhealthy | inactive | absent */
  status: string;
  problems?: string[];
}

export interface DriftCounts {
  errors: number;
  warnings: number;
  /** ISO 8601. */
  checkedAt?: string;
}

export interface FailoverSummary {
  /** failover | failback | canary | canary-stop */
  kind: string;
  /** ISO 8601. */
  time: string;
  from: string;
  to: string;
  actor?: string;
  reason?: string;
}

export interface LockSummary {
  holder: string;
  /** ISO 8601. */
  since: string;
  expires?: string;
  command?: string;
}

export interface StatusReport {
  userPoolId: string;
  regions: RegionStatus[];
  tier?: string;
  key?: { type: string; arn?: string };
  issuer?: { type: string; url: string };
  dns?: DnsRouting | { error: string };
  /** Optional slots, each filled by the feature that observes it; absent = not observed. */
  drift?: DriftCounts | { error: string };
  lastFailover?: FailoverSummary | null;
  /** The failover lock: null = observed and free. */
  lock?: LockSummary | { error: string } | null;
}

export function issuerUrl(type: string, region: string, primaryRegion: string, poolId: string): string {
  return type === 'UPDATED'
    ? `https://issuer-cognito-idp.${primaryRegion}.amazonaws.com/${poolId}`
    : `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

export async function observeStatus(
  readers: { cognito: CognitoReader; route53: Route53Reader },
  t: Topology,
  config: MrrConfig,
): Promise<StatusReport> {
  const dns = config.dns;
  const [primaryPool, primaryReplicas, secondaryReplicas, records, healthCheck] = await Promise.all([
    attempt(() => readers.cognito.describeUserPool(t.primaryRegion, t.userPoolId)),
    attempt(() => readers.cognito.listReplicas(t.primaryRegion, t.userPoolId)),
    // Read from the secondary too: when the primary Region is down, this is what still answers.
    attempt(() => readers.cognito.listReplicas(t.secondaryRegion, t.userPoolId)),
    dns ? attempt(() => readers.route53.listRecordSets(dns.hostedZoneId, dns.recordName)) : Promise.resolve(undefined),
    dns?.healthCheckId ? attempt(() => readers.route53.getHealthCheck(dns.healthCheckId as string)) : Promise.resolve(undefined),
  ]);
  const replicas: ReplicaInfo[] = primaryReplicas.ok ? primaryReplicas.value : secondaryReplicas.ok ? secondaryReplicas.value : [];
  const pool: UserPool | undefined = primaryPool.ok ? primaryPool.value : undefined;
  const issuerType = pool?.IssuerConfiguration?.Type ?? 'ORIGINAL';
  const secondary = replicas.find((r) => r.Role === 'SECONDARY' && r.RegionName === t.secondaryRegion);
  const report: StatusReport = {
    userPoolId: t.userPoolId,
    regions: [
      {
        region: t.primaryRegion,
        role: 'PRIMARY',
        status: primaryPool.ok && pool ? 'ACTIVE' : undefined,
        reachable: primaryPool.ok,
        error: primaryPool.ok ? undefined : primaryPool.error,
        issuerUrl: pool ? issuerUrl(issuerType, t.primaryRegion, t.primaryRegion, t.userPoolId) : undefined,
      },
      {
        region: t.secondaryRegion,
        role: 'SECONDARY',
        status: secondary?.Status,
        reachable: secondaryReplicas.ok || secondaryReplicas.error.startsWith('ResourceNotFoundException'),
        error: secondaryReplicas.ok || secondaryReplicas.error.startsWith('ResourceNotFoundException') ? undefined : secondaryReplicas.error,
        issuerUrl: secondary && pool ? issuerUrl(issuerType, t.secondaryRegion, t.primaryRegion, t.userPoolId) : undefined,
      },
    ],
  };
  if (pool) {
    report.tier = pool.UserPoolTier ?? 'ESSENTIALS';
    report.key = { type: pool.KeyConfiguration?.KeyType ?? 'AWS_OWNED_KEY', arn: pool.KeyConfiguration?.KmsKeyArn };
    report.issuer = { type: issuerType, url: issuerUrl(issuerType, t.primaryRegion, t.primaryRegion, t.userPoolId) };
  }
  if (dns && records) {
    report.dns = records.ok
      ? evaluateRouting(dns, { primary: t.primaryRegion, secondary: t.secondaryRegion }, records.value, healthCheck?.ok ? healthCheck.value : undefined)
      : { error: records.error };
  }
  return report;
}
