/**
 * Observing both Regions for drift through the read ports, in parallel but bounded: Cognito calls go
 * through a per-Region limiter (few in flight, paced below the ~15 RPS UserPoolRead-type quotas of
 * aws-facts A13); the other services through their own per-Region limiter. Nothing here writes.
 */
import { InputError } from '../errors.js';
import type { Topology } from '../config/topology.js';
import type { JsonObject } from '../plan/types.js';
import type { AppClient, CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { ParityReader } from '../ports/parity.js';
import { createLimiter, type Limiter } from './limiter.js';
import { wantedResources } from './resources.js';
import { resourceKey, type DriftClock, type DriftObservation, type RegionSnapshot, type ResourceSnapshot } from './types.js';

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
   * A fixed gap between two Cognito call starts per Region. Unset: a token bucket of 14 calls per
   * second with a burst of 10, just under the ~15 RPS category quotas (aws-facts A13).
   */
  cognitoIntervalMs?: number;
  /** Calls in flight per Region to Lambda, SES, WAF, Logs, Firehose (default 4). */
  otherConcurrency?: number;
}

export interface Limiters {
  cognito(region: string): Limiter;
  other(region: string): Limiter;
}

/** Cognito's read categories allow ~15 RPS per account and Region: stay just under, with AWS's kind of burst. */
export const COGNITO_RATE = { perSecond: 14, burst: 10 } as const;

export function createLimiters(opts: ObserveOptions): Limiters {
  const cognito = new Map<string, Limiter>();
  const other = new Map<string, Limiter>();
  const get = (map: Map<string, Limiter>, region: string, make: () => Limiter) => {
    if (!map.has(region)) map.set(region, make());
    return map.get(region)!;
  };
  return {
    cognito: (region) =>
      get(cognito, region, () =>
        createLimiter({
          concurrency: opts.cognitoConcurrency ?? 3,
          ...(opts.cognitoIntervalMs !== undefined ? { minIntervalMs: opts.cognitoIntervalMs } : { rate: COGNITO_RATE }),
          clock: opts.clock,
        }),
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
  const [pool, risk, mfa, clients, resourceServers, identityProviders, groups] = await Promise.all([
    knownPool ?? c(() => cognito.describeUserPool(region, userPoolId)),
    c(() => riskOrUndefined(cognito.describeRiskConfiguration(region, userPoolId))),
    c(() => cognito.getMfaConfig(region, userPoolId)),
    c(() => cognito.listAppClients(region, userPoolId)),
    c(() => cognito.listResourceServers(region, userPoolId)),
    c(() => cognito.listIdentityProviders(region, userPoolId)),
    c(() => cognito.listGroups(region, userPoolId)),
  ]);
  const snapshot: RegionSnapshot = { region, pool, risk, mfa, clients, resourceServers, identityProviders, groups };
  if (opts.deep) {
    const details = await Promise.all(
      clients.map(async (client) => [client.ClientId, (await c(() => cognito.describeAppClient(region, userPoolId, client.ClientId))) ?? null] as const),
    );
    snapshot.clientDetails = Object.fromEntries(details) as Record<string, AppClient | null>;
  }
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
  const [replicated, logDelivery] = await Promise.all([
    snapshotReplicated(readers, region, userPoolId, opts, limit, knownPool),
    limit.cognito(region)(() => readers.cognito.getLogDelivery(region, userPoolId)),
  ]);
  const arn = replicated.pool?.Arn;
  const webAcl = arn ? await limit.other(region)(() => readers.parity.getWebAclForResource(region, arn)) : undefined;
  return { ...replicated, logDelivery, webAcl };
}

function emptySnapshot(region: string): RegionSnapshot {
  return { region, clients: [], resourceServers: [], identityProviders: [], groups: [] };
}

const SERVING = new Set(['ACTIVE', 'INACTIVE']);

export function secondaryReplica(replicas: ReplicaInfo[], region: string): ReplicaInfo | undefined {
  return replicas.find((r) => r.Role === 'SECONDARY' && r.RegionName === region);
}

async function observeResources(readers: DriftReaders, o: Omit<DriftObservation, 'resources'>, limit: Limiters): Promise<ResourceSnapshot> {
  const wanted = wantedResources(o);
  const p = readers.parity;
  const resources: ResourceSnapshot = { functions: {}, emailIdentities: {}, logGroups: {}, deliveryStreams: {}, webAcls: {} };
  const tasks: Array<Promise<void>> = [];
  for (const { region, arn } of wanted.functions) {
    tasks.push(
      limit.other(region)(async () => {
        const info = await p.getFunction(region, arn);
        const policy = info ? await p.getFunctionPolicy(region, arn) : undefined;
        resources.functions[resourceKey(region, arn)] = info ? { info, ...(policy ? { policy } : {}) } : null;
      }),
    );
  }
  for (const { region, identity } of wanted.emailIdentities) {
    tasks.push(limit.other(region)(async () => void (resources.emailIdentities[resourceKey(region, identity)] = (await p.getEmailIdentity(region, identity)) ?? null)));
  }
  for (const { region, name } of wanted.logGroups) {
    tasks.push(limit.other(region)(async () => void (resources.logGroups[resourceKey(region, name)] = (await p.getLogGroup(region, name)) ?? null)));
  }
  for (const { region, name } of wanted.deliveryStreams) {
    tasks.push(limit.other(region)(async () => void (resources.deliveryStreams[resourceKey(region, name)] = (await p.getDeliveryStream(region, name)) ?? null)));
  }
  for (const { region, name } of wanted.webAcls) {
    tasks.push(
      limit.other(region)(async () => {
        const match = (await p.listWebAcls(region)).find((acl) => acl.Name === name);
        resources.webAcls[resourceKey(region, name)] = match ? ((await p.getWebAcl(region, match.ARN)) ?? null) : null;
      }),
    );
  }
  await Promise.all(tasks);
  return resources;
}

export async function observeDrift(readers: DriftReaders, topology: Topology, opts: ObserveOptions, limit = createLimiters(opts)): Promise<DriftObservation> {
  const { userPoolId, primaryRegion, secondaryRegion } = topology;
  const c = limit.cognito(primaryRegion);
  const [pool, replicas] = await Promise.all([
    c(() => readers.cognito.describeUserPool(primaryRegion, userPoolId)),
    c(() =>
      readers.cognito.listReplicas(primaryRegion, userPoolId).catch((err) => {
        if ((err as { name?: string }).name === 'ResourceNotFoundException') return [] as ReplicaInfo[];
        throw err;
      }),
    ),
  ]);
  if (!pool) {
    throw new InputError('MRR_DRIFT_E002', 'config', 'userPoolId', userPoolId, `a user pool that exists in ${primaryRegion}`);
  }
  const replica = secondaryReplica(replicas, secondaryRegion);
  const serving = replica !== undefined && SERVING.has(replica.Status);
  const [primary, secondary] = await Promise.all([
    snapshotRegion({ readers, opts, limit }, primaryRegion, userPoolId, pool),
    serving ? snapshotRegion({ readers, opts, limit }, secondaryRegion, userPoolId) : Promise.resolve(emptySnapshot(secondaryRegion)),
  ]);
  const base = { userPoolId, primaryRegion, secondaryRegion, ...(replica ? { replica } : {}), primary, secondary };
  return { ...base, resources: await observeResources(readers, base, limit) };
}
