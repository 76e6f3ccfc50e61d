/** What a failover finishes by itself after the apply engine stopped early. */
import { describe, expect, it } from 'vitest';
import { cleanupSteps, plannedLockId } from '../../../src/core/failover/cleanup.js';
import { findLock, lockRecordSet } from '../../../src/core/failover/lock.js';
import { FAILOVER_STEP, planFailover } from '../../../src/core/failover/plan.js';
import type { JsonObject } from '../../../src/core/plan/types.js';
import { GUARDS, ID, NOW, observation, options, T, WEIGHTED } from './fixtures.js';

/** A plan saved before the lock rode in the move's batch: take-lock, then the move. */
const plan = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, observation(), options({ reason: 'outage', lockInMoveBatch: false }), ID);
/** Today's plan: the lock and the move in one batch (route53.move-traffic, AcquireLockAndChange). */
const batched = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, observation(), options({ reason: 'outage' }), ID);
const ourLock = findLock([{ ...lockRecordSet('auth.example.com', { holder: 'ana@ops', reason: 'outage', since: NOW.toISOString(), expires: new Date(NOW.getTime() + 1_500_000).toISOString(), command: 'failover', id: 'lock-1' }), Name: '_mrrctl-lock.auth.example.com.' }]);
const othersLock = findLock([lockRecordSet('auth.example.com', { holder: 'bo@ops', reason: 'drill', since: NOW.toISOString(), expires: NOW.toISOString(), command: 'failover', id: 'lock-2' })]);

describe('cleanupSteps', () => {
  it('knows the id of the lock its plan creates', () => {
    expect(plannedLockId(plan)).toBe('lock-1');
    expect(plannedLockId({ steps: [] })).toBeUndefined();
    expect(batched.steps[0].operation).toBe('AcquireLockAndChange');
    expect(plannedLockId(batched)).toBe('lock-1');
  });

  it('the lock in the move\'s batch: after the batch, a stop records the history and releases our lock; a refused batch leaves the zone\'s lock alone', () => {
    expect(cleanupSteps(batched, [FAILOVER_STEP.moveTraffic], ourLock).map((s) => s.id)).toEqual([FAILOVER_STEP.history, FAILOVER_STEP.releaseLock]);
    // Refused whole: nothing moved, no lock of ours; the lock in the zone is the other run's.
    expect(cleanupSteps(batched, [], othersLock)).toEqual([]);
    expect(cleanupSteps(batched, [], undefined)).toEqual([]);
    // Our lock in the zone though the step is not done (its answer lost, a retry refused): the batch is
    // atomic, so traffic moved with it — the history is written too, then the lock released.
    expect(cleanupSteps(batched, [], ourLock).map((s) => s.id)).toEqual([FAILOVER_STEP.history, FAILOVER_STEP.releaseLock]);
    // A plan that took the lock on its own proves nothing about the move by its lock.
    expect(cleanupSteps(plan, [], ourLock).map((s) => s.id)).toEqual([FAILOVER_STEP.releaseLock]);
  });

  it('releases our lock, as read, when a step after it failed', () => {
    const steps = cleanupSteps(plan, [FAILOVER_STEP.takeLock], ourLock);
    expect(steps.map((s) => s.id)).toEqual([FAILOVER_STEP.releaseLock]);
    const change = (((steps[0].input as JsonObject).ChangeBatch as JsonObject).Changes as JsonObject[])[0];
    expect(change).toEqual({ Action: 'DELETE', ResourceRecordSet: ourLock!.record });
  });

  it('also records the history when traffic already moved', () => {
    const done = [FAILOVER_STEP.takeLock, FAILOVER_STEP.moveTraffic];
    expect(cleanupSteps(plan, done, ourLock).map((s) => s.id)).toEqual([FAILOVER_STEP.history, FAILOVER_STEP.releaseLock]);
  });

  it("never touches someone else's lock, and does nothing when the plan finished its own cleanup", () => {
    expect(cleanupSteps(plan, [FAILOVER_STEP.takeLock], othersLock)).toEqual([]);
    expect(cleanupSteps(plan, [FAILOVER_STEP.takeLock], undefined)).toEqual([]);
    const all = plan.steps.map((s) => s.id);
    expect(cleanupSteps(plan, all, ourLock)).toEqual([]);
  });

  it('releases after an unknown stop (no results) only if the lock in the zone is ours', () => {
    expect(cleanupSteps(plan, [], ourLock).map((s) => s.id)).toEqual([FAILOVER_STEP.releaseLock]);
    expect(cleanupSteps(plan, [], othersLock)).toEqual([]);
  });
});
