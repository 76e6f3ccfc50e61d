/**
 * The failover lock: a TXT record `_mrrctl-lock.<recordName>` in the zone. It is taken with a Route 53
 * CREATE, which fails (InvalidChangeBatch) when the record exists, so of two operators racing exactly
 * one wins; it is released with a DELETE of exactly the record as last written (a DELETE is a
 * compare-and-swap, aws-conformance C3), so nobody releases someone else's lock by accident.
 *
 * The lock is a LEASE: it names its owner (user@host, pid, run id) and ends LEASE_SECONDS after it was
 * last renewed; the run renews it every RENEW_EVERY_SECONDS with one change batch (DELETE the exact old
 * value + CREATE the new one), so a crashed run's lock ends within a minute. Records written before
 * leases (no `lease`, `pid`, `host`, `run`) are read the same way, by their recorded `expires`.
 */
import type { JsonObject } from '../plan/types.js';
import type { RecordSet } from '../ports/route53.js';
import { bareName, decodeTxtFields, encodeTxtFields, markedFields } from './txt.js';

/** How long a lock lives without a renewal. */
export const LEASE_SECONDS = 60;
/** How often a live run renews it: three chances per lease. */
export const RENEW_EVERY_SECONDS = 20;

export interface LockInfo {
  /** Who holds it: user@host. */
  holder: string;
  reason: string;
  /** ISO 8601: when the lock was taken. */
  since: string;
  /** ISO 8601: the end of the lease (older records: their fixed expiry). After it, --break-lock may remove it. */
  expires: string;
  /** The command that took it ("failover", "canary"). */
  command: string;
  /** Random per lock, so "is this lock mine" never depends on names or clocks. */
  id: string;
  /** The owning process's host (os.hostname()); absent in records from before leases. */
  host?: string;
  /** The owning process's pid, as a decimal string. */
  pid?: string;
  /** Random per process run. */
  run?: string;
  /** The lease length in seconds, as a decimal string. */
  lease?: string;
}

/** The lock as read from the zone: its fields, and the record exactly as listed (for a CAS DELETE). */
export interface HeldLock {
  info?: LockInfo;
  record: RecordSet;
  /**
   * Set by the app layer when the owner is on this host and its pid is gone (a crashed run on this
   * machine): such a lock may be broken at once. The evidence, e.g. "pid 4242 on ops-box is not running".
   */
  ownerGone?: string;
}

/** The lock record's TTL: short, so resolvers never cache a stale lock for long. */
export const LOCK_TTL = 60;

export function lockRecordName(recordName: string): string {
  return `_mrrctl-lock.${bareName(recordName)}`;
}

const OPTIONAL: ReadonlyArray<'host' | 'pid' | 'run' | 'lease'> = ['host', 'pid', 'run', 'lease'];

/** The lock record at its own name (`_mrrctl-lock.…`), holding `info`. */
export function lockRecordAt(lockName: string, info: LockInfo): RecordSet {
  // The fields an mrrctl from before leases reads come first and keep their names (`expires` = the lease end).
  const fields = markedFields('mrrctl-lock', info, ['holder', 'reason', 'since', 'expires', 'command', 'id']);
  for (const key of OPTIONAL) if (info[key] !== undefined) fields.push([key, String(info[key])]);
  return { Name: lockName, Type: 'TXT', TTL: LOCK_TTL, ResourceRecords: [{ Value: encodeTxtFields(fields) }] };
}

export function lockRecordSet(recordName: string, info: LockInfo): RecordSet {
  return lockRecordAt(lockRecordName(recordName), info);
}

/** The lock among the records listed at its name; `info` is absent when the record is not mrrctl's. */
export function findLock(records: RecordSet[]): HeldLock | undefined {
  const record = records.find((r) => r.Type === 'TXT');
  if (!record) return undefined;
  const fields = decodeTxtFields(record.ResourceRecords?.[0]?.Value ?? '');
  if (fields['mrrctl-lock'] === undefined) return { record };
  const info: LockInfo = {
    holder: fields.holder ?? 'unknown',
    reason: fields.reason ?? '',
    since: fields.since ?? '',
    expires: fields.expires ?? '',
    command: fields.command ?? '',
    id: fields.id ?? '',
  };
  for (const key of OPTIONAL) if (fields[key] !== undefined) info[key] = fields[key];
  return { record, info };
}

/** A lock whose expiry cannot be read never expires: only a readable expiry may be broken. */
export function lockExpired(lock: HeldLock, now: Date): boolean {
  const expires = Date.parse(lock.info?.expires ?? '');
  return Number.isFinite(expires) && expires <= now.getTime();
}

/** Why the lock may be broken now (its lease ended, or its owner's process is gone), or undefined. */
export function whyBreakable(lock: HeldLock, now: Date): string | undefined {
  if (lockExpired(lock, now)) return `its ${lock.info?.lease ? 'lease ended' : 'expiry passed'} at ${lock.info?.expires}`;
  if (lock.ownerGone) return `its owner's process is gone (${lock.ownerGone})`;
  return undefined;
}

export function describeLock(lock: HeldLock): string {
  if (!lock.info) return `the record ${bareName(lock.record.Name)} exists but is not an mrrctl lock`;
  const { holder, reason, since, expires, command, pid, run, lease } = lock.info;
  const owner = pid ? ` (pid ${pid}${run ? `, run ${run}` : ''})` : '';
  const end = lease ? `lease ends ${expires}, renewed every ${RENEW_EVERY_SECONDS} s while its run lives` : `expires ${expires}`;
  return `held by ${holder}${owner} since ${since} (${command || 'unknown command'}${reason ? `, reason "${reason}"` : ''}; ${end})`;
}

export function recordChange(action: 'CREATE' | 'DELETE' | 'UPSERT', record: RecordSet): JsonObject {
  return { Action: action, ResourceRecordSet: record };
}
