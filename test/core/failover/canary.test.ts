/** Canary and canary stop plans on the weighted strategy. */
import { describe, expect, it } from 'vitest';
import { planCanary, planCanaryStop, type CanaryObservation, type CanaryOptions } from '../../../src/core/failover/canary.js';
import { dnsStateOf } from '../../../src/core/failover/dns-state.js';
import { FAILOVER_STEP } from '../../../src/core/failover/plan.js';
import type { JsonObject } from '../../../src/core/plan/types.js';
import { ID, observation, T, WEIGHTED, weightedRecords } from './fixtures.js';

const regions = { primary: 'us-east-1', secondary: 'eu-west-1' };
const healthy = { id: 'hc', healthy: true, healthyCheckers: 8, checkers: 8, share: 1 };
const sick = { id: 'hc', healthy: false, healthyCheckers: 0, checkers: 8, share: 0 };

function world(p: number, s: number, patch: Partial<CanaryObservation> = {}): CanaryObservation {
  const records = weightedRecords(p, s);
  return { dns: dnsStateOf(WEIGHTED, regions, records), records, history: [], readings: { 'us-east-1': healthy, 'eu-west-1': healthy }, targetHealth: observation().targetHealth, ...patch };
}
const opts = (patch: Partial<CanaryOptions> = {}): CanaryOptions => ({ to: 'eu-west-1', percent: 10, stop: false, force: false, breakLock: false, reason: 'drill', timeoutSeconds: 60, ...patch });
const weightsOf = (parts: { steps: { id: string; input: unknown }[] }) =>
  Object.fromEntries(
    ((((parts.steps.find((s) => s.id === FAILOVER_STEP.moveTraffic)!.input as JsonObject).ChangeBatch as JsonObject).Changes as JsonObject[]) ?? [])
      .filter((c) => c.Action === 'CREATE')
      .map((c) => [(c.ResourceRecordSet as JsonObject).SetIdentifier, (c.ResourceRecordSet as JsonObject).Weight]),
  );

describe('planCanary', () => {
  it('moves the share with a CAS batch under the lock and records what to restore', () => {
    const parts = planCanary(T, WEIGHTED, world(100, 0), opts(), ID);
    expect(parts.refused).toBe(false);
    expect(parts.steps.map((s) => s.id)).toEqual([FAILOVER_STEP.takeLock, FAILOVER_STEP.moveTraffic, FAILOVER_STEP.waitInsync, FAILOVER_STEP.history, FAILOVER_STEP.releaseLock]);
    expect(weightsOf(parts)).toEqual({ 'us-east-1': 90, 'eu-west-1': 10 });
    const history = JSON.stringify(parts.steps.find((s) => s.id === FAILOVER_STEP.history)!.input);
    expect(history).toContain('kind=canary');
    expect(history).toContain('percent=10');
    expect(history).toContain('restore=us-east-1:100,eu-west-1:0');
  });

  it('needs --force above 50 %', () => {
    expect(planCanary(T, WEIGHTED, world(100, 0), opts({ percent: 60 }), ID).refused).toBe(true);
    const forced = planCanary(T, WEIGHTED, world(100, 0), opts({ percent: 60, force: true }), ID);
    expect(forced.refused).toBe(false);
    expect(weightsOf(forced)).toEqual({ 'us-east-1': 40, 'eu-west-1': 60 });
  });

  it('is refused while the source is unhealthy — even with --force: that is a failover', () => {
    const parts = planCanary(T, WEIGHTED, world(100, 0, { readings: { 'us-east-1': sick, 'eu-west-1': healthy } }), opts({ force: true }), ID);
    expect(parts.refused).toBe(true);
    expect(parts.guards.find((g) => g.id === 'source-healthy')).toMatchObject({ ok: false, remedy: expect.stringContaining('mrrctl failover') });
  });

  it('keeps the weights from before the first canary when canaries stack', () => {
    const first = { kind: 'canary' as const, time: '2026-06-10T03:00:00.000Z', from: 'us-east-1', to: 'eu-west-1', actor: 'a', reason: 'r', percent: 10, restore: { 'us-east-1': 100, 'eu-west-1': 0 } };
    const parts = planCanary(T, WEIGHTED, world(90, 10, { history: [first] }), opts({ percent: 20 }), ID);
    expect(JSON.stringify(parts.steps.find((s) => s.id === FAILOVER_STEP.history)!.input)).toContain('restore=us-east-1:100,eu-west-1:0');
  });
});

describe('planCanaryStop', () => {
  it('restores the weights the history recorded', () => {
    const canary = { kind: 'canary' as const, time: '2026-06-10T03:00:00.000Z', from: 'us-east-1', to: 'eu-west-1', actor: 'a', reason: 'r', percent: 10, restore: { 'us-east-1': 255, 'eu-west-1': 0 } };
    const parts = planCanaryStop(T, WEIGHTED, world(90, 10, { history: [canary] }), opts({ stop: true }), ID);
    expect(weightsOf(parts)).toEqual({ 'us-east-1': 255, 'eu-west-1': 0 });
  });

  it('defaults to primary 100 / secondary 0, and has nothing to do when already there', () => {
    expect(weightsOf(planCanaryStop(T, WEIGHTED, world(70, 30), opts({ stop: true }), ID))).toEqual({ 'us-east-1': 100, 'eu-west-1': 0 });
    expect(planCanaryStop(T, WEIGHTED, world(100, 0), opts({ stop: true }), ID).steps).toEqual([]);
  });

  it('refuses to give users back to an unhealthy Region unless forced', () => {
    const o = world(90, 10, { readings: { 'us-east-1': sick, 'eu-west-1': healthy } });
    expect(planCanaryStop(T, WEIGHTED, o, opts({ stop: true }), ID).refused).toBe(true);
    expect(planCanaryStop(T, WEIGHTED, o, opts({ stop: true, force: true }), ID).refused).toBe(false);
  });
});
