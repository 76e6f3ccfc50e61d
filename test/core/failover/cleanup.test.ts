/** What a failover finishes by itself after the apply engine stopped early. */
import { describe, expect, it } from 'vitest';
import { cleanupSteps, plannedLockId } from '../../../src/core/failover/cleanup.js';
import { findLock, lockRecordSet } from '../../../src/core/failover/lock.js';
import { FAILOVER_STEP, planFailover } from '../../../src/core/failover/plan.js';
import type { JsonObject } from '../../../src/core/plan/types.js';
import { GUARDS, ID, NOW, observation, options, T, WEIGHTED } from './fixtures.js';

const plan = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, observation(), options({ reason: 'outage' }), ID);
const ourLock = findLock([{ ...lockRecordSet('auth.example.com', { holder: 'ana@ops', reason: 'outage', since: NOW.toISOString(), expires: new Date(NOW.getTime() + 1_500_000).toISOString(), command: 'failover', id: 'lock-1' }), Name: '_mrrctl-lock.auth.example.com.' }]);
const othersLock = findLock([lockRecordSet('auth.example.com', { holder: 'bo@ops', reason: 'drill', since: NOW.toISOString(), expires: NOW.toISOString(), command: 'failover', id: 'lock-2' })]);

describe('cleanupSteps', () => {
  it('knows the id of the lock its plan creates', () => {
    expect(plannedLockId(plan)).toBe('lock-1');
    expect(plannedLockId({ steps: [] })).toBeUndefined();
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
