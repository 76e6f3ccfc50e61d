import { describe, expect, it } from 'vitest';
import { KNOWN_KEYS } from '../../src/core/config/schema.js';
import { lineMentionsSecret, looksLikeSecretKey } from '../../src/core/config/secret-keys.js';

describe('looksLikeSecretKey', () => {
  it.each([
    'secret', 'clientSecret', 'clientSecert', 'client_secret', 'CLIENT-SECRET', 'secrte', 'password', 'pasword', 'passwrd',
    'passwd', 'dbPwd', 'pwd', 'apiKey', 'api_key', 'apikee', 'token', 'accessToken', 'tokn', 'credentials', 'credentails',
    'privateKey', 'private_kye', 'passphrase', 'authorization', 'awsAccessKey',
  ])('%s looks like a secret', (key) => {
    expect(looksLikeSecretKey(key)).toBe(true);
  });

  it('no key of the schema looks like a secret', () => {
    const keys = Object.values(KNOWN_KEYS).flat();
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter(looksLikeSecretKey)).toEqual([]);
  });

  it.each(['region', 'reason', 'expires', 'path', 'alias', 'arn', 'notes', 'owner', 'colour'])('%s does not', (key) => {
    expect(looksLikeSecretKey(key)).toBe(false);
  });

  it('answers fast for a 1 MB key', () => {
    expect(looksLikeSecretKey('q'.repeat(1_000_000))).toBe(false);
  });

  it('finds a secret key anywhere on a line of config text', () => {
    expect(lineMentionsSecret('{"userPoolId": "x", "clientSecert": "hunter2"')).toBe(true);
    expect(lineMentionsSecret('primaryRegion: us-east-1')).toBe(false);
  });
});
