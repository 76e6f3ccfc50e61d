/**
 * The Route 53 steps failover and canary plans share: take the lock (CREATE), move the weights (one
 * compare-and-swap batch), wait for INSYNC, record the history (UPSERT), release the lock (DELETE of
 * exactly the record created). Each step carries the exact request, so `--dry-run` shows it and the
 * journal records it.
 */
import type { DnsConfig } from '../config/schema.js';
import type { JsonObject, Step } from '../plan/types.js';
import type { RecordSet } from '../ports/route53.js';
import { historyRecordSet, type HistoryEvent } from './history.js';
import { lockRecordSet, recordChange, type HeldLock, type LockInfo } from './lock.js';
import { describeChanges } from './weights.js';

/** Route 53's control plane (and so every Route 53 step) is in us-east-1 (aws-facts C1). */
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
} as const;

/** How long a lock lives: long enough for both waits of a slow failover, short enough not to strand the on-call. */
export function lockSeconds(timeoutSeconds: number): number {
  return 2 * timeoutSeconds + 300;
}

export function newLock(id: { actor: string; lockId: string; now: Date }, command: string, reason: string, timeoutSeconds: number): LockInfo {
  return {
    holder: id.actor,
    reason,
    since: id.now.toISOString(),
    expires: new Date(id.now.getTime() + lockSeconds(timeoutSeconds) * 1000).toISOString(),
    command,
    id: id.lockId,
  };
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

/** CREATE the lock; with `replacing` (an expired lock and --break-lock), DELETE that one in the same batch. */
export function takeLockStep(dns: DnsConfig, lock: LockInfo, replacing?: HeldLock): Step {
  const record = lockRecordSet(dns.recordName, lock);
  return changeStep(
    FAILOVER_STEP.takeLock,
    dns,
    replacing ? `take the ${lock.command} lock, replacing the expired lock of ${replacing.info?.holder ?? 'unknown'}` : `take the ${lock.command} lock (a CREATE: fails if anyone holds it)`,
    `mrrctl ${lock.command} lock: ${lock.holder}`,
    [...(replacing ? [recordChange('DELETE', replacing.record)] : []), recordChange('CREATE', record)],
    { action: 'create', destructive: replacing !== undefined },
  );
}

export function releaseLockStep(dns: DnsConfig, lock: LockInfo): Step {
  return changeStep(
    FAILOVER_STEP.releaseLock,
    dns,
    `release the ${lock.command} lock (a DELETE of exactly the record this plan created)`,
    `mrrctl ${lock.command} unlock: ${lock.holder}`,
    [recordChange('DELETE', lockRecordSet(dns.recordName, lock))],
    { action: 'delete' },
  );
}

export function historyStep(dns: DnsConfig, event: HistoryEvent, earlier: HistoryEvent[], comment: string): Step {
  const record: RecordSet = historyRecordSet(dns.recordName, event, earlier);
  return changeStep(FAILOVER_STEP.history, dns, `record the ${event.kind} in the zone's history (${record.Name})`, comment, [recordChange('UPSERT', record)]);
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
  return steps
    .filter((s) => s.operation === 'ChangeResourceRecordSets')
    .flatMap((s) => describeChanges((s.input as JsonObject).ChangeBatch as JsonObject).map((line) => `${s.id}: ${line}`));
}
