/**
 * User pools: Create/Describe/Update/List/DeleteUserPool. UpdateUserPool carries the two traps the
 * sandbox must reproduce: omitted fields reset to defaults, and in a secondary Region only the
 * Regional settings may change while every global setting must be sent back unchanged.
 */
import { SandboxError, type JsonObject } from '../types.js';
import { checkKeyConfiguration, type OperationScope } from './ports.js';
import {
  GLOBAL_WRITABLE,
  globalConfigFromCreate,
  globalConfigFromUpdate,
  REGIONAL_WRITABLE,
  regionalFieldsFromRequest,
} from './pool-config.js';
import { hostedPool, readablePool, recordGlobalChange, viewIn, writablePool, type HostedPool } from './replication.js';
import { newSigningKey } from './signing-keys.js';
import {
  compact,
  clone,
  emptyRegionalSettings,
  newPoolId,
  poolArn,
  sameJson,
  wireDate,
  type PoolRecord,
  type RegionalSettings,
} from './state.js';
import { paginate } from './pagination.js';
import { invalidParameter, notEnabled, requirePoolId, requireString, validationError } from './validation.js';

export async function createUserPool(scope: OperationScope, input: JsonObject): Promise<JsonObject> {
  const { ctx } = scope;
  requireString(input, 'PoolName', { min: 1, max: 128 });
  const config = globalConfigFromCreate(input);
  checkKeyConfiguration(config.KeyConfiguration, ctx.region, scope.kms, ctx.now);
  const regional = applyRegionalFields(emptyRegionalSettings(ctx.now), regionalFieldsFromRequest(input), ctx.now);
  // Generate the key before touching state so a concurrent call never sees a half-made pool.
  const signingKey = await newSigningKey();
  let id = newPoolId(ctx.region);
  while (scope.pools[id]) id = newPoolId(ctx.region);
  const pool: PoolRecord = {
    id,
    primaryRegion: ctx.region,
    createdAt: ctx.now,
    signingKey,
    global: {
      config,
      mfa: {},
      clients: {},
      resourceServers: {},
      identityProviders: {},
      groups: {},
      users: {},
      risk: {},
      lastModified: ctx.now,
    },
    regional: { [ctx.region]: regional },
    replicas: {},
    domains: [],
  };
  scope.pools[id] = pool;
  return { UserPool: describePool(viewIn(pool, ctx.region, ctx)!, scope) };
}

export function describeUserPool(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  return { UserPool: describePool(hosted, scope) };
}

/** UserPoolType as DescribeUserPool returns it in the hosted Region. */
export function describePool(hosted: HostedPool, scope: OperationScope): JsonObject {
  const { pool, global, regional, region } = hosted;
  const { PoolName, ...globalFields } = clone(global.config);
  const prefix = pool.domains.find((d) => d.kind === 'prefix');
  const custom = pool.domains.find((d) => d.kind === 'custom');
  return compact({
    Id: pool.id,
    Name: PoolName,
    ...globalFields,
    LambdaConfig: clone(regional.LambdaConfig),
    EmailConfiguration: clone(regional.EmailConfiguration),
    SmsConfiguration: clone(regional.SmsConfiguration),
    UserPoolTags: { ...regional.UserPoolTags },
    LastModifiedDate: wireDate(Math.max(global.lastModified, regional.lastModified)),
    CreationDate: wireDate(pool.createdAt),
    EstimatedNumberOfUsers: Object.keys(global.users).length,
    Domain: prefix?.domain,
    CustomDomain: custom?.domain,
    Arn: poolArn(region, scope.ctx.accountId, pool.id),
  });
}

export function updateUserPool(scope: OperationScope, input: JsonObject): JsonObject {
  const { ctx } = scope;
  const hosted = hostedPool(scope.pools, requirePoolId(input), ctx);
  const existing = hosted.global.config;
  const nextGlobal = globalConfigFromUpdate(input, existing);
  const nextRegional = regionalFieldsFromRequest(input);

  if (hosted.role === 'SECONDARY') {
    // The request must carry every global setting exactly as the secondary already has it.
    for (const field of GLOBAL_WRITABLE) {
      if (!sameJson(nextGlobal[field], existing[field])) {
        throw notEnabled(
          `UpdateUserPool in secondary Region ${hosted.region} may change only ${REGIONAL_WRITABLE.join(', ')}; ` +
            `global setting ${field} must match its existing value (change it in the primary Region ${hosted.pool.primaryRegion}).`,
        );
      }
    }
  } else if (!sameJson(nextGlobal, existing)) {
    checkPrimaryGlobalChange(scope, hosted, nextGlobal);
    hosted.pool.global.config = nextGlobal;
    recordGlobalChange(hosted.pool, ctx);
  }
  applyRegionalFields(hosted.regional, nextRegional, ctx.now);
  return {};
}

function checkPrimaryGlobalChange(scope: OperationScope, hosted: HostedPool, next: JsonObject): void {
  const existing = hosted.global.config;
  const replicated = Object.keys(hosted.pool.replicas).length > 0;
  if (!sameJson(next.KeyConfiguration, existing.KeyConfiguration)) {
    checkKeyConfiguration(next.KeyConfiguration, hosted.region, scope.kms, scope.ctx.now);
    if (replicated) {
      throw invalidParameter(
        'KeyConfiguration cannot change while the user pool has a replica; the replica depends on the multi-Region key ' +
          `${existing.KeyConfiguration?.KmsKeyArn ?? '(none)'}. Send the existing KeyConfiguration, or delete the replica first.`,
      );
    }
  }
  if (next.UserPoolTier === 'LITE' && replicated) {
    throw new SandboxError(
      'FeatureUnavailableInTierException',
      'Multi-Region replication is not available on the LITE feature plan; delete the replica before changing the plan.',
    );
  }
}

function applyRegionalFields(target: RegionalSettings, fields: JsonObject, now: number): RegionalSettings {
  target.EmailConfiguration = fields.EmailConfiguration;
  target.SmsConfiguration = fields.SmsConfiguration;
  target.LambdaConfig = fields.LambdaConfig;
  target.UserPoolTags = fields.UserPoolTags;
  target.lastModified = now;
  return target;
}

export function listUserPools(scope: OperationScope, input: JsonObject): JsonObject {
  const { ctx } = scope;
  if (input.MaxResults === 0) throw validationError('MaxResults', 0, 'Member must have value greater than or equal to 1');
  const hostedHere = Object.values(scope.pools)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map((pool) => viewIn(pool, ctx.region, ctx))
    .filter((h): h is HostedPool => h !== undefined);
  const { page, nextToken } = paginate(hostedHere, input, { sizeField: 'MaxResults', tokenField: 'NextToken', maxSize: 60 });
  const UserPools = page.map((h) => {
    const replicaRegions = Object.keys(h.pool.replicas).sort();
    return compact({
      Id: h.pool.id,
      Name: h.global.config.PoolName,
      LambdaConfig: clone(h.regional.LambdaConfig),
      LastModifiedDate: wireDate(Math.max(h.global.lastModified, h.regional.lastModified)),
      CreationDate: wireDate(h.pool.createdAt),
      ReplicaRegions: replicaRegions.length > 0 ? replicaRegions : undefined,
    });
  });
  return compact({ UserPools, NextToken: nextToken });
}

export function deleteUserPool(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'DeleteUserPool');
  const { pool } = hosted;
  if (pool.global.config.DeletionProtection === 'ACTIVE') {
    throw invalidParameter(
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
  }
  if (pool.domains.length > 0) {
    throw invalidParameter('User pool cannot be deleted. It has a domain configured that should be deleted first.');
  }
  if (Object.keys(pool.replicas).length > 0) {
    throw invalidParameter(
      `User pool cannot be deleted while it has replicas (${Object.keys(pool.replicas).join(', ')}); delete the replicas first.`,
    );
  }
  delete scope.pools[pool.id];
  return {};
}
