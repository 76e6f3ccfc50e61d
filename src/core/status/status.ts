/**
 * The topology at a glance, observed from both Regions concurrently. Each part is observed on its
 * own, so a Region that is down shows as unreachable instead of hiding everything else.
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
}

export interface StatusReport {
  userPoolId: string;
  regions: RegionStatus[];
  tier?: string;
  key?: { type: string; arn?: string };
  issuer?: { type: string; url: string };
  dns?: DnsRouting | { error: string };
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

export function renderStatusText(r: StatusReport): string[] {
  const lines = [`User pool ${r.userPoolId}${r.tier ? ` (${r.tier})` : ''}`];
  lines.push('  REGION          ROLE       STATUS     ISSUER');
  for (const region of r.regions) {
    const status = !region.reachable ? 'UNREACHABLE' : (region.status ?? 'no replica');
    lines.push(`  ${region.region.padEnd(15)} ${region.role.padEnd(10)} ${status.padEnd(10)} ${region.issuerUrl ?? '-'}`);
    if (region.error) lines.push(`    ${region.error}`);
  }
  if (r.key) lines.push(`  key     ${r.key.type}${r.key.arn ? ` ${r.key.arn}` : ''}`);
  if (r.issuer) lines.push(`  issuer  ${r.issuer.type} ${r.issuer.url}`);
  if (r.dns) lines.push(`  dns     ${'error' in r.dns ? `unreadable: ${r.dns.error}` : `${r.dns.strategy}: serving ${r.dns.serving.join(', ')} (${r.dns.evidence})`}`);
  return lines;
}
