/**
 * The four replica operations (aws-conformance A7). Lifecycle: CREATING → INACTIVE after replicaDelayMs;
 * INACTIVE ⇄ ACTIVE by UpdateUserPoolReplica; DELETING (only from INACTIVE, only from the primary)
 * → gone after replicaDelayMs. A pool has at most one secondary. Choices where AWS is silent are
 * marked [INF] in docs/sandbox-cognito.md.
 */
import { SandboxError, type JsonObject } from '../types.js';
import { checkCognitoMayUseKey, keyArnIn, type OperationScope } from './ports.js';
import { hostedPool, requirePrimary, type HostedPool } from './replication.js';
import { clone, compact, emptyRegionalSettings, poolArn, type PoolRecord, type ReplicaRecord } from './state.js';
import { invalidParameter, isKnownRegion, notFound, optionalTags, requireEnum, requirePoolId, requireString } from './validation.js';

const REGION_NAME = { min: 5, max: 32 };

function replicaEntry(pool: PoolRecord, region: string, role: 'PRIMARY' | 'SECONDARY', status: string, accountId: string): JsonObject {
  return { RegionName: region, Status: status, Role: role, UserPoolArn: poolArn(region, accountId, pool.id) };
}

function secondaryEntry(pool: PoolRecord, replica: ReplicaRecord, accountId: string): JsonObject {
  return replicaEntry(pool, replica.region, 'SECONDARY', replica.status, accountId);
}

export function createUserPoolReplica(scope: OperationScope, input: JsonObject): JsonObject {
  const { ctx } = scope;
  const hosted = hostedPool(scope.pools, requirePoolId(input), ctx);
  const target = requireString(input, 'RegionName', REGION_NAME);
  const tags = optionalTags(input, 'UserPoolTags') ?? {};
  requirePrimary(hosted, 'CreateUserPoolReplica');
  const { pool } = hosted;
  if (!isKnownRegion(target)) throw invalidParameter(`${target} is not a valid AWS Region name.`);
  if (target === pool.primaryRegion) {
    throw invalidParameter(`RegionName ${target} is the user pool's primary Region; a replica must be in another Region.`);
  }
  const config = hosted.global.config;
  if (config.UserPoolTier === 'LITE') {
    throw new SandboxError(
      'FeatureUnavailableInTierException',
      'Multi-Region replication is not available on the LITE feature plan. Change UserPoolTier to ESSENTIALS or PLUS.',
    );
  }
  const existing = Object.values(pool.replicas);
  if (existing.length > 0) {
    throw new SandboxError(
      'LimitExceededException',
      `User pool ${pool.id} already has a secondary replica in ${existing[0].region}; a user pool can have at most one.`,
    );
  }
  checkReplicaKey(scope, hosted, target);

  const replica: ReplicaRecord = {
    region: target,
    status: 'CREATING',
    statusSince: ctx.now,
    synced: clone(pool.global),
    pending: [],
  };
  pool.replicas[target] = replica;
  // A new replica's Regional settings start empty: no triggers, Cognito's own email, no log export.
  pool.regional[target] = emptyRegionalSettings(ctx.now, tags);
  return { UserPoolReplica: secondaryEntry(pool, replica, ctx.accountId) };
}

/** The pool's key must be a customer managed multi-Region key with an enabled replica in `target`. */
function checkReplicaKey(scope: OperationScope, hosted: HostedPool, target: string): void {
  const keyConfig = hosted.global.config.KeyConfiguration ?? {};
  const arn: string | undefined = keyConfig.KmsKeyArn;
  if (keyConfig.KeyType !== 'CUSTOMER_MANAGED_KEY' || !arn) {
    throw invalidParameter(
      'Multi-Region replication requires the user pool to be encrypted with a multi-Region customer managed KMS key ' +
        '(KeyConfiguration.KeyType CUSTOMER_MANAGED_KEY); this pool uses an AWS owned key.',
    );
  }
  const key = scope.kms.lookupKey(arn, hosted.region, scope.ctx.now);
  if (!key) throw invalidParameter(`The user pool's KMS key ${arn} does not exist in ${hosted.region}.`);
  if (!key.multiRegion) {
    throw invalidParameter(
      `The user pool's KMS key ${arn} is a single-Region key; multi-Region replication requires a multi-Region key replicated to ${target}.`,
    );
  }
  const inTarget = scope.kms.lookupKey(keyArnIn(arn, target), target, scope.ctx.now);
  if (!inTarget) {
    throw invalidParameter(`The multi-Region KMS key ${key.keyId} has no replica in ${target}; replicate the key to ${target} first.`);
  }
  if (!inTarget.enabled) {
    throw invalidParameter(`The replica of KMS key ${key.keyId} in ${target} is not enabled (state ${inTarget.keyState}).`);
  }
  // The replica key's policy is its own (ReplicateKey never copies the primary's): check it there.
  checkCognitoMayUseKey(inTarget, keyArnIn(arn, target), target);
}

export function listUserPoolReplicas(scope: OperationScope, input: JsonObject): JsonObject {
  const { ctx } = scope;
  const { pool } = hostedPool(scope.pools, requirePoolId(input), ctx);
  const entries = [
    replicaEntry(pool, pool.primaryRegion, 'PRIMARY', 'ACTIVE', ctx.accountId),
    ...Object.values(pool.replicas)
      .sort((a, b) => a.region.localeCompare(b.region))
      .map((r) => secondaryEntry(pool, r, ctx.accountId)),
  ];
  return compact({ UserPoolReplicas: entries });
}

function secondaryNamed(hosted: HostedPool, region: string): ReplicaRecord {
  if (region === hosted.pool.primaryRegion) {
    throw invalidParameter(`${region} is the primary Region of user pool ${hosted.pool.id}, not a replica.`);
  }
  const replica = hosted.pool.replicas[region];
  if (!replica) throw notFound(`User pool ${hosted.pool.id} has no replica in ${region}.`);
  return replica;
}

/** Activate or deactivate the secondary; callable in the primary or the secondary Region. */
export function updateUserPoolReplica(scope: OperationScope, input: JsonObject): JsonObject {
  const { ctx } = scope;
  const hosted = hostedPool(scope.pools, requirePoolId(input), ctx);
  const region = requireString(input, 'RegionName', REGION_NAME);
  const status = requireEnum(input, 'Status', ['ACTIVE', 'INACTIVE'] as const);
  const replica = secondaryNamed(hosted, region);
  if (replica.status === 'CREATING' || replica.status === 'DELETING') {
    throw invalidParameter(`The replica in ${region} is ${replica.status}; its status can change only once it is INACTIVE or ACTIVE.`);
  }
  if (replica.status !== status) {
    replica.status = status;
    replica.statusSince = ctx.now;
  }
  return { UserPoolReplica: secondaryEntry(hosted.pool, replica, ctx.accountId) };
}

export function deleteUserPoolReplica(scope: OperationScope, input: JsonObject): JsonObject {
  const { ctx } = scope;
  const hosted = hostedPool(scope.pools, requirePoolId(input), ctx);
  const region = requireString(input, 'RegionName', REGION_NAME);
  requirePrimary(hosted, 'DeleteUserPoolReplica');
  const replica = secondaryNamed(hosted, region);
  if (replica.status !== 'INACTIVE') {
    throw invalidParameter(
      `The replica in ${region} is ${replica.status}; only an INACTIVE replica can be deleted (deactivate it with UpdateUserPoolReplica first).`,
    );
  }
  const custom = hosted.pool.domains.find((d) => d.routing?.Failover?.SecondaryRegion === region);
  if (custom) {
    throw invalidParameter(`Custom domain ${custom.domain} fails over to ${region}; remove its Routing before deleting the replica.`);
  }
  replica.status = 'DELETING';
  replica.statusSince = ctx.now;
  replica.pending = [];
  return { UserPoolReplica: secondaryEntry(hosted.pool, replica, ctx.accountId) };
}
