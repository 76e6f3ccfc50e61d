/** The shared "unreadable" finding: which errors become one, and what its line says (never a credential). */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { ReadLog, isReadFailure, safeErrorText, unreadableFrom } from '../../src/core/unreadable.js';

const site = { service: 'kms', operation: 'DescribeKey', region: 'us-east-1' };

function awsError(name: string, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });
}

describe('unreadable findings', () => {
  it('says service, operation, Region, code and message, and what to do', () => {
    const u = unreadableFrom(awsError('ThrottlingException', 'Rate exceeded'), site);
    expect(u).toEqual({
      status: 'unreadable',
      service: 'kms',
      operation: 'DescribeKey',
      region: 'us-east-1',
      error: { code: 'ThrottlingException', message: 'Rate exceeded' },
      message: 'unreadable: kms DescribeKey in us-east-1: ThrottlingException: Rate exceeded, re-run after recovery',
    });
  });

  it('names the call that failed (the error origin) over the caller site, and a socket error by its code', () => {
    const err = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $mrrctlOrigin: { service: 'lambda', operation: 'GetPolicy', region: 'eu-west-1' } });
    expect(unreadableFrom(err, site).message).toBe('unreadable: lambda GetPolicy in eu-west-1: ECONNRESET: socket hang up, re-run after recovery');
  });

  it('redacts access keys and signatures, escapes control characters, keeps one line', () => {
    expect(safeErrorText('bad AKIAABCDEFGHIJKLMNOP Signature=abc123def, X-Amz-Security-Token=tok\n\u001b]0;pwned\u0007')).toBe(
      'bad [REDACTED] Signature=[REDACTED], X-Amz-Security-Token=[REDACTED] \\x1b]0;pwned\\x07',
    );
    expect(safeErrorText('x'.repeat(500))).toHaveLength(240);
  });

  it('only AWS call failures are read failures: not bugs, usage errors or credentials', () => {
    expect(isReadFailure(awsError('InternalErrorException', 'boom'))).toBe(true);
    expect(isReadFailure(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isReadFailure(new TypeError('x is undefined'))).toBe(false);
    expect(isReadFailure(new InputError('MRR_KEYS_E001', 'config', 'userPoolId', 'x', 'a pool'))).toBe(false);
    expect(isReadFailure(Object.assign(new Error('no creds'), { name: 'CredentialsProviderError', $mrrctlOrigin: site }))).toBe(false);
  });

  it('ReadLog.attempt records a failed read once and re-throws anything else', async () => {
    const log = new ReadLog();
    const fail = () => Promise.reject(awsError('InternalErrorException', 'boom'));
    expect(await log.attempt(site, fail)).toMatchObject({ ok: false });
    await log.attempt(site, fail);
    expect(log.items.map((u) => u.message)).toEqual(['unreadable: kms DescribeKey in us-east-1: InternalErrorException: boom, re-run after recovery']);
    await expect(log.attempt(site, () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });

  it('ReadLog.first falls back to the next Region and says which one answered', async () => {
    const log = new ReadLog();
    const a = await log.first(['us-east-1', 'eu-west-1'], { service: 'cognito-idp', operation: 'ListUserPoolReplicas' }, async (region) => {
      if (region === 'us-east-1') throw awsError('InternalErrorException', 'down');
      return [region];
    });
    expect(a).toMatchObject({ ok: true, region: 'eu-west-1', value: ['eu-west-1'] });
    expect(log.items).toHaveLength(1);
  });
});
