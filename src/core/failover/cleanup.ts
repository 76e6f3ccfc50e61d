/**
 * After a failover or canary stopped early (a failed step, a timeout, Ctrl-C), the apply engine has
 * stopped at the first failure — so the command finishes two things itself:
 * - if traffic already moved but the history was not written, write it (other operators' cooldown
 *   guards read it), never marked checks=passed;
 * - if the lock this plan took is still held, release it with a DELETE of exactly the record as read.
 * A lock is "ours" only by its random id, never by holder name: a lock someone else took after ours
 * expired is left alone.
 */
import type { JsonObject, Plan, Step } from '../plan/types.js';
import { recordChange, type HeldLock } from './lock.js';
import { FAILOVER_STEP, plainHistoryStep } from './steps.js';

/** The lock id the plan CREATEs (its take-lock step, or the lock in the move's batch), if it has one. */
export function plannedLockId(plan: Pick<Plan, 'steps'>): string | undefined {
  const take = plan.steps.find((s) => s.id === FAILOVER_STEP.takeLock);
  const batched = plan.steps.find((s) => s.id === FAILOVER_STEP.moveTraffic && s.operation === 'AcquireLockAndChange');
  const input = (take?.input ?? ((batched?.input as JsonObject | undefined)?.Lock)) as JsonObject | undefined;
  const id = input?.LockId;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * The steps to run now. `done` = ids of the steps that were applied or skipped (empty when unknown);
 * `currentLock` = the lock as read from the zone after the stop.
 */
export function cleanupSteps(plan: Pick<Plan, 'steps'>, done: readonly string[], currentLock: HeldLock | undefined): Step[] {
  const steps: Step[] = [];
  // The failover writes the history and releases the lock in one batch (historyAndUnlock); canary and
  // plans saved by an earlier mrrctl in two steps (history, releaseLock).
  const history = plan.steps.find((s) => s.id === FAILOVER_STEP.history || s.id === FAILOVER_STEP.historyAndUnlock);
  const ours = plannedLockId(plan);
  // When the lock rode in the move's batch, our lock in the zone proves the batch was applied (it is
  // atomic), even if the step is not recorded as done (its answer was lost and a retry was refused).
  const batched = plan.steps.some((s) => s.id === FAILOVER_STEP.moveTraffic && s.operation === 'AcquireLockAndChange');
  const moved = done.includes(FAILOVER_STEP.moveTraffic) || (batched && ours !== undefined && currentLock?.info?.id === ours);
  // Written without checks=passed: the run stopped before its checks finished (or one failed), so the
  // move is on record for the cooldown guards but not proven, and the next run re-runs the checks.
  if (history && moved && !done.includes(history.id)) steps.push({ ...plainHistoryStep(history), id: FAILOVER_STEP.history });
  const release = plan.steps.find((s) => s.id === FAILOVER_STEP.releaseLock || s.id === FAILOVER_STEP.historyAndUnlock);
  if (release && ours && currentLock?.info?.id === ours && !done.includes(release.id)) {
    const input = release.input as JsonObject;
    // A plain change batch (not the ReleaseLock pseudo-operation): the run's lease state may be gone.
    steps.push({
      ...release,
      id: FAILOVER_STEP.releaseLock,
      operation: 'ChangeResourceRecordSets',
      summary: 'release the failover lock (a DELETE of exactly the record as read)',
      action: 'delete',
      input: { HostedZoneId: input.HostedZoneId ?? '', ChangeBatch: { Comment: `mrrctl unlock after a stop: ${currentLock.info?.holder ?? 'unknown'}`, Changes: [recordChange('DELETE', currentLock.record)] } },
    });
  }
  return steps;
}
