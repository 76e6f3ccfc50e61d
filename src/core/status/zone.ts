/**
 * Who moved traffic, when and why, and who holds the failover lock: both read from the zone's own
 * TXT records (`_mrrctl-history.…`, `_mrrctl-lock.…`), which every operator's mrrctl writes, so the
 * answer is the same on every laptop.
 */
import type { DnsConfig } from '../config/schema.js';
import { historyRecordName, lastTrafficMove, readHistory } from '../failover/history.js';
import { findLock, lockExpired, lockRecordName, type HeldLock } from '../failover/lock.js';
import type { Route53Reader } from '../ports/route53.js';
import { attempt, known, unknownBecause, type Known } from './observed.js';

export interface FailoverSummary {
  /** failover (to the secondary) | failback (to the primary) */
  kind: 'failover' | 'failback';
  /** ISO 8601: when the move was planned. */
  time: string;
  from: string;
  to: string;
  /** user@host of the operator who ran it. */
  actor: string;
  /** The --reason given. */
  reason: string;
  /** The move's DNS-answer check and post-checks passed ("passed"), or null when that is not on record. */
  checks: 'passed' | null;
}

export interface LockSummary {
  /** user@host */
  holder: string;
  /** The owning process: host, pid and run id (null in locks written before leases). */
  host: string | null;
  pid: number | null;
  run: string | null;
  /** The command that took it (failover, canary). */
  command: string | null;
  reason: string;
  /** ISO 8601 */
  since: string;
  /** ISO 8601: the end of the lease; null when the record has none readable. */
  expires: string | null;
  /** The lease has ended (a run that died): `--break-lock` may remove it. */
  expired: boolean;
  /** The owner ran on this host and its pid is gone (evidence), or null. */
  ownerGone: string | null;
}

export interface ZoneStatus {
  lastFailover: Known<FailoverSummary>;
  /** value null and unknown null: observed, and nobody holds it. */
  lock: Known<LockSummary>;
}

const orNull = (s: string | undefined) => (s === undefined || s === '' ? null : s);

export function lockSummary(lock: HeldLock, now: Date): LockSummary | string {
  const info = lock.info;
  if (!info) return `the record ${lock.record.Name.replace(/\.$/, '')} exists but is not an mrrctl lock`;
  const pid = info.pid !== undefined && /^\d+$/.test(info.pid) ? Number(info.pid) : null;
  return {
    holder: info.holder,
    host: orNull(info.host),
    pid,
    run: orNull(info.run),
    command: orNull(info.command),
    reason: info.reason,
    since: info.since,
    expires: Number.isFinite(Date.parse(info.expires)) ? info.expires : null,
    expired: lockExpired(lock, now),
    ownerGone: lock.ownerGone ?? null,
  };
}

/**
 * Reads both records. `judge` may add evidence about the lock's owner (the app layer knows whether a
 * pid on this host is running); `now` decides whether the lease has ended.
 */
export async function observeZone(route53: Route53Reader, dns: DnsConfig | undefined, now: Date, judge: (lock: HeldLock) => HeldLock = (l) => l): Promise<ZoneStatus> {
  if (!dns) {
    const why = 'the config has no dns section (the history and the lock live in its hosted zone)';
    return { lastFailover: unknownBecause(why), lock: unknownBecause(why) };
  }
  const [history, lock] = await Promise.all([
    attempt(() => route53.listRecordSets(dns.hostedZoneId, historyRecordName(dns.recordName))),
    attempt(() => route53.listRecordSets(dns.hostedZoneId, lockRecordName(dns.recordName))),
  ]);
  let lastFailover: Known<FailoverSummary>;
  if (!history.ok) {
    lastFailover = unknownBecause(`Route 53 ListResourceRecordSets ${historyRecordName(dns.recordName)}: ${history.error}`);
  } else {
    const move = lastTrafficMove(readHistory(history.value).events);
    lastFailover = known(
      move ? { kind: move.kind as FailoverSummary['kind'], time: move.time, from: move.from, to: move.to, actor: move.actor, reason: move.reason, checks: move.checks ?? null } : null,
    );
  }
  let held: Known<LockSummary>;
  if (!lock.ok) {
    held = unknownBecause(`Route 53 ListResourceRecordSets ${lockRecordName(dns.recordName)}: ${lock.error}`);
  } else {
    const found = findLock(lock.value);
    const summary = found ? lockSummary(judge(found), now) : null;
    held = typeof summary === 'string' ? unknownBecause(summary) : known(summary);
  }
  return { lastFailover, lock: held };
}
