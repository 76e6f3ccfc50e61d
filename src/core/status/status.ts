/**
 * The topology at a glance, observed from both Regions concurrently: replica roles and states, the
 * pool's key and issuer, where DNS sends users, each Region's health, the drift counts, the last
 * failover and the lock. Each part is read on its own, so a Region that is down costs only its own
 * parts; a part that cannot be read is null with the reason next to it (`…Unknown`), never missing.
 * The report is data; ui/status/status-text.ts and the ink dashboard lay it out.
 */
import type { MrrConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import { FindingsError } from '../errors.js';
import type { HeldLock } from '../failover/lock.js';
import type { ArcStates } from '../failover/arc-states.js';
import { readHealthCheck } from '../health/status.js';
import { issuerTypeOf, issuerUrl } from '../issuer/urls.js';
import type { CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { Route53Reader } from '../ports/route53.js';
import { attempt, unknownBecause, type Known, type Observed } from './observed.js';
import { poolNotFoundMessage } from './pool-not-found.js';
import { dnsServing, type DnsServing } from './serving.js';
import { observeZone, type FailoverSummary, type LockSummary } from './zone.js';

export type { FailoverSummary, LockSummary } from './zone.js';
export type { DnsServing } from './serving.js';

/** A Region's verdict from the health probes (the `health` command's own observation). */
export interface RegionHealthSummary {
  /** healthy | unhealthy | inactive | absent: named as in `health` (`status` is the replica state). */
  verdict: string;
  problems: string[];
}

export interface RegionStatus {
  region: string;
  role: 'PRIMARY' | 'SECONDARY';
  /** The replica state (the primary is ACTIVE); null when the Region does not host the pool or did not answer. */
  status: string | null;
  reachable: boolean;
  /** Why the Region did not answer; null when it did. */
  error: string | null;
  issuerUrl: string | null;
  health: RegionHealthSummary | null;
  healthUnknown: string | null;
}

export interface DriftCounts {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings silenced by drift.allow. */
  allowed: number;
  /** ISO 8601 */
  checkedAt: string;
  /** What was compared: `quick` = the drift command without --deep and without the replication re-check wait. */
  scope: 'quick';
}

export interface StatusReport {
  userPoolId: string;
  regions: RegionStatus[];
  tier: string | null;
  key: { type: string; arn: string | null } | null;
  issuer: { type: string; url: string } | null;
  /** The Region whose DescribeUserPool gave tier, key and issuer (the secondary when the primary is down). */
  poolReadFrom: string | null;
  /** Why tier, key and issuer are null. */
  poolUnknown: string | null;
  dns: DnsServing;
  drift: DriftCounts | null;
  driftUnknown: string | null;
  /** The newest failover or failback in the zone's history; null with lastFailoverUnknown null: none recorded. */
  lastFailover: FailoverSummary | null;
  lastFailoverUnknown: string | null;
  /** The failover lock; null with lockUnknown null: nobody holds it. */
  lock: LockSummary | null;
  lockUnknown: string | null;
}

export interface StatusReaders {
  cognito: CognitoReader;
  route53: Route53Reader;
  /** Each Region's health verdict (the health use-case); absent: not observed. */
  health?: () => Promise<Record<string, RegionHealthSummary>>;
  /** The drift counts (the drift use-case); absent: not observed. */
  drift?: () => Promise<DriftCounts>;
  /** arc-routing-control: the routing control states (never throws: an unread state carries its error). */
  arcStates?: () => Promise<ArcStates>;
  /** Evidence about a lock's owner (is its pid on this host alive). */
  judgeLock?: (lock: HeldLock) => HeldLock;
  now: () => Date;
}

const NOT_FOUND = 'ResourceNotFoundException';
const notFound = (o: Observed<unknown>) => !o.ok && o.error.startsWith(NOT_FOUND);
const notObserved = (what: string) => Promise.resolve(unknownBecause<never>(`${what} was not observed`));

async function knownOf<T>(read: (() => Promise<T>) | undefined, what: string): Promise<Known<T>> {
  if (!read) return notObserved(what);
  const o = await attempt(read);
  return o.ok ? { value: o.value, unknown: null } : unknownBecause(`${what} failed: ${o.error}`);
}

/**
 * A pool the primary Region does not know does not exist (its id names that Region): exit 3, naming
 * which Regions answered ResourceNotFoundException, instead of a table of "no replica".
 */
function refuseMissingPool(t: Topology, primary: Observed<UserPool | undefined>, secondary: Observed<ReplicaInfo[]>): void {
  if (!primary.ok || primary.value !== undefined) return;
  const answered = [t.primaryRegion, ...(notFound(secondary) ? [t.secondaryRegion] : [])];
  const other = notFound(secondary) ? '' : secondary.ok ? `; ${t.secondaryRegion} lists it` : `; ${t.secondaryRegion} did not answer (${secondary.error})`;
  throw new FindingsError('MRR_STATUS_E003', poolNotFoundMessage(t.userPoolId, answered, other), { userPoolId: t.userPoolId, notFoundIn: answered });
}

export async function observeStatus(readers: StatusReaders, t: Topology, config: MrrConfig): Promise<StatusReport> {
  const dns = config.dns;
  const cognitoDomainCheck = dns?.strategy === 'cognito-domain' ? dns.healthCheckId : undefined;
  const primaryRead = attempt(() => readers.cognito.describeUserPool(t.primaryRegion, t.userPoolId));
  // Everything starts at once, the drift check included: its first reads are the same pool and replica
  // reads as above (the app's readers share them), and its dozens of further reads follow only when the
  // primary has answered, so an outage costs no reads that must fail. Without the primary there is
  // nothing to compare the secondary with: the counts are "not checked", whatever the check said.
  const driftRun = knownOf(readers.drift, 'the drift check');
  const driftRead = Promise.all([primaryRead, driftRun]).then(([p, d]) =>
    p.ok && p.value !== undefined
      ? d
      : unknownBecause<DriftCounts>(`not checked: ${t.primaryRegion} did not answer (${p.ok ? 'no pool' : p.error}), and drift compares it with ${t.secondaryRegion}`),
  );
  const [primaryPool, secondaryPool, primaryReplicas, secondaryReplicas, records, healthCheck, arcStates, zone, health, drift] = await Promise.all([
    primaryRead,
    // The secondary serves the pool's replicated settings too: what still answers when the primary is down.
    attempt(() => readers.cognito.describeUserPool(t.secondaryRegion, t.userPoolId)),
    attempt(() => readers.cognito.listReplicas(t.primaryRegion, t.userPoolId)),
    attempt(() => readers.cognito.listReplicas(t.secondaryRegion, t.userPoolId)),
    dns ? attempt(() => readers.route53.listRecordSets(dns.hostedZoneId, dns.recordName)) : Promise.resolve(undefined),
    // Without CloudWatch (like `health`): a check with no endpoint (CALCULATED, CLOUDWATCH_METRIC)
    // reads as unknown, with the reason, rather than needing one more IAM permission for status.
    cognitoDomainCheck ? attempt(() => readHealthCheck({ route53: readers.route53 }, cognitoDomainCheck)) : Promise.resolve(undefined),
    // arc-routing-control: the routing control states, through the cluster's Regional endpoints.
    readers.arcStates ? readers.arcStates() : Promise.resolve(undefined),
    observeZone(readers.route53, dns, readers.now(), readers.judgeLock),
    knownOf(readers.health, 'the health probes'),
    driftRead,
  ]);
  refuseMissingPool(t, primaryPool, secondaryReplicas);

  const replicas: ReplicaInfo[] = primaryReplicas.ok ? primaryReplicas.value : secondaryReplicas.ok ? secondaryReplicas.value : [];
  const fromPrimary = primaryPool.ok ? primaryPool.value : undefined;
  const fromSecondary = secondaryPool.ok ? secondaryPool.value : undefined;
  const pool = fromPrimary ?? fromSecondary;
  const poolReadFrom = fromPrimary ? t.primaryRegion : fromSecondary ? t.secondaryRegion : null;
  const issuerType = pool ? issuerTypeOf(pool) : undefined;
  const secondary = replicas.find((r) => r.Role === 'SECONDARY' && r.RegionName === t.secondaryRegion);
  const secondaryReachable = secondaryReplicas.ok || notFound(secondaryReplicas);
  const healthOf = (region: string): Pick<RegionStatus, 'health' | 'healthUnknown'> => {
    if (health.value === null) return { health: null, healthUnknown: health.unknown };
    const h = health.value[region];
    return h ? { health: h, healthUnknown: null } : { health: null, healthUnknown: `no health verdict for ${region}` };
  };
  const poolUnknown = pool
    ? null
    : `DescribeUserPool did not answer in either Region (${t.primaryRegion}: ${primaryPool.ok ? 'no pool' : primaryPool.error}; ${t.secondaryRegion}: ${secondaryPool.ok ? 'no replica' : secondaryPool.error})`;
  return {
    userPoolId: t.userPoolId,
    regions: [
      {
        region: t.primaryRegion,
        role: 'PRIMARY',
        status: fromPrimary ? 'ACTIVE' : null,
        reachable: primaryPool.ok,
        error: primaryPool.ok ? null : primaryPool.error,
        issuerUrl: issuerType ? issuerUrl(issuerType, t, t.primaryRegion) : null,
        ...healthOf(t.primaryRegion),
      },
      {
        region: t.secondaryRegion,
        role: 'SECONDARY',
        status: secondary?.Status ?? null,
        reachable: secondaryReachable,
        error: secondaryReachable ? null : (secondaryReplicas as { error: string }).error,
        issuerUrl: secondary && issuerType ? issuerUrl(issuerType, t, t.secondaryRegion) : null,
        ...healthOf(t.secondaryRegion),
      },
    ],
    tier: pool ? (pool.UserPoolTier ?? 'ESSENTIALS') : null,
    key: pool ? { type: pool.KeyConfiguration?.KeyType ?? 'AWS_OWNED_KEY', arn: pool.KeyConfiguration?.KmsKeyArn ?? null } : null,
    issuer: issuerType ? { type: issuerType, url: issuerUrl(issuerType, t, t.primaryRegion) } : null,
    poolReadFrom,
    poolUnknown,
    dns: dnsServing(dns, { primary: t.primaryRegion, secondary: t.secondaryRegion }, { records, healthCheck, arcStates }),
    drift: drift.value,
    driftUnknown: drift.unknown,
    lastFailover: zone.lastFailover.value,
    lastFailoverUnknown: zone.lastFailover.unknown,
    lock: zone.lock.value,
    lockUnknown: zone.lock.unknown,
  };
}
