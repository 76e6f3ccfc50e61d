/**
 * What makes a KMS key fit to encrypt a user pool that will be replicated, and the names mrrctl gives
 * the key it creates (aws-conformance A2, A8, B2–B5).
 */
import type { KeyMetadata } from '../ports/kms.js';
import type { AccountRef } from './policy.js';

export const DEFAULT_KEY_ALIAS = 'alias/cognito-mrr';
/** The tag that ties a key to its pool, so a re-run after a crash finds the key instead of making another. */
export const POOL_TAG_KEY = 'mrrctl:user-pool-id';

export function keyDescription(userPoolId: string): string {
  return `mrrctl: multi-Region key encrypting Amazon Cognito user pool ${userPoolId}`;
}

export function keyTags(userPoolId: string): Array<{ TagKey: string; TagValue: string }> {
  return [
    { TagKey: POOL_TAG_KEY, TagValue: userPoolId },
    { TagKey: 'mrrctl:managed-by', TagValue: 'mrrctl' },
  ];
}

const ARN = /^arn:([\w-]+):([\w-]+):([a-z0-9-]*):(\d{12}):(.+)$/;

/** Partition and account of any ARN (for the pool ARN: the account whose root administers the key). */
export function accountOfArn(arn: string | undefined): AccountRef | undefined {
  const match = arn === undefined ? null : ARN.exec(arn);
  return match ? { partition: match[1], accountId: match[4] } : undefined;
}

export function regionOfArn(arn: string | undefined): string | undefined {
  const match = arn === undefined ? null : ARN.exec(arn);
  return match && match[3] !== '' ? match[3] : undefined;
}

export function isSymmetricEncryptionKey(key: KeyMetadata): boolean {
  return (key.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' && (key.KeyUsage ?? 'ENCRYPT_DECRYPT') === 'ENCRYPT_DECRYPT';
}

const DELETING_STATES = new Set(['PendingDeletion', 'PendingReplicaDeletion']);

export function isPendingDeletion(key: KeyMetadata): boolean {
  return DELETING_STATES.has(String(key.KeyState));
}

/**
 * Why `key` cannot be the pool's multi-Region key, or undefined when it can. Each reason says what to
 * do instead, because the operator reads it at the moment they need it.
 */
export function adoptionProblem(key: KeyMetadata, primaryRegion: string): string | undefined {
  const name = key.Arn ?? key.KeyId;
  if (key.KeyManager === 'AWS') {
    return `${name} is an AWS managed key; the pool needs a customer managed key (omit the key to let mrrctl create one)`;
  }
  if (!isSymmetricEncryptionKey(key)) {
    return (
      `${name} is not a symmetric encryption key (KeySpec ${key.KeySpec}, KeyUsage ${key.KeyUsage}); Amazon Cognito needs ` +
      'SYMMETRIC_DEFAULT with ENCRYPT_DECRYPT, and a key spec cannot be changed: use another key, or omit the key to let mrrctl create one'
    );
  }
  if (key.MultiRegion !== true) {
    return (
      `${name} is a single-Region key: a single-Region key cannot be converted to multi-Region; ` +
      'create a new multi-Region key (omit --key-arn) and migrate'
    );
  }
  const mrc = key.MultiRegionConfiguration;
  if (mrc?.MultiRegionKeyType === 'REPLICA') {
    return `${name} is a replica key; adopt its primary key instead: ${mrc.PrimaryKey?.Arn ?? '(unknown)'} in ${mrc.PrimaryKey?.Region ?? '(unknown)'}`;
  }
  const region = regionOfArn(key.Arn);
  if (region !== undefined && region !== primaryRegion) {
    return `${name} is in ${region}; the pool's key must be a primary key in the pool's primary Region ${primaryRegion}`;
  }
  if (isPendingDeletion(key)) {
    return `${name} is ${key.KeyState}; cancel the deletion (aws kms cancel-key-deletion) and enable it, or use another key`;
  }
  if (key.KeyState !== undefined && key.KeyState !== 'Enabled') {
    return `${name} is ${key.KeyState}; enable it first (aws kms enable-key) or use another key`;
  }
  return undefined;
}

/** Problems that can be fixed only by using another key (not a state the operator can change). */
export function cannotBeMadeMultiRegion(key: KeyMetadata): boolean {
  return key.KeyManager !== 'AWS' && (key.MultiRegion !== true || !isSymmetricEncryptionKey(key));
}
