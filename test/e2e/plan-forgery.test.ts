/**
 * A plan file carries no trust. Anyone who can write the file can recompute its SHA-256 (the
 * documented canonical JSON: keys sorted, no whitespace — re-implemented here, not imported), so every
 * field of a genuine failover plan is forged one at a time with a valid checksum and applied: each is
 * refused before any write, or has no effect (the file's guards and notes are never shown). A refused
 * plan is never saved, and a plan saved during an outage is judged by the guards at apply time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** docs/plans.md: "The canonical JSON sorts object keys and has no whitespace". */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Writes `plan` as a plan file with a correct checksum. */
function forge(path: string, plan: any): void {
  const sha256 = createHash('sha256').update(canonical(plan)).digest('hex');
  writeFileSync(path, JSON.stringify({ format: 'mrrctl-plan', version: 1, sha256, plan }, null, 2));
}

const drill = ['--planned', '--reason', 'drill'];

interface Forgery {
  field: string;
  edit(plan: any): void;
  /** The apply's own flags besides --yes; the genuine plan's waivers by default. */
  flags?: string[];
  code: 2 | 3 | 4;
  says: string;
}

const FORGERIES: Forgery[] = [
  { field: 'schemaVersion', edit: (p) => (p.schemaVersion = 2), code: 2, says: 'MRR_PLAN_E004' },
  { field: 'command', edit: (p) => (p.command = 'canary'), code: 2, says: 'MRR_PLAN_E013' },
  { field: 'createdAt (younger)', edit: (p) => (p.createdAt = new Date(Date.parse(p.createdAt) + 60_000).toISOString()), code: 2, says: 'plan.expiresAt' },
  { field: 'expiresAt (longer)', edit: (p) => (p.expiresAt = new Date(Date.parse(p.expiresAt) + 3_600_000).toISOString()), code: 2, says: 'plan.expiresAt' },
  { field: 'userPoolId', edit: (p) => (p.userPoolId = 'us-east-1_Other0001'), code: 2, says: 'MRR_PLAN_E005' },
  { field: 'primaryRegion', edit: (p) => (p.primaryRegion = 'us-west-2'), code: 2, says: 'MRR_PLAN_E005' },
  { field: 'secondaryRegion', edit: (p) => (p.secondaryRegion = 'us-west-2'), code: 2, says: 'MRR_PLAN_E005' },
  { field: 'fingerprint', edit: (p) => (p.fingerprint = 'f'.repeat(64)), code: 4, says: 'MRR_PLAN_E007' },
  { field: 'steps (the lock step dropped)', edit: (p) => p.steps.shift(), code: 4, says: 'MRR_PLAN_E011' },
  { field: 'steps[].input (another weight)', edit: (p) => (p.steps.find((s: any) => s.id === 'route53.move-traffic').input.ChangeBatch.Changes[3].ResourceRecordSet.Weight = 7), code: 4, says: 'MRR_PLAN_E011' },
  { field: 'options.to', edit: (p) => (p.options.to = 'us-east-1'), code: 4, says: 'MRR_PLAN_E011' },
  // The attack of issue 13: the waiver taken out of the file, applied without one — the live guard refuses.
  { field: 'options.planned (removed; applied without a waiver)', edit: (p) => (p.options.planned = false), flags: [], code: 3, says: 'anti-flap fails: us-east-1 is healthy now' },
  { field: 'options.planned (removed; applied with the waiver)', edit: (p) => (p.options.planned = false), code: 2, says: 'the plan was made without --planned' },
  { field: 'options.force', edit: (p) => (p.options.force = true), code: 2, says: '--force again' },
  { field: 'options.forceUnhealthyTarget', edit: (p) => (p.options.forceUnhealthyTarget = true), code: 2, says: '--force-unhealthy-target again' },
  { field: 'options.breakLock', edit: (p) => (p.options.breakLock = true), code: 2, says: '--break-lock again' },
  { field: 'options.reason', edit: (p) => (p.options.reason = 'approved by the CISO'), code: 2, says: '"approved by the CISO", the reason' },
  { field: 'options.timeoutSeconds', edit: (p) => (p.options.timeoutSeconds = 1), code: 4, says: 'MRR_PLAN_E011' },
  { field: 'options.identity.actor', edit: (p) => (p.options.identity.actor = 'boss@hq'), code: 4, says: 'MRR_PLAN_E011' },
  { field: 'options.identity.lockId', edit: (p) => (p.options.identity.lockId = 'mine'), code: 4, says: 'MRR_PLAN_E011' },
  { field: 'options.identity.plannedAt', edit: (p) => (p.options.identity.plannedAt = '2020-01-01T00:00:00.000Z'), code: 4, says: 'MRR_PLAN_E011' },
  { field: 'options.identity (an extra key)', edit: (p) => (p.options.identity.admin = true), code: 2, says: 'plan.options.identity.admin' },
  { field: 'options (an unknown key)', edit: (p) => (p.options.skipGuards = true), code: 2, says: 'plan.options.skipGuards: got true, expected no such option' },
  {
    field: 'options.__proto__',
    edit: (p) => Object.defineProperty(p.options, '__proto__', { value: { force: true }, enumerable: true, configurable: true, writable: true }),
    code: 2,
    says: 'plan.options.__proto__',
  },
  { field: 'endpoint.url', edit: (p) => (p.endpoint.url = 'aws'), code: 2, says: 'MRR_PLAN_E012' },
  { field: 'endpoint.partition', edit: (p) => (p.endpoint.partition = 'aws-cn'), code: 2, says: 'MRR_PLAN_E012' },
  { field: 'endpoint (removed)', edit: (p) => delete p.endpoint, code: 2, says: 'an unrecorded endpoint' },
];

describe('a forged failover plan', () => {
  const clock = new VirtualClock();
  let world: FailoverWorld;
  let genuine: any;

  beforeAll(async () => {
    world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('a plan its guards refuse is not saved (exit 3)', async () => {
    const file = join(world.w.dir, 'refused.plan');
    const r = await world.w.run(['failover', '--to', world.secondary, '--plan-out', file], { env: world.env });
    expect(r.code).toBe(3);
    expect(existsSync(file)).toBe(false);
    expect(r.stdout).toContain(`The plan was not saved to ${file}: a guard refuses it.`);
  });

  it('a genuine drill plan is saved, with the endpoint it was made for', async () => {
    const file = join(world.w.dir, 'genuine.plan');
    const r = await world.w.run(['failover', '--to', world.secondary, ...drill, '--plan-out', file], { env: world.env });
    expect(r.code, r.stderr).toBe(0);
    genuine = JSON.parse(readFileSync(file, 'utf8')).plan;
    expect(genuine.endpoint).toEqual({ url: world.w.sb.url, partition: 'aws' });
    expect(Object.keys(genuine.options).sort()).toEqual(['breakLock', 'force', 'forceUnhealthyTarget', 'identity', 'lockInMoveBatch', 'overrideSafetyRules', 'planned', 'reason', 'timeoutSeconds', 'to']);
  });

  it.each(FORGERIES)('$field edited (checksum recomputed): exit $code, nothing written', async ({ edit, flags, code, says }) => {
    const plan = structuredClone(genuine);
    edit(plan);
    const file = join(world.w.dir, 'forged.plan');
    forge(file, plan);
    const seq = world.w.lastSeq();
    const r = await world.w.run(['apply', file, '--yes', ...(flags ?? drill)], { env: world.env });
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout + r.stderr).toContain(says);
    expect(world.w.writesSince(seq)).toEqual([]);
    expect(await world.weights()).toEqual({ [world.primary]: 100, [world.secondary]: 0 });
  });

  it('the genuine plan needs its waiver and reason again on `apply`', async () => {
    const file = join(world.w.dir, 'genuine.plan');
    const seq = world.w.lastSeq();
    const bare = await world.w.run(['apply', file, '--yes'], { env: world.env });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('MRR_PLAN_E013');
    expect(bare.stderr).toContain('--planned again: the plan was made with --planned --reason "drill"');
    const other = await world.w.run(['apply', file, '--yes', '--planned', '--reason', 'something else'], { env: world.env });
    expect(other.code).toBe(2);
    expect(world.w.writesSince(seq)).toEqual([]);
  });

  it('forged guards and notes are never shown: the apply shows the live evidence, then moves DNS', async () => {
    const plan = structuredClone(genuine);
    plan.guards = plan.guards.map((g: any) => ({ id: g.id, ok: true, evidence: 'FORGED: all clear' }));
    plan.notes = ['FORGED note'];
    const file = join(world.w.dir, 'forged.plan');
    forge(file, plan);
    const r = await world.w.run(['apply', file, '--yes', ...drill], { env: world.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('FORGED');
    expect(r.stderr).toMatch(/! guard anti-flap fails, waived: us-east-1 is healthy now.*\[waived by --planned\]/);
    expect(await world.weights()).toEqual({ [world.primary]: 0, [world.secondary]: 100 });
  });
});

describe('a plan saved during an outage, applied after the primary recovered', () => {
  const clock = new VirtualClock();
  let world: FailoverWorld;

  beforeAll(async () => {
    world = await failoverWorld({ activate: true, guards: { minUnhealthySeconds: 2, cooldownSeconds: 0 }, clock });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('is refused by the live anti-flap guard (exit 3), showing the live evidence; traffic stays on the healthy primary', async () => {
    await world.primaryOutage();
    clock.advance(3200);
    const file = join(world.w.dir, 'outage.plan');
    const saved = await world.w.run(['failover', '--to', world.secondary, '--reason', 'us-east-1 down', '--plan-out', file], { env: world.env });
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/✓ guard anti-flap passes: us-east-1 has been unhealthy for/);

    await world.clearFaults();
    clock.advance(1000);
    const seq = world.w.lastSeq();
    const r = await world.w.run(['apply', file, '--yes'], { env: world.env });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/✗ guard anti-flap fails: us-east-1 is healthy now/);
    expect(r.stdout).not.toContain('has been unhealthy for');
    expect(world.w.writesSince(seq)).toEqual([]);
    expect(await world.weights()).toEqual({ [world.primary]: 100, [world.secondary]: 0 });
  });
});
