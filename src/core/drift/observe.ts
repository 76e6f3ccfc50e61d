/**
 * Observing both Regions for drift through the read ports, in parallel but bounded: Cognito calls go
 * through a per-Region limiter (few in flight; every request, each page of a list included, paced by
 * its quota category's bucket at just under the documented rate: cognito-quotas.ts); the other
 * services through their own per-Region limiter. Nothing here writes.
 */
import { InputError } from '../errors.js';
import type { Topology } from '../config/topology.js';
import type { JsonObject } from '../plan/types.js';
import type { AppClient, CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { ParityReader } from '../ports/parity.js';
import type { ReadLog, ReadSite, UnreadableFinding } from '../unreadable.js';
import { cognitoReadCategory, pacedRate, type CognitoReadCategory } from './cognito-quotas.js';
import { createKeyedLimiter, createLimiter, pagesPacedBy, type KeyedLimiter, type Limiter } from './limiter.js';
import { wantedResources } from './resources.js';
import { resourceKey, unreadKey, type DriftClock, type DriftObservation, type RegionSnapshot, type ResourceKind, type ResourceSnapshot, type SnapshotField } from './types.js';

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

/** The replicated pieces of one Region's pool (re-read after a wait when they differ). */
export async function snapshotReplicated(
  readers: DriftReaders,
  region: string,
  userPoolId: string,
  opts: ObserveOptions,
  limit: Limiters,
  knownPool?: UserPool,
): Promise<RegionSnapshot> {
  const c = limit.cognito(region);
  const cognito = readers.cognito;
  const unread: Partial<Record<SnapshotField, UnreadableFinding>> = {};
  const read = <T>(field: SnapshotField, operation: string, fn: () => Promise<T>) =>
    tracked(opts, cognitoSite(operation, region), () => c(operation, fn), (u) => (unread[field] ??= u));
  const [pool, risk, mfa, clients, resourceServers, identityProviders, groups] = await Promise.all([
    knownPool ?? read('pool', 'DescribeUserPool', () => cognito.describeUserPool(region, userPoolId)),
    read('risk', 'DescribeRiskConfiguration', () => riskOrUndefined(cognito.describeRiskConfiguration(region, userPoolId))),
    read('mfa', 'GetUserPoolMfaConfig', () => cognito.getMfaConfig(region, userPoolId)),
    read('clients', 'ListUserPoolClients', () => cognito.listAppClients(region, userPoolId, pagesPacedBy(c, 'ListUserPoolClients'))),
    read('resourceServers', 'ListResourceServers', () => cognito.listResourceServers(region, userPoolId, pagesPacedBy(c, 'ListResourceServers'))),
    read('identityProviders', 'ListIdentityProviders', () => cognito.listIdentityProviders(region, userPoolId, pagesPacedBy(c, 'ListIdentityProviders'))),
    read('groups', 'ListGroups', () => cognito.listGroups(region, userPoolId, pagesPacedBy(c, 'ListGroups'))),
  ]);
  const snapshot: RegionSnapshot = { region, pool, risk, mfa, clients: clients ?? [], resourceServers: resourceServers ?? [], identityProviders: identityProviders ?? [], groups: groups ?? [] };
  if (opts.deep && clients) {
    const details = await Promise.all(
      clients.map(async (client) => [client.ClientId, (await read('clientDetails', 'DescribeUserPoolClient', () => cognito.describeAppClient(region, userPoolId, client.ClientId))) ?? null] as const),
    );
    snapshot.clientDetails = Object.fromEntries(details) as Record<string, AppClient | null>;
  }
  if (Object.keys(unread).length > 0) snapshot.unread = unread;
  return snapshot;
}

/** What every read of one observation shares: the ports, the options and the per-Region limiters. */
interface ObserveScope {
  readers: DriftReaders;
  opts: ObserveOptions;
  limit: Limiters;
}

/** Everything drift compares in one Region: the replicated pieces, log delivery and the pool's web ACL. */
async function snapshotRegion({ readers, opts, limit }: ObserveScope, region: string, userPoolId: string, knownPool?: UserPool): Promise<RegionSnapshot> {
  const more: Partial<Record<SnapshotField, UnreadableFinding>> = {};
  const [replicated, logDelivery] = await Promise.all([
    snapshotReplicated(readers, region, userPoolId, opts, limit, knownPool),
    tracked(opts, cognitoSite('GetLogDeliveryConfiguration', region), () => limit.cognito(region)('GetLogDeliveryConfiguration', () => readers.cognito.getLogDelivery(region, userPoolId)), (u) => (more.logDelivery = u)),
  ]);
  const arn = replicated.pool?.Arn;
  const webAcl = arn
    ? await tracked(opts, { service: 'wafv2', operation: 'GetWebACLForResource', region }, () => limit.other(region)(() => readers.parity.getWebAclForResource(region, arn)), (u) => (more.webAcl = u))
    : undefined;
  const unread = { ...replicated.unread, ...more };
  return { ...replicated, logDelivery, webAcl, ...(Object.keys(unread).length > 0 ? { unread } : {}) };
}

function emptySnapshot(region: string): RegionSnapshot {
  return { region, clients: [], resourceServers: [], identityProviders: [], groups: [] };
}

const SERVING = new Set(['ACTIVE', 'INACTIVE']);

export function secondaryReplica(replicas: ReplicaInfo[], region: string): ReplicaInfo | undefined {
  return replicas.find((r) => r.Role === 'SECONDARY' && r.RegionName === region);
}

async function observeResources(readers: DriftReaders, o: Omit<DriftObservation, 'resources'>, limit: Limiters, opts: ObserveOptions): Promise<ResourceSnapshot> {
  const wanted = wantedResources(o);
  const p = readers.parity;
  const resources: ResourceSnapshot = { functions: {}, emailIdentities: {}, logGroups: {}, deliveryStreams: {}, webAcls: {} };
  const unread: Record<string, UnreadableFinding> = {};
  const tasks: Array<Promise<unknown>> = [];
  // One resource, one tracked read: a failure marks that resource unknown and the others go on.
  const look = (kind: ResourceKind, region: string, name: string, site: Omit<ReadSite, 'region'>, read: () => Promise<void>) =>
    tasks.push(tracked(opts, { ...site, region }, () => limit.other(region)(read), (u) => (unread[unreadKey(kind, region, name)] = u)));
  for (const { region, arn } of wanted.functions) {
    look('function', region, arn, { service: 'lambda', operation: 'GetFunction' }, async () => {
      const info = await p.getFunction(region, arn);
      const policy = info ? await p.getFunctionPolicy(region, arn) : undefined;
      resources.functions[resourceKey(region, arn)] = info ? { info, ...(policy ? { policy } : {}) } : null;
    });
  }
  for (const { region, identity } of wanted.emailIdentities) {
    look('emailIdentity', region, identity, { service: 'ses', operation: 'GetEmailIdentity' }, async () => void (resources.emailIdentities[resourceKey(region, identity)] = (await p.getEmailIdentity(region, identity)) ?? null));
  }
  for (const { region, name } of wanted.logGroups) {
    look('logGroup', region, name, { service: 'logs', operation: 'DescribeLogGroups' }, async () => void (resources.logGroups[resourceKey(region, name)] = (await p.getLogGroup(region, name)) ?? null));
  }
  for (const { region, name } of wanted.deliveryStreams) {
    look('deliveryStream', region, name, { service: 'firehose', operation: 'DescribeDeliveryStream' }, async () => void (resources.deliveryStreams[resourceKey(region, name)] = (await p.getDeliveryStream(region, name)) ?? null));
  }
  for (const { region, name } of wanted.webAcls) {
    look('webAcl', region, name, { service: 'wafv2', operation: 'ListWebACLs' }, async () => {
      const match = (await p.listWebAcls(region)).find((acl) => acl.Name === name);
      resources.webAcls[resourceKey(region, name)] = match ? ((await p.getWebAcl(region, match.ARN)) ?? null) : null;
    });
  }
  await Promise.all(tasks);
  return Object.keys(unread).length > 0 ? { ...resources, unread } : resources;
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

export async function observeDrift(readers: DriftReaders, topology: Topology, opts: ObserveOptions, limit = createLimiters(opts)): Promise<DriftObservation> {
  const { userPoolId, primaryRegion, secondaryRegion } = topology;
  const c = limit.cognito(primaryRegion);
  let poolUnread: UnreadableFinding | undefined;
  const [pool, listed] = await Promise.all([
    tracked(opts, cognitoSite('DescribeUserPool', primaryRegion), () => c('DescribeUserPool', () => readers.cognito.describeUserPool(primaryRegion, userPoolId)), (u) => (poolUnread = u)),
    readReplicas(readers, topology, opts, limit),
  ]);
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
    snapshotRegion({ readers, opts, limit }, primaryRegion, userPoolId, pool),
    serving ? snapshotRegion({ readers, opts, limit }, secondaryRegion, userPoolId) : Promise.resolve(emptySnapshot(secondaryRegion)),
  ]);
  const base = { userPoolId, primaryRegion, secondaryRegion, ...(replica ? { replica } : {}), ...(listed.unread ? { replicasUnread: listed.unread } : {}), primary, secondary };
  return { ...base, resources: await observeResources(readers, base, limit, opts) };
}
