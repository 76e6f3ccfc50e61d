/**
 * The Route 53 steps failover and canary plans share: take the lock (AcquireLock: a CREATE, then a
 * lease the run renews), move the weights (one compare-and-swap batch) — for a weighted failover both
 * in ONE batch (AcquireLockAndChange) — wait for INSYNC, record the history (UPSERT), release the lock
 * (ReleaseLock: a DELETE of exactly the record last written). Each step carries the exact request, so
 * `--dry-run` shows it and the journal records it.
 */
import type { DnsConfig } from '../config/schema.js';
import type { JsonObject, Step } from '../plan/types.js';
import type { RecordSet } from '../ports/route53.js';
import { historyRecordSet, type HistoryEvent } from './history.js';
import { LEASE_SECONDS, LOCK_TTL, lockRecordName, recordChange, RENEW_EVERY_SECONDS, type HeldLock } from './lock.js';
import { describeChanges } from './weights.js';

/** Route 53's control plane (and so every Route 53 step) is in us-east-1 (aws-conformance C1). */
export const ROUTE53_STEP_REGION = 'us-east-1';

export const FAILOVER_STEP = {
  takeLock: 'route53.take-lock',
  activate: 'cognito.activate-replica',
  waitActive: 'cognito.wait-replica-active',
  moveTraffic: 'route53.move-traffic',
  waitInsync: 'route53.wait-insync',
  verify: 'route53.verify',
  postChecks: 'oidc.post-checks',
  history: 'route53.record-history',
  releaseLock: 'route53.release-lock',
  /** The history record and the lock's release in one atomic change batch (the failover's last step). */
  historyAndUnlock: 'route53.record-history-and-unlock',
} as const;

/**
 * The lock a plan takes: only what is known when the plan is made (the id, the command, the reason,
 * the lease length). The owner (user@host, pid, run id), `since` and the lease end are filled in when
 * the lock is TAKEN, by the AcquireLock handler (src/app/traffic/lease.ts): a saved plan applied an
 * hour later must not carry a lease that ended an hour ago, and `apply FILE` must re-plan the same step.
 */
export interface LockRequest {
  id: string;
  command: string;
  reason: string;
  leaseSeconds: number;
}

export function lockRequest(id: { lockId: string }, command: string, reason: string): LockRequest {
  return { id: id.lockId, command, reason, leaseSeconds: LEASE_SECONDS };
}

/** A broken lock, as the zone history records it: who broke whose lock, and why that was allowed. */
export function breakEvent(lock: HeldLock, why: string, id: { actor: string; now: Date }, reason: string): HistoryEvent {
  const of = lock.info ? `${lock.info.holder}${lock.info.pid ? ` (pid ${lock.info.pid})` : ''}` : 'an unreadable lock';
  return { kind: 'break-lock', time: id.now.toISOString(), from: '', to: '', actor: id.actor, reason: `removed the lock of ${of}: ${why}; ${reason}` };
}

export function changeStep(id: string, dns: DnsConfig, summary: string, comment: string, changes: JsonObject[], extra: Partial<Step> = {}): Step {
  return {
    id,
    region: ROUTE53_STEP_REGION,
    service: 'route53',
    operation: 'ChangeResourceRecordSets',
    input: { HostedZoneId: dns.hostedZoneId, ChangeBatch: { Comment: comment.slice(0, 256), Changes: changes } },
    summary,
    action: 'update',
    destructive: false,
    ...extra,
  };
}

/**
 * Take the lock (the AcquireLock pseudo-operation: one CREATE of the lock record, its value made at
 * that moment). With `breaking` (--break-lock on an expired lock or one whose owner is gone), the same
 * atomic batch DELETEs that lock exactly as read and UPSERTs the history record naming the break.
 */
export function takeLockStep(dns: DnsConfig, lock: LockRequest, breaking?: { lock: HeldLock; history: RecordSet }): Step {
  const holder = breaking?.lock.info?.holder ?? 'unknown';
  return {
    id: FAILOVER_STEP.takeLock,
    region: ROUTE53_STEP_REGION,
    service: 'route53',
    operation: 'AcquireLock',
    input: {
      HostedZoneId: dns.hostedZoneId,
      RecordName: lockRecordName(dns.recordName),
      LockId: lock.id,
      Command: lock.command,
      Reason: lock.reason,
      LeaseSeconds: lock.leaseSeconds,
      ...(breaking ? { Replacing: breaking.lock.record, History: breaking.history } : {}),
    },
    summary: breaking
      ? `take the ${lock.command} lock, replacing the lock of ${holder} (--break-lock; the break is recorded in the zone's history)`
      : `take the ${lock.command} lock (a CREATE: fails if anyone holds it; a ${lock.leaseSeconds} s lease, renewed every ${RENEW_EVERY_SECONDS} s)`,
    action: 'create',
    destructive: breaking !== undefined,
  };
}

/**
 * Take the lock AND move traffic in one change batch (the AcquireLockAndChange pseudo-operation): the
 * lock's CREATE (with `breaking`: the DELETE of the lock as read and the history UPSERT too, exactly as
 * takeLockStep) and the move's changes. Route 53 applies a batch wholly or not at all (aws-conformance
 * C3): when anyone holds the lock, the CREATE fails and the whole batch is refused — nothing moved; when
 * DNS changed since it was read, the move's DELETE does not match and no lock is left behind. One round
 * trip instead of two before the wait for INSYNC. Keeps the move's id (`route53.move-traffic`: the
 * INSYNC wait, the journal's record of moves and the stop-cleanup find it there); the lock's request
 * goes in `Lock`, its value is made when the batch is sent (src/app/traffic/lease.ts).
 */
export function lockAndMoveStep(dns: DnsConfig, lock: LockRequest, move: Step, breaking?: { lock: HeldLock; history: RecordSet }): Step {
  const take = takeLockStep(dns, lock, breaking);
  const { HostedZoneId: _zone, ...lockInput } = take.input as JsonObject;
  const moveInput = move.input as JsonObject;
  return {
    ...move,
    operation: 'AcquireLockAndChange',
    input: { HostedZoneId: moveInput.HostedZoneId ?? dns.hostedZoneId, ChangeBatch: moveInput.ChangeBatch ?? null, Lock: lockInput },
    summary: `${take.summary}, and ${move.summary.replace(/ \(one atomic compare-and-swap batch\)$/, '')}: ONE atomic change batch — refused whole (nothing moves) if anyone holds the lock or DNS changed since it was read`,
    destructive: take.destructive || move.destructive,
  };
}

/** Release the lock (the ReleaseLock pseudo-operation: a DELETE of exactly the value this run last wrote). */
export function releaseLockStep(dns: DnsConfig, lock: LockRequest): Step {
  return {
    id: FAILOVER_STEP.releaseLock,
    region: ROUTE53_STEP_REGION,
    service: 'route53',
    operation: 'ReleaseLock',
    input: { HostedZoneId: dns.hostedZoneId, RecordName: lockRecordName(dns.recordName), LockId: lock.id },
    summary: `release the ${lock.command} lock (a DELETE of exactly the record this run wrote last)`,
    action: 'delete',
    destructive: false,
  };
}

export function historyStep(dns: DnsConfig, event: HistoryEvent, earlier: HistoryEvent[], comment: string): Step {
  const record: RecordSet = historyRecordSet(dns.recordName, event, earlier);
  return changeStep(FAILOVER_STEP.history, dns, `record the ${event.kind} in the zone's history (${record.Name})`, comment, [recordChange('UPSERT', record)]);
}

/**
 * The failover's history step (the RecordHistory pseudo-operation): the same UPSERT as historyStep,
 * plus `ChecksPassed`, references to the outcomes of the DNS-answer check and the post-checks that ran
 * before it. Its handler (src/app/traffic/waits.ts) marks the recorded move `checks=passed` only when
 * every one is true, so a history record alone never claims checks that failed or never ran.
 */
const IF_CHECKED = ', marked checks=passed if the DNS-answer check and the post-checks passed';

export function checkedHistoryStep(dns: DnsConfig, event: HistoryEvent, earlier: HistoryEvent[], comment: string): Step {
  const step = historyStep(dns, event, earlier, comment);
  const input = step.input as JsonObject;
  return {
    ...step,
    operation: 'RecordHistory',
    summary: `${step.summary}${IF_CHECKED}`,
    input: { ...input, ChecksPassed: [{ $ref: FAILOVER_STEP.verify, path: 'ok' }, { $ref: FAILOVER_STEP.postChecks, path: 'ok' }] },
  };
}

/**
 * The failover's last step (the RecordHistoryAndReleaseLock pseudo-operation): the history UPSERT of
 * checkedHistoryStep and the lock's release — a DELETE of exactly the lock record this run wrote last,
 * which only the run's lease knows (it renews the lock) — in ONE change batch. Route 53 applies a batch
 * wholly or not at all (aws-conformance C3): the history is never written without the lock going, nor the
 * other way round, and when the lock is no longer this run's (broken after its lease ended, retaken by
 * someone else), the DELETE does not match, the whole batch is refused and nobody else's lock is touched.
 * One round trip instead of two at the end of the move.
 */
const AND_RELEASE = (command: string) => `, and release the ${command} lock in the same atomic change batch (a DELETE of exactly the record this run wrote last)`;

export function historyAndReleaseStep(dns: DnsConfig, event: HistoryEvent, earlier: HistoryEvent[], comment: string, lock: LockRequest): Step {
  const step = checkedHistoryStep(dns, event, earlier, comment);
  return {
    ...step,
    id: FAILOVER_STEP.historyAndUnlock,
    operation: 'RecordHistoryAndReleaseLock',
    summary: `${step.summary}${AND_RELEASE(lock.command)}`,
    input: { ...(step.input as JsonObject), RecordName: lockRecordName(dns.recordName), LockId: lock.id },
  };
}

/**
 * A RecordHistory (or RecordHistoryAndReleaseLock) step as the plain history change batch it sends,
 * unmarked and without the lock's release (the stop-cleanup: the checks did not all run; it releases
 * the lock on its own when it is still this run's).
 */
export function plainHistoryStep(step: Step): Step {
  if (step.operation !== 'RecordHistory' && step.operation !== 'RecordHistoryAndReleaseLock') return step;
  const { ChecksPassed: _checks, RecordName: _name, LockId: _id, ...input } = step.input as JsonObject;
  const summary = step.summary.replace(IF_CHECKED, '').replace(/, and release the \S+ lock in the same atomic change batch \(a DELETE of exactly the record this run wrote last\)$/, '');
  return { ...step, operation: 'ChangeResourceRecordSets', summary, input };
}

export function insyncStep(timeoutSeconds: number): Step {
  return {
    id: FAILOVER_STEP.waitInsync,
    region: ROUTE53_STEP_REGION,
    service: 'route53',
    operation: 'WaitForChangeInsync',
    input: { Id: { $ref: FAILOVER_STEP.moveTraffic, path: 'ChangeInfo.Id' }, TimeoutSeconds: timeoutSeconds },
    summary: 'wait until Route 53 reports the change INSYNC on every name server',
    action: 'wait',
    destructive: false,
  };
}

/** One plan note per change, named by its step: the exact change batches, readable in a dry-run. */
export function batchNotes(steps: Step[]): string[] {
  return steps.flatMap((s) => {
    const input = s.input as JsonObject;
    if (s.operation === 'ChangeResourceRecordSets' || s.operation === 'RecordHistory') return describeChanges(input.ChangeBatch as JsonObject).map((line) => `${s.id}: ${line}`);
    if (s.operation === 'AcquireLock') return lockNotes(s.id, input);
    if (s.operation === 'AcquireLockAndChange') {
      return [
        ...lockNotes(s.id, input.Lock as JsonObject),
        ...describeChanges(input.ChangeBatch as JsonObject).map((line) => `${s.id}: ${line}`),
        `${s.id}: (the lock's changes and the move's go in the same atomic batch)`,
      ];
    }
    if (s.operation === 'ReleaseLock') return [`${s.id}: DELETE ${String(input.RecordName)} TXT (exactly the value this run wrote last, id=${String(input.LockId)})`];
    if (s.operation === 'RecordHistoryAndReleaseLock') {
      return [
        ...describeChanges(input.ChangeBatch as JsonObject).map((line) => `${s.id}: ${line}`),
        `${s.id}: DELETE ${String(input.RecordName)} TXT (exactly the value this run wrote last, id=${String(input.LockId)}) — in the same atomic batch`,
      ];
    }
    return [];
  });
}

/** The lock's changes (the break's DELETE and history UPSERT when replacing, then the CREATE), as notes. */
function lockNotes(id: string, input: JsonObject): string[] {
  const changes: JsonObject[] = [];
  if (input.Replacing) changes.push(recordChange('DELETE', input.Replacing as unknown as RecordSet));
  if (input.History) changes.push(recordChange('UPSERT', input.History as unknown as RecordSet));
  return [
    ...describeChanges({ Changes: changes }).map((line) => `${id}: ${line}`),
    `${id}: CREATE ${String(input.RecordName)} TXT TTL ${LOCK_TTL} "mrrctl-lock=1" "holder=<user@host>" "reason=${String(input.Reason)}" "since=<when taken>" "expires=<since + ${String(input.LeaseSeconds)} s>" "command=${String(input.Command)}" "id=${String(input.LockId)}" "host=…" "pid=…" "run=…" "lease=${String(input.LeaseSeconds)}" — renewed every ${RENEW_EVERY_SECONDS} s while the run lives (one batch: DELETE the exact old value + CREATE the new one)`,
  ];
}
