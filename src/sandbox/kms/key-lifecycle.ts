/**
 * Creating, describing, replicating, enabling and deleting keys. The multi-Region rules follow
 * aws-conformance B2–B4 and B10: ReplicateKey runs in the primary's Region on a primary key, one replica per
 * Region, the replica gets the default policy unless one is given, and a primary with replicas waits
 * in PendingReplicaDeletion until the last replica is gone.
 */
import { SandboxError } from '../types.js';
import { defaultKeyPolicy, validateKeyPolicy } from './key-policy.js';
import { epochSeconds, KEY_SPECS, newKeyId, REGION_NAME, type KeyRecord } from './key-record.js';
import { arnOf, keyMetadata } from './key-metadata.js';
import { pageOf } from './paging.js';
import {
  daysInRange,
  requireEnabled,
  requireNotPendingDeletion,
  requireString,
  validateDescription,
  validateTags,
  type KmsHandler,
} from './key-input.js';

const createKey: KmsHandler = (store, input, ctx) => {
  const multiRegion = input.MultiRegion === true;
  const keySpec = String(input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT');
  const facts = KEY_SPECS[keySpec];
  if (!facts) throw new SandboxError('ValidationException', `KeySpec ${keySpec} is not supported.`);
  const keyUsage = String(input.KeyUsage ?? 'ENCRYPT_DECRYPT');
  if (!facts.usages.includes(keyUsage)) {
    throw new SandboxError('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`);
  }
  if (input.CustomKeyStoreId !== undefined) {
    throw new SandboxError('CustomKeyStoreNotFoundException', `Custom key store ${String(input.CustomKeyStoreId)} does not exist.`);
  }
  const origin = String(input.Origin ?? 'AWS_KMS');
  if (origin !== 'AWS_KMS' && origin !== 'EXTERNAL') {
    throw new SandboxError('UnsupportedOperationException', `Origin ${origin} is not supported by the sandbox (no custom key stores).`);
  }
  const record: KeyRecord = {
    keyId: newKeyId(multiRegion),
    region: ctx.region,
    accountId: ctx.accountId,
    multiRegion,
    ...(multiRegion ? { primaryRegion: ctx.region } : {}),
    createdAt: ctx.now,
    description: validateDescription(input.Description),
    keySpec,
    keyUsage,
    origin,
    policy: input.Policy === undefined ? defaultKeyPolicy(ctx.accountId) : validateKeyPolicy(input.Policy),
    tags: validateTags(input.Tags),
    enabled: true,
  };
  store.put(record);
  return { KeyMetadata: keyMetadata(store, record, ctx.now) };
};

const describeKey: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId);
  return { KeyMetadata: keyMetadata(store, record, ctx.now) };
};

const replicateKey: KmsHandler = (store, input, ctx) => {
  // Only the primary's Region knows the primary key: elsewhere the id is not found (or is a replica).
  const primary = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId);
  if (!primary.multiRegion) {
    throw new SandboxError('UnsupportedOperationException', `${arnOf(primary)} is not a multi-Region key. Only multi-Region primary keys can be replicated.`);
  }
  if (!store.isPrimary(primary)) {
    throw new SandboxError('UnsupportedOperationException', `${arnOf(primary)} is a replica key. Only the primary key (in ${primary.primaryRegion}) can be replicated.`);
  }
  const replicaRegion = requireString(input.ReplicaRegion, 'replicaRegion');
  if (!REGION_NAME.test(replicaRegion)) {
    throw new SandboxError('ValidationException', `ReplicaRegion ${replicaRegion} is not a valid AWS Region.`);
  }
  if (replicaRegion === primary.region) {
    throw new SandboxError('ValidationException', `ReplicaRegion ${replicaRegion} is the Region of the primary key.`);
  }
  requireEnabled(store, primary, ctx.now);
  const existing = store.raw(replicaRegion, primary.keyId);
  if (existing && !store.isGone(existing, ctx.now)) {
    throw new SandboxError('AlreadyExistsException', `${arnOf(existing)} already exists.`);
  }
  const replica: KeyRecord = {
    keyId: primary.keyId,
    region: replicaRegion,
    accountId: primary.accountId,
    multiRegion: true,
    primaryRegion: primary.region,
    createdAt: ctx.now,
    readyAt: ctx.now + ctx.settings.replicaDelayMs,
    description: validateDescription(input.Description),
    keySpec: primary.keySpec,
    keyUsage: primary.keyUsage,
    origin: primary.origin,
    // Not a copy of the primary's policy: KMS applies its default (aws-conformance B3).
    policy: input.Policy === undefined ? defaultKeyPolicy(primary.accountId) : validateKeyPolicy(input.Policy),
    tags: validateTags(input.Tags),
    enabled: true,
  };
  store.put(replica);
  return {
    ReplicaKeyMetadata: keyMetadata(store, replica, ctx.now),
    ReplicaPolicy: replica.policy,
    ReplicaTags: replica.tags,
  };
};

const listKeys: KmsHandler = (store, input, ctx) => {
  const page = pageOf(store.listKeys(ctx.region, ctx.now), input.Limit, input.Marker, 1000, 100);
  return { Keys: page.items.map((record) => ({ KeyId: record.keyId, KeyArn: arnOf(record) })), ...page.paging };
};

const setEnabled =
  (enabled: boolean): KmsHandler =>
  (store, input, ctx) => {
    const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
    requireNotPendingDeletion(store, record, ctx.now);
    if (store.state(record, ctx.now) === 'PendingImport') {
      throw new SandboxError('KMSInvalidStateException', `${arnOf(record)} is pending import.`);
    }
    // A Creating replica is manageable: the wish is recorded and shows once creation completes.
    record.enabled = enabled;
    return {};
  };

const scheduleKeyDeletion: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  const windowDays = daysInRange(input.PendingWindowInDays, 'pendingWindowInDays', { min: 7, max: 30, fallback: 30 });
  requireNotPendingDeletion(store, record, ctx.now);
  record.deletion = { requestedAt: ctx.now, windowDays };
  const deletionDate = store.deletionDate(record, ctx.now);
  return {
    KeyId: arnOf(record),
    ...(deletionDate !== undefined ? { DeletionDate: epochSeconds(deletionDate) } : {}),
    KeyState: store.state(record, ctx.now),
    PendingWindowInDays: windowDays,
  };
};

const cancelKeyDeletion: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  if (!record.deletion) {
    throw new SandboxError('KMSInvalidStateException', `${arnOf(record)} is not pending deletion.`);
  }
  // A key whose deletion is cancelled comes back Disabled, as in KMS.
  delete record.deletion;
  record.enabled = false;
  return { KeyId: arnOf(record) };
};

export const keyLifecycleOperations: Record<string, KmsHandler> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ReplicateKey: replicateKey,
  ListKeys: listKeys,
  EnableKey: setEnabled(true),
  DisableKey: setEnabled(false),
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
};
