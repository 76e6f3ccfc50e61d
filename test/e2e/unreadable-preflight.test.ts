/**
 * preflight reports what it can read (issue 16): under a us-east-1 outage, a fault of one service in
 * the secondary and a throttling storm on one operation, each check that cannot be read is an
 * "unreadable: … re-run after recovery" line, the other checks are still shown, and the exit is 3.
 * Real CLI through main() against the in-process sandbox and its fault injection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { injectFault } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

const P = 'us-east-1';
const S = 'eu-west-1';
let w: SeededWorld;

const inject = (fault: Record<string, unknown>) => injectFault(w.sb, fault);
const statusById = (checks: Array<{ id: string; status: string }>) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

beforeEach(async () => {
  w = await seededWorld();
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: true });
});
afterEach(async () => {
  await w.stop();
});

describe('preflight when a read fails', () => {
  it('us-east-1 down: the pool is read from eu-west-1, every us-east-1 read is unreadable, exit 3', async () => {
    await inject({ region: P, kind: 'outage' });
    const r = await w.run(['preflight', '--output', 'json']);
    expect(r.code).toBe(3);
    const body = r.json();
    const checks = body.data.checks as Array<{ id: string; status: string; evidence: string }>;
    expect(statusById(checks)).toMatchObject({
      'pool.exists': 'unreadable',
      // Global settings, read from the secondary:
      'pool.tier': 'pass',
      'key.customer-managed': 'pass',
      'issuer.updated': 'pass',
      'replica.state': 'pass',
      // Regional reads of us-east-1:
      'key.multi-region': 'unreadable',
      'key.enabled': 'unreadable',
      'key.policy.us-east-1': 'unreadable',
      // eu-west-1 still answers:
      'key.replica': 'pass',
      'key.policy.eu-west-1': 'pass',
    });
    const pool = checks.find((c) => c.id === 'pool.exists')!;
    expect(pool.evidence).toMatch(/^unreadable: cognito-idp DescribeUserPool in us-east-1: \S+.*, re-run after recovery; the pool's global settings below were read from eu-west-1 and may be stale$/);
    expect(body.data.unreadable.map((u: { service: string; operation: string; region: string }) => `${u.service} ${u.operation} ${u.region}`)).toEqual(
      expect.arrayContaining(['cognito-idp DescribeUserPool us-east-1', 'kms DescribeKey us-east-1', 'kms GetKeyPolicy us-east-1']),
    );
    expect(body.diagnostics.map((d: { code: string }) => d.code)).toContain('MRR_UNREADABLE_E001');
  });

  it('KMS down in eu-west-1 only: the replica key checks are unreadable, the rest passes, text names them', async () => {
    await inject({ region: S, service: 'kms', kind: 'error', status: 503 });
    const r = await w.run(['preflight']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^\?\?\?\? {2}key\.replica\s+unreadable: kms DescribeKey in eu-west-1: \S+.*, re-run after recovery$/m);
    expect(r.stdout).toMatch(/^\?\?\?\? {2}key\.policy\.eu-west-1\s+unreadable: kms GetKeyPolicy in eu-west-1: /m);
    expect(r.stdout).toMatch(/^PASS {2}key\.enabled\s+enabled in us-east-1$/m);
    expect(r.stdout).toMatch(/^PASS {2}replica\.state\s+the replica in eu-west-1 is ACTIVE$/m);
    expect(r.stdout).toMatch(/, 0 failed, 2 unreadable \(re-run after recovery\)$/m);
    expect(r.stderr).toContain('[MRR_UNREADABLE_E001]');
  });

  it('a throttling storm on DescribeKey in us-east-1: those checks are unreadable, the others are read', async () => {
    await inject({ region: P, service: 'kms', operation: 'DescribeKey', kind: 'throttle' });
    const r = await w.run(['preflight', '--output', 'json']);
    expect(r.code).toBe(3);
    const checks = r.json().data.checks as Array<{ id: string; status: string; evidence: string }>;
    expect(statusById(checks)).toMatchObject({
      'pool.exists': 'pass',
      'key.multi-region': 'unreadable',
      'key.enabled': 'unreadable',
      'key.replica': 'pass',
      'key.policy.us-east-1': 'pass',
      'issuer.updated': 'pass',
    });
    expect(checks.find((c) => c.id === 'key.enabled')!.evidence).toMatch(/^unreadable: kms DescribeKey in us-east-1: ThrottlingException: .*, re-run after recovery$/);
  });

  it('with nothing failing, it still exits 0 and reports no unreadable item', async () => {
    const r = await w.run(['preflight', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().data.unreadable).toEqual([]);
  });
});
