/**
 * Observing both Regions for drift through the read ports, in parallel but bounded: Cognito calls go
 * through a per-Region limiter (few in flight; every request, each page of a list included, paced by
 * its quota category's bucket at just under the documented rate: cognito-quotas.ts); the other
 * services through their own per-Region limiter. Each read starts as soon as what it needs is known
 * (a Region's web ACL once its pool answers, a resource once the setting naming it has), not stage by
 * stage: the chain of dependent calls is what docs/status.md's step table lists. Nothing here writes.
 */
import { InputError } from '../errors.js';
import type { Topology } from '../config/topology.js';
import type { JsonObject } from '../plan/types.js';
import type { AppClient, CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { ParityReader } from '../ports/parity.js';
import type { ReadLog, ReadSite, UnreadableFinding } from '../unreadable.js';
import { cognitoReadCategory, pacedRate, type CognitoReadCategory } from './cognito-quotas.js';
import { createKeyedLimiter, createLimiter, pagesPacedBy, type KeyedLimiter, type Limiter } from './limiter.js';
import { startResourceReads, type SnapshotPiece } from './resource-reads.js';
import type { DriftClock, DriftObservation, RegionSnapshot, ResourceSnapshot, SnapshotField } from './types.js';

export interface DriftReaders {
  cognito: CognitoReader;
  parity: ParityReader;
}

export interface ObserveOptions {
  deep: boolean;
  clock: DriftClock;
  signal?: AbortSignal;
  /** Cognito calls in flight per Region (default 3). */
  cognitoConcurrency?: number;
  /**
   * A fixed gap between two Cognito call starts per Region. Unset: one token bucket per quota
   * category, at PACING_MARGIN of its documented rate with one second of burst (cognito-quotas.ts).
   */
  cognitoIntervalMs?: number;
  /** Calls in flight per Region to Lambda, SES, WAF, Logs, Firehose (default 4). */
  otherConcurrency?: number;
  /**
   * With a ReadLog, a read that fails is recorded (RegionSnapshot.unread, ResourceSnapshot.unread)
   * and the observation goes on; without one (drift fix, the guards) it throws as before.
   */
  reads?: ReadLog;
  /**
   * Start the secondary's ListWebACLs once the primary's pool answers, with the primary's
   * GetWebACLForResource, instead of once that names a web ACL (one round trip fewer on the chain to
   * the counterpart web ACL), at the cost of one listing nothing uses when the primary's pool has no
   * web ACL. The failover's drift guard sets it (it is on the failover's critical path); the drift
   * command does not.
   */
  listWebAclsEarly?: boolean;
}

/** Runs a read; with opts.reads a failure is recorded through `unread` and the result is undefined. */
async function tracked<T>(opts: ObserveOptions, site: ReadSite, read: () => Promise<T>, unread: (u: UnreadableFinding) => void): Promise<T | undefined> {
  if (!opts.reads) return read();
  const a = await opts.reads.attempt(site, read);
  if (a.ok) return a.value;
  unread(a.unreadable);
  return undefined;
}

const cognitoSite = (operation: string, region: string): ReadSite => ({ service: 'cognito-idp', operation, region });

/**
 * A Region's Cognito limiter, keyed by API operation: the call waits for a slot and for a token of
 * the operation's quota category; `pace(operation)` takes a token for a list's further page.
 */
export type CognitoLimiter = KeyedLimiter;

export interface Limiters {
  cognito(region: string): CognitoLimiter;
  other(region: string): Limiter;
}


/** Quotas are per Region and category: the operation's category names the bucket. */
function byOperation(byCategory: KeyedLimiter): CognitoLimiter {
  const limiter = <T>(operation: string, task: () => Promise<T>) => byCategory(cognitoReadCategory(operation), task);
  return Object.assign(limiter, { pace: (operation: string) => byCategory.pace(cognitoReadCategory(operation)) });
}

export function createLimiters(opts: ObserveOptions): Limiters {
  const other = new Map<string, Limiter>();
  const get = <L>(map: Map<string, L>, region: string, make: () => L): L => {
    if (!map.has(region)) map.set(region, make());
    return map.get(region)!;
  };
  const cognito = new Map<string, CognitoLimiter>();
  return {
    cognito: (region) =>
      get(cognito, region, () =>
        byOperation(
          createKeyedLimiter({
            concurrency: opts.cognitoConcurrency ?? 3,
            ...(opts.cognitoIntervalMs !== undefined ? { minIntervalMs: opts.cognitoIntervalMs } : { rateOf: (category) => pacedRate(category as CognitoReadCategory) }),
            clock: opts.clock,
          }),
        ),
      ),
    other: (region) => get(other, region, () => createLimiter({ concurrency: opts.otherConcurrency ?? 4 })),
  };
}

/** Threat protection that is not switched on answers with an error rather than an empty configuration. */
const ABSENT_RISK = new Set(['UserPoolAddOnNotEnabledException']);

async function riskOrUndefined(p: Promise<JsonObject | undefined>): Promise<JsonObject | undefined> {
  try {
    return await p;
  } catch (err) {
    if (ABSENT_RISK.has((err as { name?: string }).name ?? '')) return undefined;
    throw err;
  }
}

/** Hands on a piece of a Region's snapshot that names resources, as it arrives (resource-reads.ts). */
type Learn = (piece: SnapshotPiece) => void;

/** Passes a read's value on when it arrives; its failure is left to whoever awaits the read. */
function tell<T>(p: Promise<T>, use: (value: T) => void): void {
  p.then(use, () => undefined);
}

/** The replicated pieces of one Region's pool (re-read after a wait when they differ). */
export async function snapshotReplicated(
  readers: DriftReaders,
  region: string,
  userPoolId: string,
  opts: ObserveOptions,
  limit: Limiters,
  knownPool?: UserPool,
): Promise<RegionSnapshot> {
  return readReplicated(readers, region, userPoolId, opts, limit, knownPool).snapshot;
}

/** Starts the replicated reads; `pool` and `risk` settle as they arrive, `snapshot` once all have. */
function readReplicated(readers: DriftReaders, region: string, userPoolId: string, opts: ObserveOptions, limit: Limiters, knownPool?: UserPool) {
  const c = limit.cognito(region);
  const cognito = readers.cognito;
  const unread: Partial<Record<SnapshotField, UnreadableFinding>> = {};
  const read = <T>(field: SnapshotField, operation: string, fn: () => Promise<T>) =>
    tracked(opts, cognitoSite(operation, region), () => c(operation, fn), (u) => (unread[field] ??= u));
  const pool = knownPool ? Promise.resolve(knownPool) : read('pool', 'DescribeUserPool', () => cognito.describeUserPool(region, userPoolId));
  const risk = read('risk', 'DescribeRiskConfiguration', () => riskOrUndefined(cognito.describeRiskConfiguration(region, userPoolId)));
  const snapshot = (async (): Promise<RegionSnapshot> => {
    const [poolValue, riskValue, mfa, clients, resourceServers, identityProviders, groups] = await Promise.all([
      pool,
      risk,
      read('mfa', 'GetUserPoolMfaConfig', () => cognito.getMfaConfig(region, userPoolId)),
      read('clients', 'ListUserPoolClients', () => cognito.listAppClients(region, userPoolId, pagesPacedBy(c, 'ListUserPoolClients'))),
      read('resourceServers', 'ListResourceServers', () => cognito.listResourceServers(region, userPoolId, pagesPacedBy(c, 'ListResourceServers'))),
      read('identityProviders', 'ListIdentityProviders', () => cognito.listIdentityProviders(region, userPoolId, pagesPacedBy(c, 'ListIdentityProviders'))),
      read('groups', 'ListGroups', () => cognito.listGroups(region, userPoolId, pagesPacedBy(c, 'ListGroups'))),
    ]);
    const snap: RegionSnapshot = { region, pool: poolValue, risk: riskValue, mfa, clients: clients ?? [], resourceServers: resourceServers ?? [], identityProviders: identityProviders ?? [], groups: groups ?? [] };
    if (opts.deep && clients) {
      const details = await Promise.all(
        clients.map(async (client) => [client.ClientId, (await read('clientDetails', 'DescribeUserPoolClient', () => cognito.describeAppClient(region, userPoolId, client.ClientId))) ?? null] as const),
      );
      snap.clientDetails = Object.fromEntries(details) as Record<string, AppClient | null>;
    }
    if (Object.keys(unread).length > 0) snap.unread = unread;
    return snap;
  })();
  return { pool, risk, snapshot };
}

/** What every read of one observation shares: the ports, the options and the per-Region limiters. */
interface ObserveScope {
  readers: DriftReaders;
  opts: ObserveOptions;
  limit: Limiters;
}

/**
 * Everything drift compares in one Region: the replicated pieces, log delivery and the pool's web ACL.
 * Each piece that names resources goes to `learn` as it arrives, and the web ACL is asked as soon as
 * the pool's ARN is known, not after the Region's other reads.
 */
async function snapshotRegion({ readers, opts, limit }: ObserveScope, region: string, userPoolId: string, learn: Learn, knownPool?: UserPool): Promise<RegionSnapshot> {
  let logUnread: UnreadableFinding | undefined;
  let webAclUnread: UnreadableFinding | undefined;
  // First in the Region's Cognito queue: its answer names the log groups and streams to read next.
  const logDeliveryP = tracked(opts, cognitoSite('GetLogDeliveryConfiguration', region), () => limit.cognito(region)('GetLogDeliveryConfiguration', () => readers.cognito.getLogDelivery(region, userPoolId)), (u) => (logUnread = u));
  const replicated = readReplicated(readers, region, userPoolId, opts, limit, knownPool);
  const webAclP = replicated.pool.then((pool) => {
    const arn = pool?.Arn;
    return arn ? tracked(opts, { service: 'wafv2', operation: 'GetWebACLForResource', region }, () => limit.other(region)(() => readers.parity.getWebAclForResource(region, arn)), (u) => (webAclUnread = u)) : undefined;
  });
  tell(replicated.pool, (pool) => learn({ pool }));
  tell(replicated.risk, (risk) => learn({ risk }));
  tell(logDeliveryP, (logDelivery) => learn({ logDelivery }));
  tell(webAclP, (webAcl) => learn({ webAcl }));
  const [snapshot, logDelivery] = await Promise.all([replicated.snapshot, logDeliveryP]);
  // Awaited after the Cognito reads, as before: a guard sees their failure first.
  const webAcl = await webAclP;
  const unread = { ...snapshot.unread, ...(logUnread ? { logDelivery: logUnread } : {}), ...(webAclUnread ? { webAcl: webAclUnread } : {}) };
  return { ...snapshot, logDelivery, webAcl, ...(Object.keys(unread).length > 0 ? { unread } : {}) };
}

function emptySnapshot(region: string): RegionSnapshot {
  return { region, clients: [], resourceServers: [], identityProviders: [], groups: [] };
}

const SERVING = new Set(['ACTIVE', 'INACTIVE']);

export function secondaryReplica(replicas: ReplicaInfo[], region: string): ReplicaInfo | undefined {
  return replicas.find((r) => r.Role === 'SECONDARY' && r.RegionName === region);
}

/** ListUserPoolReplicas in the primary, else (with a ReadLog) in the secondary: a replica's Region answers it too. */
async function readReplicas(readers: DriftReaders, topology: Topology, opts: ObserveOptions, limit: Limiters): Promise<{ replicas?: ReplicaInfo[]; unread?: UnreadableFinding }> {
  const list = (region: string) =>
    limit.cognito(region)('ListUserPoolReplicas', () =>
      readers.cognito.listReplicas(region, topology.userPoolId, pagesPacedBy(limit.cognito(region), 'ListUserPoolReplicas')).catch((err) => {
        if ((err as { name?: string }).name === 'ResourceNotFoundException') return [] as ReplicaInfo[];
        throw err;
      }),
    );
  if (!opts.reads) return { replicas: await list(topology.primaryRegion) };
  const a = await opts.reads.first([topology.primaryRegion, topology.secondaryRegion], { service: 'cognito-idp', operation: 'ListUserPoolReplicas' }, list);
  // The secondary answering "no replicas" (not found there) says nothing: only the primary's answer or a listing counts.
  if (a.ok && (a.region === topology.primaryRegion || a.value.length > 0)) return { replicas: a.value };
  return { unread: a.failed[0] };
}

/**
 * Both Regions' snapshots and the resources they name. Each read starts as soon as what it needs is
 * known: the primary's snapshot, web ACL and the resources its pool names once its pool answers
 * (without waiting for the replica listing); the secondary's once its replica is known to serve; each
 * resource once the piece naming it arrives (resource-reads.ts). The primary unreadable still stops
 * everything; a replica neither ACTIVE nor INACTIVE is still not read.
 */
export async function observeDrift(readers: DriftReaders, topology: Topology, opts: ObserveOptions, limit = createLimiters(opts)): Promise<DriftObservation> {
  const { userPoolId, primaryRegion, secondaryRegion } = topology;
  const scope: ObserveScope = { readers, opts, limit };
  const c = limit.cognito(primaryRegion);
  const resourceReads = startResourceReads(
    { parity: readers.parity, run: (site, read, unread) => tracked(opts, site, () => limit.other(site.region)(read), unread), queue: (region, read) => limit.other(region)(read) },
    { primaryRegion, secondaryRegion },
  );
  let poolUnread: UnreadableFinding | undefined;
  const poolP = tracked(opts, cognitoSite('DescribeUserPool', primaryRegion), () => c('DescribeUserPool', () => readers.cognito.describeUserPool(primaryRegion, userPoolId)), (u) => (poolUnread = u));
  // The counterpart web ACL is looked for by name in the secondary (resources.ts): listed alongside
  // the primary's GetWebACLForResource, which needs the same pool, so the listing is in when the name is.
  if (opts.listWebAclsEarly) tell(poolP, (pool) => pool && resourceReads.listEarly(secondaryRegion));
  const listedP = readReplicas(readers, topology, opts, limit);
  const primaryP = poolP.then((pool) => (pool ? snapshotRegion(scope, primaryRegion, userPoolId, (piece) => resourceReads.learn('primary', piece), pool) : undefined));
  // Awaited below, after the replica listing: a guard sees the listing's failure first, as before.
  primaryP.catch(() => undefined);
  const [pool, listed] = await Promise.all([poolP, listedP]);
  const replica = listed.replicas ? secondaryReplica(listed.replicas, secondaryRegion) : undefined;
  if (poolUnread) {
    // Nothing to compare against: the report says so and that the primary could not be read.
    const empty: ResourceSnapshot = { functions: {}, emailIdentities: {}, logGroups: {}, deliveryStreams: {}, webAcls: {} };
    return { userPoolId, primaryRegion, secondaryRegion, ...(replica ? { replica } : {}), primary: { ...emptySnapshot(primaryRegion), unread: { pool: poolUnread } }, secondary: emptySnapshot(secondaryRegion), resources: empty, ...(listed.unread ? { replicasUnread: listed.unread } : {}) };
  }
  if (!pool) {
    throw new InputError('MRR_DRIFT_E002', 'config', 'userPoolId', userPoolId, `a user pool that exists in ${primaryRegion}`);
  }
  const serving = replica !== undefined && SERVING.has(replica.Status);
  const [primary, secondary] = await Promise.all([
    primaryP as Promise<RegionSnapshot>,
    serving ? snapshotRegion(scope, secondaryRegion, userPoolId, (piece) => resourceReads.learn('secondary', piece)) : Promise.resolve(emptySnapshot(secondaryRegion)),
  ]);
  const base = { userPoolId, primaryRegion, secondaryRegion, ...(replica ? { replica } : {}), ...(listed.unread ? { replicasUnread: listed.unread } : {}), primary, secondary };
  return { ...base, resources: await resourceReads.finish(base) };
}
