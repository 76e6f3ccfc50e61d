/**
 * Checks shared by KMS operations: tag and description inputs, and the key states an operation
 * refuses (KMSInvalidStateException for pending deletion, DisabledException for disabled keys).
 */
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import type { KmsTag, KeyRecord } from './key-record.js';
import type { KmsKeyStore } from './key-store.js';
import { arnOf } from './key-metadata.js';
import { notNullMessage, rangeMessage } from '../wire/validation.js';

export type KmsHandler = (store: KmsKeyStore, input: JsonObject, ctx: CallContext) => JsonObject;

const MAX_TAGS = 50;

export function validateTags(tags: unknown): KmsTag[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw new SandboxError('ValidationException', 'Tags must be a list.');
  return tags.map((tag: unknown) => {
    const { TagKey, TagValue } = (tag ?? {}) as Record<string, unknown>;
    if (typeof TagKey !== 'string' || TagKey.length < 1 || TagKey.length > 128) {
      throw new SandboxError('TagException', 'TagKey must be 1 to 128 characters.');
    }
    if (TagKey.startsWith('aws:')) {
      throw new SandboxError('TagException', 'Tag keys beginning with "aws:" are reserved for AWS use.');
    }
    if (typeof TagValue !== 'string' || TagValue.length > 256) {
      throw new SandboxError('TagException', 'TagValue must be a string of at most 256 characters.');
    }
    return { TagKey, TagValue };
  });
}

/** Later tags replace earlier ones with the same key, as TagResource does. */
export function mergeTags(current: KmsTag[], added: KmsTag[]): KmsTag[] {
  const merged = new Map(current.map((tag) => [tag.TagKey, tag.TagValue]));
  for (const tag of added) merged.set(tag.TagKey, tag.TagValue);
  if (merged.size > MAX_TAGS) throw new SandboxError('TagException', `A KMS key can have at most ${MAX_TAGS} tags.`);
  return [...merged].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}

export function validateDescription(description: unknown): string {
  if (description === undefined || description === null) return '';
  if (typeof description !== 'string' || description.length > 8192) {
    throw new SandboxError('ValidationException', 'Description must be a string of at most 8192 characters.');
  }
  return description;
}

/** Management operations are refused on a key waiting to be deleted. */
export function requireNotPendingDeletion(store: KmsKeyStore, record: KeyRecord, now: number): void {
  const state = store.state(record, now);
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') {
    throw new SandboxError('KMSInvalidStateException', `${arnOf(record)} is pending deletion.`);
  }
}

/** Operations that need a usable key: not disabled, not pending import, not pending deletion. */
export function requireEnabled(store: KmsKeyStore, record: KeyRecord, now: number): void {
  requireNotPendingDeletion(store, record, now);
  const state = store.state(record, now);
  if (state === 'Disabled') throw new SandboxError('DisabledException', `${arnOf(record)} is disabled.`);
  if (state === 'PendingImport') throw new SandboxError('KMSInvalidStateException', `${arnOf(record)} is pending import.`);
}

export function requireString(value: unknown, member: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new SandboxError('ValidationException', notNullMessage(member));
  }
  return value;
}

/** An optional whole number of days (a deletion window, a rotation period): `fallback` when absent. */
export function daysInRange(value: unknown, member: string, range: { min: number; max: number; fallback: number }): number {
  const days = value === undefined ? range.fallback : Number(value);
  if (!Number.isInteger(days) || days < range.min || days > range.max) {
    throw new SandboxError('ValidationException', rangeMessage(value, member, range.min, range.max));
  }
  return days;
}
