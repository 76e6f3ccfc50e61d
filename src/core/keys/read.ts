/**
 * Observing the pool's key in both Regions through the read ports: the pool and its KeyConfiguration,
 * the alias in each Region, the key (primary and replica), both key policies and rotation.
 * Nothing here writes; the planner and the checks work on what this returns.
 */
import { InputError } from '../errors.js';
import type { Topology } from '../config/topology.js';
import type { CognitoReader, UserPool } from '../ports/cognito.js';
import type { AliasEntry, KeyMetadata, KmsReader } from '../ports/kms.js';
import { accountOfArn, isPendingDeletion, regionOfArn } from './key-facts.js';
import type { AccountRef } from './policy.js';
import { chooseNamedKey, chooseTaggedKey, type KeyCandidates, type KeyChoice, type RequestedKey } from './select.js';

export interface KeyReaders {
  cognito: CognitoReader;
  kms: KmsReader;
}

/** One multi-Region key as seen from both Regions. */
export interface ObservedKey {
  primary: KeyMetadata;
  primaryPolicy?: string;
  /** Rotation is shared by related multi-Region keys and managed on the primary (aws-conformance B8). */
  rotation?: boolean;
  /** The related key in the secondary Region, when there is one. */
  replica?: KeyMetadata;
  replicaPolicy?: string;
}

export interface AliasPair {
  primary?: AliasEntry;
  secondary?: AliasEntry;
}

export interface KeySetupObservation {
  topology: Topology;
  aliasName: string;
  /** From the pool ARN: the account whose root administers the key. */
  account: AccountRef;
  pool: UserPool;
  /** Regions where the pool already has a secondary replica. */
  poolReplicaRegions: string[];
  aliases: AliasPair;
  choice: KeyChoice;
  /** The chosen key's full state; undefined when a new key will be created. */
  key?: ObservedKey;
  /**
   * Keys tagged for this pool that the plan does not use — left by a run that was interrupted or
   * lost a race with another run. Reported with the command that removes them; never touched.
   */
  unusedTaggedKeys?: KeyMetadata[];
}

export interface KeySetupRequest {
  aliasName: string;
  /** --key-arn (or the config's key.arn): a key to adopt. */
  requested?: { ref: string; origin: 'flags' | 'config' };
}

async function requirePool(cognito: CognitoReader, topology: Topology): Promise<UserPool> {
  const pool = await cognito.describeUserPool(topology.primaryRegion, topology.userPoolId);
  if (!pool) {
    throw new InputError('MRR_KEYS_E001', 'config', 'userPoolId', topology.userPoolId, `a user pool that exists in ${topology.primaryRegion}`);
  }
  return pool;
}

export async function readAliases(kms: KmsReader, topology: Topology, aliasName: string): Promise<AliasPair> {
  const [primary, secondary] = await Promise.all([
    kms.findAlias(topology.primaryRegion, aliasName),
    kms.findAlias(topology.secondaryRegion, aliasName),
  ]);
  return { primary, secondary };
}

/** The key's policies, rotation and its replica in the secondary (same key id: aws-conformance B5). */
export async function observeKey(kms: KmsReader, topology: Topology, primary: KeyMetadata): Promise<ObservedKey> {
  const [primaryPolicy, rotation, replica] = await Promise.all([
    kms.getKeyPolicy(topology.primaryRegion, primary.KeyId),
    kms.getRotationEnabled(topology.primaryRegion, primary.KeyId),
    primary.MultiRegion ? kms.describeKey(topology.secondaryRegion, primary.KeyId) : Promise.resolve(undefined),
  ]);
  const replicaPolicy = replica ? await kms.getKeyPolicy(topology.secondaryRegion, replica.KeyId) : undefined;
  return { primary, primaryPolicy, rotation, replica, replicaPolicy };
}

export function poolKeyArn(pool: UserPool): string | undefined {
  return pool.KeyConfiguration?.KeyType === 'CUSTOMER_MANAGED_KEY' ? pool.KeyConfiguration.KmsKeyArn : undefined;
}

export async function observeKeySetup(readers: KeyReaders, topology: Topology, request: KeySetupRequest): Promise<KeySetupObservation> {
  const { cognito, kms } = readers;
  const pool = await requirePool(cognito, topology);
  const account = accountOfArn(pool.Arn);
  if (!account) {
    throw new InputError('MRR_KEYS_E006', `DescribeUserPool ${topology.userPoolId}`, 'Arn', pool.Arn, 'a user pool ARN naming the account (arn:aws:cognito-idp:<region>:<account>:userpool/<id>)');
  }
  const keyArn = poolKeyArn(pool);
  const requested = request.requested;
  const [replicas, aliases, poolKey, requestedKey] = await Promise.all([
    cognito.listReplicas(topology.primaryRegion, topology.userPoolId),
    readAliases(kms, topology, request.aliasName),
    keyArn ? kms.describeKey(topology.primaryRegion, keyArn) : Promise.resolve(undefined),
    requested ? kms.describeKey(regionOfArn(requested.ref) ?? topology.primaryRegion, requested.ref) : Promise.resolve(undefined),
  ]);
  const aliasKey = aliases.primary?.TargetKeyId ? await kms.describeKey(topology.primaryRegion, aliases.primary.TargetKeyId) : undefined;

  const candidates: KeyCandidates = {
    primaryRegion: topology.primaryRegion,
    aliasName: request.aliasName,
    requested: requested ? ({ ...requested, key: requestedKey } satisfies RequestedKey) : undefined,
    pool: { keyType: pool.KeyConfiguration?.KeyType, kmsKeyArn: keyArn, key: poolKey },
    alias: aliases.primary,
    aliasKey,
  };
  // Listed on every run (not only when no key is named): a key tagged for the pool that nothing uses
  // is an orphan of an interrupted or concurrent run, and the operator is told how to remove it.
  const tagged = await kms.findKeysTaggedForPool(topology.primaryRegion, topology.userPoolId);
  const choice = chooseNamedKey(candidates) ?? chooseTaggedKey(tagged, candidates);
  const key = choice.key ? await observeKey(kms, topology, choice.key) : undefined;
  const inUse = new Set([choice.key?.KeyId, poolKey?.KeyId, aliasKey?.KeyId].filter((id) => id !== undefined));
  const unusedTaggedKeys = tagged.filter((k) => !inUse.has(k.KeyId) && !isPendingDeletion(k));
  return {
    topology,
    aliasName: request.aliasName,
    account,
    pool,
    poolReplicaRegions: replicas.filter((r) => r.Role === 'SECONDARY').map((r) => r.RegionName),
    aliases,
    choice,
    key,
    unusedTaggedKeys,
  };
}

export { observeKeyForVerify, type KeyVerifyObservation, type KeyVerifyRead } from './read-verify.js';
