import { describe, expect, it } from 'vitest';
import { isSecretKey, redactSecrets } from '../../../src/core/plan/redact.js';

describe('redactSecrets', () => {
  it('replaces the values of secret-looking keys at any depth', () => {
    const value = {
      ClientId: 'abc',
      ClientSecret: 'x1',
      headers: { Authorization: 'Bearer y2', 'x-amz-security-token': 'z3' },
      creds: [{ AccessKeyId: 'AKIA', SecretAccessKey: 'k4' }],
      Credentials: { AccessKeyId: 'AKIA', SessionToken: 's5' },
      private_key: 'p6',
      NewPassword: 'n7',
    };
    expect(redactSecrets(value)).toEqual({
      ClientId: 'abc',
      ClientSecret: '[REDACTED]',
      headers: { Authorization: '[REDACTED]', 'x-amz-security-token': '[REDACTED]' },
      creds: [{ AccessKeyId: 'AKIA', SecretAccessKey: '[REDACTED]' }],
      Credentials: '[REDACTED]',
      private_key: '[REDACTED]',
      NewPassword: '[REDACTED]',
    });
  });

  it('does not change its argument', () => {
    const value = { ClientSecret: 'x' };
    redactSecrets(value);
    expect(value.ClientSecret).toBe('x');
  });

  it('makes SDK-shaped output JSON-safe: dates, bytes, undefined, cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(
      redactSecrets({ CreationDate: new Date('2025-01-01T00:00:00Z'), PublicKey: new Uint8Array(3), gone: undefined, cyclic }),
    ).toEqual({ CreationDate: '2025-01-01T00:00:00.000Z', PublicKey: '[3 bytes]', cyclic: { name: 'loop', self: '[Circular]' } });
  });

  it('matches key names whatever their case or separators', () => {
    for (const key of ['clientSecret', 'CLIENT_SECRET', 'refresh-token', 'PrivateKey', 'private.key', 'authorization', 'awsCredentials']) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['ClientId', 'KeyId', 'UserPoolId', 'Region', 'Description']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });
});
