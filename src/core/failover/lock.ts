/**
 * The failover lock: a TXT record `_mrrctl-lock.<recordName>` in the zone. It is taken with a Route 53
 * CREATE, which fails (InvalidChangeBatch) when the record exists, so of two operators racing exactly
 * one wins; it is released with a DELETE of exactly the record that was created (a DELETE is a
 * compare-and-swap, aws-facts C3), so nobody releases someone else's lock by accident.
 */
import type { JsonObject } from '../plan/types.js';
import type { RecordSet } from '../ports/route53.js';
import { bareName, decodeTxtFields, encodeTxtFields, markedFields } from './txt.js';

export interface LockInfo {
  /** Who holds it: user@host. */
  holder: string;
  reason: string;
  /** ISO 8601. */
  since: string;
  /** ISO 8601: after this the lock may be broken with --break-lock. */
  expires: string;
  /** The command that took it ("failover", "canary"). */
  command: string;
  /** Random per lock, so "is this lock mine" never depends on names or clocks. */
  id: string;
}

/** The lock as read from the zone: its fields, and the record exactly as listed (for a CAS DELETE). */
export interface HeldLock {
  info?: LockInfo;
  record: RecordSet;
}

/** The lock record's TTL: short, so resolvers never cache a stale lock for long. */
export const LOCK_TTL = 60;

export function lockRecordName(recordName: string): string {
  return `_mrrctl-lock.${bareName(recordName)}`;
}

export function lockRecordSet(recordName: string, info: LockInfo): RecordSet {
  const value = encodeTxtFields(markedFields('mrrctl-lock', info, ['holder', 'reason', 'since', 'expires', 'command', 'id']));
  return { Name: lockRecordName(recordName), Type: 'TXT', TTL: LOCK_TTL, ResourceRecords: [{ Value: value }] };
}

/** The lock among the records listed at its name; `info` is absent when the record is not mrrctl's. */
export function findLock(records: RecordSet[]): HeldLock | undefined {
  const record = records.find((r) => r.Type === 'TXT');
  if (!record) return undefined;
  const fields = decodeTxtFields(record.ResourceRecords?.[0]?.Value ?? '');
  if (fields['mrrctl-lock'] === undefined) return { record };
  return {
    record,
    info: {
      holder: fields.holder ?? 'unknown',
      reason: fields.reason ?? '',
      since: fields.since ?? '',
      expires: fields.expires ?? '',
      command: fields.command ?? '',
      id: fields.id ?? '',
    },
  };
}

/** A lock whose expiry cannot be read never expires: only a readable expiry may be broken. */
export function lockExpired(lock: HeldLock, now: Date): boolean {
  const expires = Date.parse(lock.info?.expires ?? '');
  return Number.isFinite(expires) && expires <= now.getTime();
}

export function describeLock(lock: HeldLock): string {
  if (!lock.info) return `the record ${bareName(lock.record.Name)} exists but is not an mrrctl lock`;
  const { holder, reason, since, expires, command } = lock.info;
  return `held by ${holder} since ${since} (${command || 'unknown command'}${reason ? `, reason "${reason}"` : ''}; expires ${expires})`;
}

export function recordChange(action: 'CREATE' | 'DELETE' | 'UPSERT', record: RecordSet): JsonObject {
  return { Action: action, ResourceRecordSet: record };
}
