/** `mrrctl apply FILE`: applies exactly the saved plan, and refuses one whose steps were rewritten. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan, serializePlan } from '../../src/core/plan/plan-file.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

let w: SeededWorld;
beforeEach(async () => {
  w = await seededWorld();
});
afterEach(async () => {
  await w.stop();
});

describe('apply', () => {
  it('applies a saved plan given by a path relative to the working directory', async () => {
    expect((await w.run(['issuer', 'switch', '--plan-out', 'issuer.plan'])).code).toBe(0);
    const r = await w.run(['apply', 'issuer.plan', '--yes']);
    expect(r.code).toBe(0);
    expect(w.writesSince(0).map((c) => c.operation)).toContain('UpdateUserPool');
  });

  it('refuses a plan whose steps were edited and re-checksummed (exit 4), writing nothing', async () => {
    expect((await w.run(['issuer', 'switch', '--plan-out', 'issuer.plan'])).code).toBe(0);
    const path = join(w.dir, 'issuer.plan');
    const plan = parsePlan(readFileSync(path, 'utf8'), { now: new Date(), source: path });
    const input = plan.steps[0].input as Record<string, unknown>;
    input.DeletionProtection = 'INACTIVE';
    // A valid checksum: only the content check can catch this.
    writeFileSync(path, serializePlan(plan));
    const since = w.lastSeq();
    const r = await w.run(['apply', 'issuer.plan', '--yes']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('MRR_PLAN_E011');
    expect(w.writesSince(since)).toEqual([]);
  });
});
