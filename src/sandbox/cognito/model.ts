/**
 * The sandbox's Amazon Cognito user pools (awsJson1_1, `X-Amz-Target:
 * AWSCognitoIdentityProviderService.<Operation>`) with multi-Region replication: one pool ID hosted
 * by a primary and at most one secondary Region, global data replicated after syncDelayMs, Regional
 * settings per Region, the replica state machine, and the UpdateUserPool reset trap.
 * Operations live in one module per concept; this class dispatches, persists, and offers read
 * helpers to the OIDC endpoint and the admin summary.
 */
import { SandboxError, type CallContext, type JsonObject, type JsonService, type JsonValue, type Persistent } from '../types.js';
import { createUserPoolClient, deleteUserPoolClient, describeUserPoolClient, listUserPoolClients, updateUserPoolClient } from './clients.js';
import { adminCreateUser, adminGetUser, createGroup, deleteGroup, getGroup, listGroups, listUsers, signUp } from './directory.js';
import {
  createUserPoolDomain,
  deleteUserPoolDomain,
  describeUserPoolDomain,
  findDomainByHost,
  updateUserPoolDomain,
} from './domains.js';
import {
  createIdentityProvider,
  deleteIdentityProvider,
  describeIdentityProvider,
  listIdentityProviders,
  updateIdentityProvider,
} from './identity-providers.js';
import { getUserPoolMfaConfig, setUserPoolMfaConfig } from './mfa-config.js';
import { createUserPool, deleteUserPool, describeUserPool, listUserPools, updateUserPool } from './pools.js';
import type { KeyLookup, OperationScope } from './ports.js';
import {
  describeRiskConfiguration,
  getLogDeliveryConfiguration,
  listTagsForResource,
  setLogDeliveryConfiguration,
  setRiskConfiguration,
  tagResource,
  untagResource,
} from './regional-settings.js';
import { createUserPoolReplica, deleteUserPoolReplica, listUserPoolReplicas, updateUserPoolReplica } from './replicas.js';
import { settlePool, viewIn } from './replication.js';
import {
  createResourceServer,
  deleteResourceServer,
  describeResourceServer,
  listResourceServers,
  updateResourceServer,
} from './resource-servers.js';
import { clone, emptyState, type CognitoState, type ReplicaRole, type ReplicaStatus, type SigningKeyRecord } from './state.js';

export type { KeyLookup, KeyView } from './ports.js';
export type { ReplicaRole, ReplicaStatus, SigningKeyRecord } from './state.js';

type Handler = (scope: OperationScope, input: JsonObject) => JsonObject | Promise<JsonObject>;

const OPERATIONS: Record<string, Handler> = {
  CreateUserPool: createUserPool,
  DescribeUserPool: describeUserPool,
  UpdateUserPool: updateUserPool,
  ListUserPools: listUserPools,
  DeleteUserPool: deleteUserPool,
  CreateUserPoolClient: createUserPoolClient,
  DescribeUserPoolClient: describeUserPoolClient,
  UpdateUserPoolClient: updateUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
  CreateResourceServer: createResourceServer,
  DescribeResourceServer: describeResourceServer,
  UpdateResourceServer: updateResourceServer,
  ListResourceServers: listResourceServers,
  DeleteResourceServer: deleteResourceServer,
  CreateIdentityProvider: createIdentityProvider,
  DescribeIdentityProvider: describeIdentityProvider,
  UpdateIdentityProvider: updateIdentityProvider,
  ListIdentityProviders: listIdentityProviders,
  DeleteIdentityProvider: deleteIdentityProvider,
  CreateGroup: createGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  DeleteGroup: deleteGroup,
  AdminCreateUser: adminCreateUser,
  AdminGetUser: adminGetUser,
  ListUsers: listUsers,
  SignUp: signUp,
  CreateUserPoolDomain: createUserPoolDomain,
  DescribeUserPoolDomain: describeUserPoolDomain,
  UpdateUserPoolDomain: updateUserPoolDomain,
  DeleteUserPoolDomain: deleteUserPoolDomain,
  GetLogDeliveryConfiguration: getLogDeliveryConfiguration,
  SetLogDeliveryConfiguration: setLogDeliveryConfiguration,
  DescribeRiskConfiguration: describeRiskConfiguration,
  SetRiskConfiguration: setRiskConfiguration,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  CreateUserPoolReplica: createUserPoolReplica,
  UpdateUserPoolReplica: updateUserPoolReplica,
  ListUserPoolReplicas: listUserPoolReplicas,
  DeleteUserPoolReplica: deleteUserPoolReplica,
};

/** One pool as one Region serves it (for the OIDC endpoint). Contains client secrets: keep in-process. */
export interface PoolRegionView {
  poolId: string;
  region: string;
  role: ReplicaRole;
  /** Always ACTIVE for the primary. */
  status: ReplicaStatus;
  primaryRegion: string;
  issuerType: 'ORIGINAL' | 'UPDATED';
  signingKey: SigningKeyRecord;
  /** App clients as replicated to this Region (with ClientSecret). */
  clients: Record<string, JsonObject>;
  resourceServers: Record<string, JsonObject>;
  prefixDomain?: string;
  customDomain?: string;
}

/** What an HTTPS host names: a pool's prefix domain (with the Region in the host) or custom domain. */
export interface DomainTarget {
  poolId: string;
  kind: 'prefix' | 'custom';
  /** For prefix hosts, the Region named in the host. */
  hostRegion?: string;
  failover?: { secondaryRegion: string; primaryHealthCheckId: string };
}

export interface PoolSummary {
  id: string;
  name: string;
  primaryRegion: string;
  tier: string;
  keyType: string;
  kmsKeyArn?: string;
  issuerType: string;
  regions: Array<{ region: string; role: ReplicaRole; status: ReplicaStatus }>;
  clients: number;
  users: number;
  domains: Array<{ domain: string; kind: 'prefix' | 'custom'; failoverTo?: string }>;
}

export class CognitoModel implements JsonService, Persistent {
  readonly kind = 'json' as const;
  readonly targetPrefix = 'AWSCognitoIdentityProviderService';
  readonly service = 'cognito-idp';
  readonly throttle = { code: 'TooManyRequestsException', status: 400, message: 'Too many requests' };
  /** The operations this model answers (for docs and the admin API). */
  static readonly operations = Object.keys(OPERATIONS).sort();
  private readonly kms: KeyLookup;
  private state: CognitoState = emptyState();

  constructor(deps: { kms: KeyLookup }) {
    this.kms = deps.kms;
  }

  async handle(operation: string, input: JsonObject, ctx: CallContext): Promise<JsonObject> {
    const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!handler) {
      throw new SandboxError('UnknownOperationException', `The operation ${operation} is not supported by this endpoint.`);
    }
    return handler({ pools: this.state.pools, kms: this.kms, ctx }, input ?? {});
  }

  snapshot(): JsonValue {
    return clone(this.state) as unknown as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    const candidate = snapshot as unknown as Partial<CognitoState> | null;
    if (!candidate || typeof candidate !== 'object' || typeof candidate.pools !== 'object' || candidate.pools === null) {
      throw new Error('not a Cognito model snapshot (expected {"pools": {...}})');
    }
    this.state = clone(candidate as CognitoState);
  }

  /** The pool as `region` serves it, or undefined when that Region does not host it (yet). */
  regionView(poolId: string, region: string, ctx: CallContext): PoolRegionView | undefined {
    const pool = this.state.pools[poolId];
    const hosted = pool ? viewIn(pool, region, ctx) : undefined;
    if (!pool || !hosted) return undefined;
    return {
      poolId,
      region,
      role: hosted.role,
      status: hosted.status,
      primaryRegion: pool.primaryRegion,
      issuerType: hosted.global.config.IssuerConfiguration?.Type === 'UPDATED' ? 'UPDATED' : 'ORIGINAL',
      signingKey: pool.signingKey,
      clients: hosted.global.clients,
      resourceServers: hosted.global.resourceServers,
      prefixDomain: pool.domains.find((d) => d.kind === 'prefix')?.domain,
      customDomain: pool.domains.find((d) => d.kind === 'custom')?.domain,
    };
  }

  /** Regions that have the pool in any state, primary first. */
  poolRegions(poolId: string, ctx: CallContext): Array<{ region: string; role: ReplicaRole; status: ReplicaStatus }> {
    const pool = this.state.pools[poolId];
    if (!pool) return [];
    settlePool(pool, ctx);
    return [
      { region: pool.primaryRegion, role: 'PRIMARY' as const, status: 'ACTIVE' as const },
      ...Object.values(pool.replicas)
        .sort((a, b) => a.region.localeCompare(b.region))
        .map((r) => ({ region: r.region, role: 'SECONDARY' as const, status: r.status })),
    ];
  }

  /** The pool domain an HTTPS host names, if any. */
  domainTarget(host: string): DomainTarget | undefined {
    const found = findDomainByHost(this.state.pools, host.toLowerCase());
    if (!found) return undefined;
    const failover = found.record.routing?.Failover;
    return {
      poolId: found.pool.id,
      kind: found.record.kind,
      hostRegion: found.hostRegion,
      failover: failover ? { secondaryRegion: failover.SecondaryRegion, primaryHealthCheckId: failover.PrimaryRoute53HealthCheckId } : undefined,
    };
  }

  /** Every pool with its Regions and replica status; no secrets. */
  summary(ctx: CallContext): PoolSummary[] {
    return Object.values(this.state.pools)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((pool) => {
        const config = pool.global.config;
        return {
          id: pool.id,
          name: config.PoolName,
          primaryRegion: pool.primaryRegion,
          tier: config.UserPoolTier,
          keyType: config.KeyConfiguration?.KeyType,
          kmsKeyArn: config.KeyConfiguration?.KmsKeyArn,
          issuerType: config.IssuerConfiguration?.Type,
          regions: this.poolRegions(pool.id, ctx),
          clients: Object.keys(pool.global.clients).length,
          users: Object.keys(pool.global.users).length,
          domains: pool.domains.map((d) => ({
            domain: d.domain,
            kind: d.kind,
            ...(d.routing?.Failover ? { failoverTo: d.routing.Failover.SecondaryRegion as string } : {}),
          })),
        };
      });
  }
}
