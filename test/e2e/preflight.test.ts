/** `mrrctl preflight` on the demo: fails for the right reasons before the phases, passes after. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';

let w: SeededWorld;
beforeEach(async () => {
  w = await seededWorld();
});
afterEach(async () => {
  await w.stop();
});

const byId = (checks: Array<{ id: string; status: string }>) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe('preflight', () => {
  it('fails on the demo world for the key, the issuer and the missing replica — and writes nothing', async () => {
    const since = w.lastSeq();
    const r = await w.run(['preflight', '--output', 'json']);
    expect(r.code).toBe(3);
    const status = byId(r.json().data.checks);
    expect(status).toMatchObject({
      'pool.exists': 'pass',
      'pool.tier': 'pass',
      'key.customer-managed': 'fail',
      'issuer.updated': 'fail',
      'replica.state': 'fail',
      'pool.deletion-protection': 'pass',
      'limit.totp-mfa': 'warn',
      'limit.password-reset': 'warn',
    });
    expect(w.writesSince(since)).toEqual([]);
  });

  it('text output has one line per check with its remedy', async () => {
    const r = await w.run(['preflight']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/FAIL\s+key\.customer-managed\s+the pool is encrypted with an AWS owned key/);
    expect(r.stdout).toContain('→ run `mrrctl keys setup` (phase 1)');
    expect(r.stdout).toMatch(/\d+ passed, \d+ warnings, 3 failed/);
  });

  it('passes (with warnings) once the key, issuer and an active replica are in place', async () => {
    await setUpKeyAndIssuer(w);
    await setUpReplica(w, { activate: true });
    const r = await w.run(['preflight', '--output', 'json']);
    const checks = r.json().data.checks as Array<{ id: string; status: string; evidence: string }>;
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(r.code).toBe(0);
    expect(byId(checks)['key.policy.eu-west-1']).toBe('pass');
  });

  it('names a missing pool', async () => {
    const r = await w.run(['preflight', '--pool', 'us-east-1_Nope12345', '--output', 'json']);
    expect(r.code).toBe(3);
    expect(r.json().data.checks).toEqual([expect.objectContaining({ id: 'pool.exists', status: 'fail' })]);
  });
});
