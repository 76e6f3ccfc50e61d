/** Which key keys setup works with, and the refusals of keys that cannot serve. */
import { describe, expect, it } from 'vitest';
import { FindingsError, InputError, MrrError } from '../../../src/core/errors.js';
import { chooseNamedKey, chooseTaggedKey, type KeyCandidates } from '../../../src/core/keys/select.js';
import { ALIAS, MRK_ID, arnIn, keyMeta } from './fixtures.js';

const SINGLE_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const singleRegion = keyMeta({ KeyId: SINGLE_ID, Arn: arnIn('us-east-1', SINGLE_ID), MultiRegion: false, MultiRegionConfiguration: undefined });

function candidates(overrides: Partial<KeyCandidates> = {}): KeyCandidates {
  return { primaryRegion: 'us-east-1', aliasName: ALIAS, pool: { keyType: 'AWS_OWNED_KEY' }, ...overrides };
}

function refusal(fn: () => unknown): MrrError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MrrError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const flag = (key: ReturnType<typeof keyMeta> | undefined, ref = key?.Arn ?? 'arn:aws:kms:us-east-1:111122223333:key/missing') => ({
  requested: { ref, origin: 'flags' as const, key },
});

describe('--key-arn refusals (exit 2, naming the flag, the value and the expectation)', () => {
  it('a key that does not exist', () => {
    const err = refusal(() => chooseNamedKey(candidates(flag(undefined))));
    expect(err).toBeInstanceOf(InputError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('--key-arn');
    expect(err.message).toContain('missing');
  });

  it('a single-Region key, with what to do instead', () => {
    const err = refusal(() => chooseNamedKey(candidates(flag(singleRegion))));
    expect(err).toBeInstanceOf(InputError);
    expect(err.code).toBe('MRR_KEYS_E003');
    expect(err.message).toContain(`--key-arn: got "${singleRegion.Arn}"`);
    expect(err.message).toContain('a single-Region key cannot be converted to multi-Region; create a new multi-Region key (omit --key-arn) and migrate');
  });

  it('a non-symmetric key', () => {
    const rsa = keyMeta({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    const err = refusal(() => chooseNamedKey(candidates(flag(rsa))));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('not a symmetric encryption key (KeySpec RSA_2048, KeyUsage SIGN_VERIFY)');
  });

  it('a replica key: adopt the primary', () => {
    const replica = keyMeta({}, 'eu-west-1');
    const err = refusal(() => chooseNamedKey(candidates(flag(replica))));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(`adopt its primary key instead: ${arnIn('us-east-1')} in us-east-1`);
  });

  it('a disabled key', () => {
    const err = refusal(() => chooseNamedKey(candidates(flag(keyMeta({ KeyState: 'Disabled', Enabled: false })))));
    expect(err.message).toContain('is Disabled; enable it first');
  });

  it('a key the alias does not point at: names both', () => {
    const err = refusal(() => chooseNamedKey(candidates({ ...flag(keyMeta()), alias: { AliasName: ALIAS, TargetKeyId: 'mrk-someoneelse' } })));
    expect(err).toBeInstanceOf(InputError);
    expect(err.code).toBe('MRR_KEYS_E004');
    expect(err.message).toContain('mrk-someoneelse');
    expect(err.message).toContain(arnIn('us-east-1'));
  });

  it('a key other than the multi-Region key the pool already uses', () => {
    const other = keyMeta({ KeyId: 'mrk-00000000000000000000000000000000', Arn: arnIn('us-east-1', 'mrk-00000000000000000000000000000000') });
    const err = refusal(() => chooseNamedKey(candidates({ ...flag(other), pool: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: arnIn('us-east-1'), key: keyMeta() } })));
    expect(err.code).toBe('MRR_KEYS_E005');
  });

  it('names key.arn when the key came from the config', () => {
    const err = refusal(() => chooseNamedKey(candidates({ requested: { ref: singleRegion.Arn!, origin: 'config', key: singleRegion } })));
    expect(err.message).toMatch(/^config: key\.arn: /);
  });
});

describe('choosing the key', () => {
  it('adopts a good --key-arn, and replaces a single-Region pool key', () => {
    const choice = chooseNamedKey(candidates({ ...flag(keyMeta()), pool: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: singleRegion.Arn, key: singleRegion } }));
    expect(choice).toMatchObject({ source: 'key-arn', key: { KeyId: MRK_ID }, replaces: singleRegion.Arn });
  });

  it('keeps the pool key when it is a multi-Region primary', () => {
    expect(chooseNamedKey(candidates({ pool: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: arnIn('us-east-1'), key: keyMeta() } }))).toMatchObject({ source: 'pool' });
  });

  it('refuses when the alias points elsewhere than the pool key (exit 3, names both)', () => {
    const err = refusal(() =>
      chooseNamedKey(candidates({ pool: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: arnIn('us-east-1'), key: keyMeta() }, alias: { AliasName: ALIAS, TargetKeyId: 'mrk-x' } })),
    );
    expect(err).toBeInstanceOf(FindingsError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain('mrk-x');
    expect(err.message).toContain(MRK_ID);
  });

  it('refuses when the pool key is gone', () => {
    expect(refusal(() => chooseNamedKey(candidates({ pool: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: arnIn('us-east-1') } }))).code).toBe('MRR_KEYS_E301');
  });

  it('passes over a single-Region pool key (to be replaced) and takes the alias key', () => {
    const choice = chooseNamedKey(
      candidates({ pool: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: singleRegion.Arn, key: singleRegion }, alias: { AliasName: ALIAS, TargetKeyId: MRK_ID }, aliasKey: keyMeta() }),
    );
    expect(choice).toMatchObject({ source: 'alias', replaces: singleRegion.Arn });
  });

  it('refuses an alias that points at a single-Region key', () => {
    const err = refusal(() => chooseNamedKey(candidates({ alias: { AliasName: ALIAS, TargetKeyId: SINGLE_ID }, aliasKey: singleRegion })));
    expect(err.code).toBe('MRR_KEYS_E305');
    expect(err.message).toContain('set key.alias');
  });

  it('names nothing when there is no flag, pool key or alias', () => {
    expect(chooseNamedKey(candidates())).toBeUndefined();
  });
});

describe('chooseTaggedKey (crash safety)', () => {
  it('creates a new key when none is tagged', () => {
    expect(chooseTaggedKey([], candidates())).toEqual({ source: 'new', notes: [] });
  });

  it('adopts the oldest usable tagged key and says so', () => {
    const older = keyMeta({ KeyId: 'mrk-a', Arn: arnIn('us-east-1', 'mrk-a'), CreationDate: '2025-01-01T00:00:00Z' });
    const newer = keyMeta({ KeyId: 'mrk-b', Arn: arnIn('us-east-1', 'mrk-b'), CreationDate: '2025-02-01T00:00:00Z' });
    const deleting = keyMeta({ KeyId: 'mrk-c', Arn: arnIn('us-east-1', 'mrk-c'), CreationDate: '2024-01-01T00:00:00Z', KeyState: 'PendingDeletion' });
    const choice = chooseTaggedKey([newer, deleting, older], candidates());
    expect(choice.source).toBe('tag');
    expect(choice.key?.KeyId).toBe('mrk-a');
    expect(choice.notes[0]).toContain('earlier mrrctl run');
    expect(choice.notes[1]).toContain('mrk-b');
    expect(choice.notes.join(' ')).not.toContain('mrk-c');
  });
});
