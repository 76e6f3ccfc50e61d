/**
 * Time in the replication model, computed lazily from timestamps and ctx.now (no timers):
 * - a replica is CREATING for replicaDelayMs, then INACTIVE; DELETING for replicaDelayMs, then gone;
 * - a primary change to global data becomes visible in the secondary syncDelayMs after it was made.
 * Also decides, for a call, which Region's view of a pool it sees and whether it may write there.
 */
import type { CallContext, JsonObject } from '../types.js';
import type { OperationScope } from './ports.js';
import {
  clone,
  type GlobalData,
  type PoolRecord,
  type RegionalSettings,
  type ReplicaRecord,
  type ReplicaRole,
  type ReplicaStatus,
} from './state.js';
import { notEnabled, notFound, requirePoolId } from './validation.js';

/** Apply every transition that is due at ctx.now. Safe to call on every request. */
export function settlePool(pool: PoolRecord, ctx: CallContext): void {
  const { replicaDelayMs } = ctx.settings;
  for (const replica of Object.values(pool.replicas)) {
    if (replica.status === 'CREATING' && ctx.now - replica.statusSince >= replicaDelayMs) {
      replica.status = 'INACTIVE';
      replica.statusSince = replica.statusSince + replicaDelayMs;
    }
    if (replica.status === 'DELETING' && ctx.now - replica.statusSince >= replicaDelayMs) {
      delete pool.replicas[replica.region];
      delete pool.regional[replica.region];
      continue;
    }
    advanceSync(replica, ctx);
  }
}

function advanceSync(replica: ReplicaRecord, ctx: CallContext): void {
  const { syncDelayMs } = ctx.settings;
  while (replica.pending.length > 0 && ctx.now - replica.pending[0].at >= syncDelayMs) {
    replica.synced = replica.pending.shift()!.data;
  }
}

/**
 * Call after every change the primary makes to its global data: the secondary will see this version
 * syncDelayMs from now.
 */
export function recordGlobalChange(pool: PoolRecord, ctx: CallContext): void {
  pool.global.lastModified = ctx.now;
  for (const replica of Object.values(pool.replicas)) {
    if (replica.status === 'DELETING') continue;
    advanceSync(replica, ctx);
    replica.pending.push({ at: ctx.now, data: clone(pool.global) });
  }
}

/** A pool as seen by one call in one Region. */
export interface HostedPool {
  pool: PoolRecord;
  region: string;
  role: ReplicaRole;
  status: ReplicaStatus;
  /** The global data visible in this Region (the primary's own, or what the secondary received). */
  global: GlobalData;
  regional: RegionalSettings;
}

/** Statuses in which a Region serves the pool at all (a CREATING or DELETING replica does not). */
const SERVING: ReadonlySet<ReplicaStatus> = new Set(['INACTIVE', 'ACTIVE']);

/** The pool in `region`, or undefined when the Region does not host it (yet). */
export function viewIn(pool: PoolRecord, region: string, ctx: CallContext): HostedPool | undefined {
  settlePool(pool, ctx);
  if (region === pool.primaryRegion) {
    return { pool, region, role: 'PRIMARY', status: 'ACTIVE', global: pool.global, regional: pool.regional[region] };
  }
  const replica = pool.replicas[region];
  if (!replica || !SERVING.has(replica.status)) return undefined;
  return { pool, region, role: 'SECONDARY', status: replica.status, global: replica.synced, regional: pool.regional[region] };
}

export function poolNotFound(poolId: string): Error {
  return notFound(`User pool ${poolId} does not exist.`);
}

/** The pool for a call in ctx.region; ResourceNotFoundException when that Region does not host it. */
export function hostedPool(pools: Record<string, PoolRecord>, poolId: string, ctx: CallContext): HostedPool {
  const pool = pools[poolId];
  const hosted = pool ? viewIn(pool, ctx.region, ctx) : undefined;
  if (!hosted) throw poolNotFound(poolId);
  return hosted;
}

/** Writes to replicated data are the primary's alone (aws-conformance A4). */
export function requirePrimary(hosted: HostedPool, operation: string): void {
  if (hosted.role === 'SECONDARY') {
    throw notEnabled(
      `${operation} is not available in the current region for this user pool: ${hosted.region} hosts a secondary replica; ` +
        `make this change in the primary Region ${hosted.pool.primaryRegion}.`,
    );
  }
}

/** The pool the input's UserPoolId names, as the call's Region hosts it (any Region may read). */
export function readablePool(scope: OperationScope, input: JsonObject): HostedPool {
  return hostedPool(scope.pools, requirePoolId(input), scope.ctx);
}

/** The same for a write to replicated data: a secondary refuses it. */
export function writablePool(scope: OperationScope, input: JsonObject, operation: string): HostedPool {
  const hosted = readablePool(scope, input);
  requirePrimary(hosted, operation);
  return hosted;
}

/** The replicated collections that hold one entry per key (a client id, a group name, ...). */
export type GlobalCollection = 'clients' | 'resourceServers' | 'identityProviders' | 'groups';

/** Store one entry of the pool's replicated data (none removes it) and queue the change for its replicas. */
export function writeGlobal(hosted: HostedPool, collection: GlobalCollection, key: string, entry: JsonObject | undefined, ctx: CallContext): void {
  if (entry === undefined) delete hosted.pool.global[collection][key];
  else hosted.pool.global[collection][key] = entry;
  recordGlobalChange(hosted.pool, ctx);
}

/** Secondary replicas that exist in any state (counting those being created or deleted). */
export function existingReplicas(pool: PoolRecord): ReplicaRecord[] {
  return Object.values(pool.replicas);
}
