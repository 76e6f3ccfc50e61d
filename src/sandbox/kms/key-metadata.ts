/**
 * What a key looks like from outside: the wire `KeyMetadata` (DescribeKey, CreateKey, ReplicateKey)
 * and the `KmsKeyView` other sandbox models read (Cognito checks a pool's key through it).
 */
import type { JsonObject } from '../types.js';
import { epochSeconds, keyArn, KEY_SPECS, type KeyRecord } from './key-record.js';
import type { KeyState, KmsKeyStore } from './key-store.js';

/** A key as another sandbox model sees it, in the Region it was looked up in. */
export interface KmsKeyView {
  arn: string;
  keyId: string;
  region: string;
  multiRegion: boolean;
  keySpec: string;
  keyUsage: string;
  keyState: KeyState;
  /** True only when the key state is Enabled (as KeyMetadata.Enabled). */
  enabled: boolean;
  /** Multi-Region keys only: the Region of the primary key. */
  primaryRegion?: string;
  /** Multi-Region keys only: Regions holding a replica that still exists (Creating included). */
  replicaRegions: string[];
  /** The key policy in this Region (a replica's is its own, never the primary's). */
  policy: string;
}

export function arnOf(record: KeyRecord): string {
  return keyArn(record.region, record.accountId, record.keyId);
}

export function keyView(store: KmsKeyStore, record: KeyRecord, now: number): KmsKeyView {
  const keyState = store.state(record, now);
  return {
    arn: arnOf(record),
    keyId: record.keyId,
    region: record.region,
    multiRegion: record.multiRegion,
    keySpec: record.keySpec,
    keyUsage: record.keyUsage,
    keyState,
    enabled: keyState === 'Enabled',
    ...(record.multiRegion ? { primaryRegion: record.primaryRegion } : {}),
    replicaRegions: store.liveReplicas(record, now).map((replica) => replica.region),
    policy: record.policy,
  };
}

function multiRegionConfiguration(store: KmsKeyStore, record: KeyRecord, now: number): JsonObject {
  const primaryRegion = record.primaryRegion ?? record.region;
  return {
    MultiRegionKeyType: store.isPrimary(record) ? 'PRIMARY' : 'REPLICA',
    PrimaryKey: { Arn: keyArn(primaryRegion, record.accountId, record.keyId), Region: primaryRegion },
    ReplicaKeys: store.liveReplicas(record, now).map((replica) => ({ Arn: arnOf(replica), Region: replica.region })),
  };
}

/** The algorithm lists KMS reports for the key's spec and usage. */
function algorithms(record: KeyRecord): JsonObject {
  const facts = KEY_SPECS[record.keySpec];
  if (!facts) return {};
  switch (record.keyUsage) {
    case 'ENCRYPT_DECRYPT':
      return { EncryptionAlgorithms: facts.encryption ?? [] };
    case 'SIGN_VERIFY':
      return { SigningAlgorithms: facts.signing ?? [] };
    case 'GENERATE_VERIFY_MAC':
      return { MacAlgorithms: facts.mac ?? [] };
    case 'KEY_AGREEMENT':
      return { KeyAgreementAlgorithms: facts.agreement ?? [] };
    default:
      return {};
  }
}

export function keyMetadata(store: KmsKeyStore, record: KeyRecord, now: number): JsonObject {
  const keyState = store.state(record, now);
  const deletionDate = store.deletionDate(record, now);
  return {
    AWSAccountId: record.accountId,
    KeyId: record.keyId,
    Arn: arnOf(record),
    CreationDate: epochSeconds(record.createdAt),
    Enabled: keyState === 'Enabled',
    Description: record.description,
    KeyUsage: record.keyUsage,
    KeyState: keyState,
    ...(deletionDate !== undefined ? { DeletionDate: epochSeconds(deletionDate) } : {}),
    Origin: record.origin,
    ...(record.origin === 'EXTERNAL' ? { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' } : {}),
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: record.keySpec,
    KeySpec: record.keySpec,
    ...algorithms(record),
    MultiRegion: record.multiRegion,
    ...(record.multiRegion ? { MultiRegionConfiguration: multiRegionConfiguration(store, record, now) } : {}),
    // KMS shows the primary's waiting period only while it waits for its replicas to go.
    ...(keyState === 'PendingReplicaDeletion' && record.deletion
      ? { PendingDeletionWindowInDays: record.deletion.windowDays }
      : {}),
  };
}
