/**
 * keys verify reports what it can read (issue 16): a us-east-1 outage, KMS failing in the secondary
 * only, and a throttling storm on one operation. Each check it cannot read is an "unreadable: …
 * re-run after recovery" line, the others are still checked, and the exit is 3.
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
  await setUpReplica(w, { activate: false });
});
afterEach(async () => {
  await w.stop();
});

describe('keys verify when a read fails', () => {
  it('us-east-1 down: the replica key is still checked in eu-west-1, the primary key is unreadable, exit 3', async () => {
    await inject({ region: P, kind: 'outage' });
    const r = await w.run(['keys', 'verify', '--output', 'json']);
    expect(r.code).toBe(3);
    const data = r.json().data;
    expect(data.keyArn).toBeNull();
    expect(statusById(data.checks)).toEqual({
      'key.exists': 'unreadable',
      'key.multi-region': 'unreadable',
      'key.symmetric': 'unreadable',
      'key.enabled': 'unreadable',
      'key.replica': 'pass',
      'key.rotation': 'unreadable',
      'pool.key': 'pass',
      'key.alias': 'unreadable',
      'policy.cognito.primary': 'unreadable',
      'policy.principals.primary': 'unreadable',
      'policy.cognito.secondary': 'pass',
      'policy.principals.secondary': 'pass',
      'policy.match': 'unreadable',
    });
    const poolKey = data.checks.find((c: { id: string }) => c.id === 'pool.key');
    expect(poolKey.evidence).toMatch(/\(read from eu-west-1, may be stale: unreadable: cognito-idp DescribeUserPool in us-east-1: /);
    expect(data.checks.find((c: { id: string }) => c.id === 'key.enabled').evidence).toMatch(/^unreadable: kms DescribeKey in us-east-1: .+, re-run after recovery$/);
  });

  it('KMS failing in eu-west-1 only: the replica side is unreadable, the primary key passes, text says so', async () => {
    await inject({ region: S, service: 'kms', kind: 'error', status: 500 });
    const r = await w.run(['keys', 'verify']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^PASS {2}key\.enabled\s+Enabled in us-east-1$/m);
    expect(r.stdout).toMatch(/^\?\?\?\? {2}key\.replica\s+unreadable: kms DescribeKey in eu-west-1: \S+.*, re-run after recovery$/m);
    expect(r.stdout).toMatch(/^\?\?\?\? {2}policy\.cognito\.secondary\s+unreadable: kms DescribeKey in eu-west-1: /m);
    expect(r.stdout).toMatch(/^PASS {2}policy\.cognito\.primary\s/m);
    expect(r.stdout).toMatch(/, \d+ unreadable \(re-run after recovery\)$/m);
    expect(r.stderr).toContain('[MRR_UNREADABLE_E001]');
  });

  it('a throttling storm on GetKeyRotationStatus: only key.rotation is unreadable', async () => {
    await inject({ region: P, service: 'kms', operation: 'GetKeyRotationStatus', kind: 'throttle' });
    const r = await w.run(['keys', 'verify', '--output', 'json']);
    expect(r.code).toBe(3);
    const checks = r.json().data.checks as Array<{ id: string; status: string; evidence: string }>;
    expect(checks.filter((c) => c.status === 'unreadable').map((c) => c.id)).toEqual(['key.rotation']);
    expect(checks.find((c) => c.id === 'key.rotation')!.evidence).toMatch(/^unreadable: kms GetKeyRotationStatus in us-east-1: ThrottlingException: /);
    expect(statusById(checks)).toMatchObject({ 'key.exists': 'pass', 'key.replica': 'pass', 'policy.match': 'pass' });
  });
});
