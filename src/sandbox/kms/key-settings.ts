/**
 * Per-key settings: key policy, automatic rotation and tags. Policies and tags belong to each key of
 * a multi-Region family separately; rotation is shared and managed on the primary only (aws-conformance B1, B8).
 */
import { SandboxError } from '../types.js';
import { checkPolicyName, DEFAULT_POLICY_NAME, validateKeyPolicy } from './key-policy.js';
import { daysToMs, epochSeconds } from './key-record.js';
import { arnOf } from './key-metadata.js';
import { pageOf } from './paging.js';
import { daysInRange, mergeTags, requireEnabled, requireString, validateTags, type KmsHandler } from './key-input.js';
import type { KeyRecord } from './key-record.js';
import type { KmsKeyStore } from './key-store.js';

const getKeyPolicy: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  checkPolicyName(input.PolicyName);
  return { Policy: record.policy, PolicyName: DEFAULT_POLICY_NAME };
};

const putKeyPolicy: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  checkPolicyName(input.PolicyName);
  record.policy = validateKeyPolicy(input.Policy);
  return {};
};

const listKeyPolicies: KmsHandler = (store, input, ctx) => {
  store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  return { PolicyNames: [DEFAULT_POLICY_NAME], Truncated: false };
};

/** Rotation can only be managed on a symmetric AWS_KMS key, and for multi-Region keys on the primary. */
function requireRotatable(store: KmsKeyStore, record: KeyRecord, now: number): void {
  if (record.multiRegion && !store.isPrimary(record)) {
    throw new SandboxError(
      'UnsupportedOperationException',
      `${arnOf(record)} is a multi-Region replica key. Manage automatic rotation on its primary key in ${record.primaryRegion}.`,
    );
  }
  if (record.keySpec !== 'SYMMETRIC_DEFAULT' || record.origin !== 'AWS_KMS') {
    throw new SandboxError('UnsupportedOperationException', `${arnOf(record)} does not support automatic key rotation.`);
  }
  requireEnabled(store, record, now);
}

const enableKeyRotation: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  const periodDays = daysInRange(input.RotationPeriodInDays, 'rotationPeriodInDays', { min: 90, max: 2560, fallback: 365 });
  requireRotatable(store, record, ctx.now);
  record.rotation = { enabledAt: record.rotation?.enabledAt ?? ctx.now, periodDays };
  return {};
};

const disableKeyRotation: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  requireRotatable(store, record, ctx.now);
  delete record.rotation;
  return {};
};

const getKeyRotationStatus: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  // Related multi-Region keys share the primary's rotation status.
  const source = record.multiRegion ? (store.primaryOf(record, ctx.now) ?? record) : record;
  const rotation = source.rotation;
  return {
    KeyRotationEnabled: rotation !== undefined,
    KeyId: arnOf(record),
    ...(rotation
      ? {
          RotationPeriodInDays: rotation.periodDays,
          NextRotationDate: epochSeconds(rotation.enabledAt + daysToMs(rotation.periodDays)),
        }
      : {}),
  };
};

const tagResource: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  record.tags = mergeTags(record.tags, validateTags(input.Tags));
  return {};
};

const untagResource: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  if (!Array.isArray(input.TagKeys)) requireString(undefined, 'tagKeys');
  const removed = new Set((input.TagKeys as unknown[]).map(String));
  record.tags = record.tags.filter((tag) => !removed.has(tag.TagKey));
  return {};
};

const listResourceTags: KmsHandler = (store, input, ctx) => {
  const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
  const page = pageOf(record.tags, input.Limit, input.Marker, 50);
  return { Tags: page.items, ...page.paging };
};

export const keySettingsOperations: Record<string, KmsHandler> = {
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
};
