/** The whole check through the read ports: observation, bounded parallelism, the replication-lag re-check, allowances. */
import { describe, expect, it } from 'vitest';
import { runDriftCheck } from '../../../src/core/drift/run.js';
import { observeDrift } from '../../../src/core/drift/observe.js';
import type { DriftObservation } from '../../../src/core/drift/types.js';
import type { JsonObject } from '../../../src/core/plan/types.js';
import { alignedObservation, P, POOL_ID, S } from './fixtures.js';
import { fakeClock, fakeReaders } from './fake-readers.js';

const topology = { userPoolId: POOL_ID, primaryRegion: P, secondaryRegion: S };

describe('observeDrift', () => {
  it('reads back what the ports hold, resources included', async () => {
    const world = alignedObservation();
    const { readers } = fakeReaders(() => world);
    const o = await observeDrift(readers, topology, { deep: false, clock: fakeClock() });
    expect(o.secondary.pool).toEqual(world.secondary.pool);
    expect(o.secondary.webAcl?.ARN).toEqual(world.secondary.webAcl?.ARN);
    expect(Object.keys(o.resources.functions).sort()).toEqual(Object.keys(world.resources.functions).sort());
    expect(o.resources.emailIdentities).toEqual(world.resources.emailIdentities);
  });

  it('refuses a pool that does not exist in the primary with an input error (exit 2)', async () => {
    const world = alignedObservation();
    delete world.primary.pool;
    const { readers } = fakeReaders(() => world);
    await expect(observeDrift(readers, topology, { deep: false, clock: fakeClock() })).rejects.toMatchObject({ code: 'MRR_DRIFT_E002', exitCode: 2 });
  });

  it('keeps at most the configured number of Cognito calls in flight per Region', async () => {
    const world = alignedObservation();
    world.primary.clients = Array.from({ length: 30 }, (_, i) => ({ ClientId: `c${i}` }));
    world.secondary.clients = world.primary.clients;
    const { readers, rec } = fakeReaders(() => world, { delayMs: 3 });
    const clock = fakeClock();
    await observeDrift(readers, topology, { deep: true, clock, cognitoConcurrency: 2, otherConcurrency: 1 });
    const describes = rec.calls.filter((c) => c.op === 'DescribeUserPoolClient');
    expect(describes).toHaveLength(60);
    // Cognito ≤ 2 per Region plus the other services' single slot, which a trigger function's two
    // reads (GetFunction and GetPolicy, asked together) share.
    expect(rec.maxInFlight[P]).toBeLessThanOrEqual(4);
    expect(rec.maxInFlight[S]).toBeLessThanOrEqual(4);
    expect(rec.maxInFlight[P]).toBeGreaterThanOrEqual(2);
    // Only UserPoolClientRead (1 list + 30 describes per Region) outgrows its burst of 14: 17 waits per
    // Region, each a whole number of refills at 15 RPS × 0.97 = 14.55/s (68.73 ms); the clock stands
    // still, so the k-th wait is k refills. The other categories (≤ 5 calls each) never wait.
    const refill = 68.7285;
    expect(clock.sleeps).toHaveLength(34);
    expect(clock.sleeps.every((ms) => ms > 0 && Math.abs(ms / refill - Math.round(ms / refill)) < 0.001)).toBe(true);
    expect(Math.max(...clock.sleeps)).toBeCloseTo(17 * refill, 0);
  });

  it('does not read the secondary while the replica is still being created', async () => {
    const world = alignedObservation();
    world.replica!.Status = 'CREATING';
    const { readers, rec } = fakeReaders(() => world);
    const o = await observeDrift(readers, topology, { deep: false, clock: fakeClock() });
    expect(o.secondary.pool).toBeUndefined();
    expect(rec.calls.filter((c) => c.region === S && c.op === 'DescribeUserPool')).toEqual([]);
  });
});

describe('the replication-lag re-check', () => {
  function lagging(): { world: DriftObservation; catchUp: () => void } {
    const world = alignedObservation();
    const original = world.secondary.pool!.Policies;
    world.secondary.pool!.Policies = { PasswordPolicy: { MinimumLength: 6 } };
    return { world, catchUp: () => (world.secondary.pool!.Policies = original) };
  }

  it('waits once, re-reads, and reports nothing when replication caught up', async () => {
    const { world, catchUp } = lagging();
    const { readers } = fakeReaders(() => world);
    const clock = fakeClock(undefined, (ms) => ms === 2000 && catchUp());
    const { report } = await runDriftCheck(readers, topology, { deep: false, clock, recheckDelayMs: 2000, cognitoIntervalMs: 0 });
    expect(clock.sleeps).toEqual([2000]);
    expect(report.recheck).toEqual({ performed: true, delayMs: 2000, firstPass: 1, resolved: 1 });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports what still differs after the wait', async () => {
    const { world } = lagging();
    const { readers } = fakeReaders(() => world);
    const clock = fakeClock();
    const { report } = await runDriftCheck(readers, topology, { deep: false, clock, recheckDelayMs: 2000, cognitoIntervalMs: 0 });
    expect(clock.sleeps).toEqual([2000]);
    expect(report.recheck).toMatchObject({ performed: true, firstPass: 1, resolved: 0 });
    expect(report.findings.map((f) => f.code)).toEqual(['MRR_DRIFT_E901']);
    expect(report.ok).toBe(false);
  });

  it('does not wait when the replicated configuration matches', async () => {
    const world = alignedObservation();
    delete (world.secondary.pool!.LambdaConfig as JsonObject).PreSignUp;
    const { readers } = fakeReaders(() => world);
    const clock = fakeClock();
    const { report } = await runDriftCheck(readers, topology, { deep: false, clock, cognitoIntervalMs: 0 });
    expect(clock.sleeps).toEqual([]);
    expect(report.recheck.performed).toBe(false);
    expect(report.findings.map((f) => f.code)).toEqual(['MRR_DRIFT_E101']);
  });
});

describe('report and allowances', () => {
  const now = new Date('2026-06-15T12:00:00Z');

  async function reportWith(allow: Array<{ path: string; reason: string; expires?: Date }>, failOn: 'error' | 'warning' = 'error') {
    const world = alignedObservation();
    delete (world.secondary.pool!.LambdaConfig as JsonObject).CustomMessage;
    world.secondary.pool!.UserPoolTags = {};
    const { readers } = fakeReaders(() => world);
    return (await runDriftCheck(readers, topology, { deep: false, clock: fakeClock(now), cognitoIntervalMs: 0, allowances: allow, failOn })).report;
  }

  it('an allowance silences exactly the finding with its path', async () => {
    const report = await reportWith([{ path: 'secondary.LambdaConfig.CustomMessage', reason: 'English only in eu-west-1', expires: new Date('2026-06-16T00:00:00Z') }]);
    expect(report.findings.map((f) => f.path)).toEqual(['secondary.UserPoolTags.app']);
    expect(report.allowed).toMatchObject([{ code: 'MRR_DRIFT_E101', path: 'secondary.LambdaConfig.CustomMessage', allowance: { reason: 'English only in eu-west-1', expires: '2026-06-16T00:00:00.000Z' } }]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1, allowed: 1 });
    expect(report.ok).toBe(true);
  });

  it('an expired allowance reports the finding again, with a note', async () => {
    const report = await reportWith([{ path: 'secondary.LambdaConfig.CustomMessage', reason: 'temporary', expires: new Date('2026-06-15T11:59:59Z') }]);
    expect(report.allowed).toEqual([]);
    expect(report.findings.find((f) => f.code === 'MRR_DRIFT_E101')).toMatchObject({ expiredAllowance: { reason: 'temporary', expires: '2026-06-15T11:59:59.000Z' } });
    expect(report.ok).toBe(false);
  });

  it('an allowance without expiry lasts; one for another path silences nothing', async () => {
    expect((await reportWith([{ path: 'secondary.LambdaConfig.CustomMessage', reason: 'r' }])).allowed).toHaveLength(1);
    const other = await reportWith([{ path: 'secondary.LambdaConfig.PreSignUp', reason: 'r' }]);
    expect(other.allowed).toEqual([]);
    expect(other.findings).toHaveLength(2);
  });

  it('--fail-on warning fails on warnings; findings are sorted most severe first', async () => {
    const report = await reportWith([{ path: 'secondary.LambdaConfig.CustomMessage', reason: 'r' }], 'warning');
    expect(report.ok).toBe(false);
    const both = await reportWith([]);
    expect(both.findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(both.summary).toMatchObject({ errors: 1, warnings: 1, checks: both.checks.length });
  });
});
