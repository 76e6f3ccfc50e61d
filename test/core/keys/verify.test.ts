/** keys verify: one check per property, each with evidence, remedies for what is wrong. */
import { describe, expect, it } from 'vitest';
import { checkLine, verifyKeyChecks, type KeyCheck } from '../../../src/core/keys/verify.js';
import type { KeyVerifyObservation } from '../../../src/core/keys/read.js';
import { ALIAS, MRK_ID, TOPOLOGY, bothAliases, fullKey, keyMeta, pool, poolOnKey } from './fixtures.js';

function verifyObs(overrides: Partial<KeyVerifyObservation> = {}): KeyVerifyObservation {
  return { topology: TOPOLOGY, aliasName: ALIAS, pool: poolOnKey(), aliases: bothAliases, keySource: 'pool', keyRef: fullKey().primary.Arn, key: fullKey(), ...overrides };
}

const byId = (checks: KeyCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe('verifyKeyChecks', () => {
  it('passes everything for a complete setup', () => {
    const checks = verifyKeyChecks(verifyObs());
    expect(checks.map((c) => c.id)).toEqual([
      'key.exists',
      'key.multi-region',
      'key.symmetric',
      'key.enabled',
      'key.replica',
      'key.rotation',
      'pool.key',
      'key.alias',
      'policy.cognito.primary',
      'policy.principals.primary',
      'policy.cognito.secondary',
      'policy.principals.secondary',
      'policy.match',
    ]);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('before setup: no key and the pool on an AWS owned key both fail', () => {
    const checks = byId(verifyKeyChecks(verifyObs({ pool: pool(), aliases: {}, keySource: 'none', keyRef: undefined, key: undefined })));
    expect(checks['key.exists']).toMatchObject({ status: 'fail', remedy: 'run `mrrctl keys setup`' });
    expect(checks['key.exists'].evidence).toContain('AWS owned key');
    expect(checks['pool.key']).toMatchObject({ status: 'fail', evidence: 'KeyConfiguration AWS_OWNED_KEY' });
  });

  it('a single-Region key fails multi-Region', () => {
    const key = fullKey({ primary: keyMeta({ MultiRegion: false, MultiRegionConfiguration: undefined }), replica: undefined });
    const checks = byId(verifyKeyChecks(verifyObs({ key })));
    expect(checks['key.multi-region'].status).toBe('fail');
    expect(checks['key.replica']).toMatchObject({ status: 'fail', evidence: 'no replica key in eu-west-1' });
    expect(checks['policy.match']).toBeUndefined();
  });

  it('a disabled replica fails; rotation off only warns', () => {
    const key = fullKey({ rotation: false, replica: keyMeta({ KeyState: 'Disabled', Enabled: false }, 'eu-west-1') });
    const checks = byId(verifyKeyChecks(verifyObs({ key })));
    expect(checks['key.replica'].status).toBe('fail');
    expect(checks['key.replica'].evidence).toContain('Disabled');
    expect(checks['key.rotation'].status).toBe('warn');
  });

  it('policy lint: missing Cognito statement and broad principals fail per Region, differing policies warn', () => {
    const open = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }] });
    const checks = byId(verifyKeyChecks(verifyObs({ key: fullKey({ replicaPolicy: open }) })));
    expect(checks['policy.cognito.primary'].status).toBe('pass');
    expect(checks['policy.cognito.secondary']).toMatchObject({ status: 'fail' });
    expect(checks['policy.cognito.secondary'].evidence).toContain('eu-west-1');
    expect(checks['policy.principals.secondary']).toMatchObject({ status: 'fail' });
    expect(checks['policy.principals.secondary'].evidence).toContain('statement 1');
    expect(checks['policy.match'].status).toBe('warn');
  });

  it('the pool on another key fails pool.key; a missing alias warns', () => {
    const other = pool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-other' } });
    const checks = byId(verifyKeyChecks(verifyObs({ pool: other, aliases: { primary: bothAliases.primary } })));
    expect(checks['pool.key'].status).toBe('fail');
    expect(checks['key.alias']).toMatchObject({ status: 'warn' });
    expect(checks['key.alias'].evidence).toContain('eu-west-1: missing');
    expect(checks['key.alias'].evidence).toContain('us-east-1 → the key');
  });

  it('an AWS managed key fails key.exists', () => {
    const checks = byId(verifyKeyChecks(verifyObs({ key: fullKey({ primary: keyMeta({ KeyManager: 'AWS' }) }) })));
    expect(checks['key.exists'].status).toBe('fail');
  });
});

describe('checkLine', () => {
  it('is one line with status, id, evidence and the remedy when not passing', () => {
    expect(checkLine({ id: 'key.rotation', status: 'warn', evidence: 'automatic rotation is off', remedy: 'turn it on' })).toBe(
      'WARN  key.rotation                 automatic rotation is off — turn it on',
    );
    expect(checkLine({ id: 'key.exists', status: 'pass', evidence: MRK_ID, remedy: 'ignored' })).not.toContain('ignored');
  });
});
