import { describe, expect, it } from 'vitest';
import { arnInRegion, parseArn, regionOfArn, resourceName, sameModuloRegion } from '../../../src/core/drift/arn.js';
import { allowsCognito } from '../../../src/core/drift/check-lambda.js';

describe('ARNs modulo Region', () => {
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up';

  it('moves an ARN to another Region and sees both as the same resource', () => {
    const moved = arnInRegion(fn, 'eu-west-1');
    expect(moved).toBe('arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up');
    expect(sameModuloRegion(fn, moved)).toBe(true);
    expect(regionOfArn(moved)).toBe('eu-west-1');
  });

  it('differs when the account, the name, the service or the partition differs', () => {
    expect(sameModuloRegion(fn, fn.replace('123456789012', '210987654321'))).toBe(false);
    expect(sameModuloRegion(fn, `${fn}-v2`)).toBe(false);
    expect(sameModuloRegion(fn, fn.replace(':lambda:', ':logs:'))).toBe(false);
    expect(sameModuloRegion(fn, fn.replace('arn:aws:', 'arn:aws-cn:'))).toBe(false);
    expect(sameModuloRegion('not-an-arn', 'not-an-arn-either')).toBe(false);
  });

  it('keeps resource parts with colons, and leaves Region-less ARNs alone', () => {
    const group = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/x:*';
    expect(parseArn(group)?.resource).toBe('log-group:/aws/vendedlogs/x:*');
    expect(resourceName(group)).toBe('/aws/vendedlogs/x');
    expect(arnInRegion('arn:aws:s3:::bucket', 'eu-west-1')).toBe('arn:aws:s3:::bucket');
    expect(resourceName('arn:aws:ses:us-east-1:123456789012:identity/example.com')).toBe('example.com');
    expect(resourceName(`${fn}:$LATEST`)).toBe('pre-sign-up');
  });
});

describe('allowsCognito', () => {
  const pool = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/us-east-1_A';
  const statement = (extra: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'lambda:InvokeFunction', ...extra }] });

  it('accepts the Cognito service principal, with or without a SourceArn condition that admits the pool', () => {
    expect(allowsCognito(statement({}), pool)).toBe(true);
    expect(allowsCognito(statement({ Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:cognito-idp:*:123456789012:userpool/*' } } }), pool)).toBe(true);
    expect(allowsCognito(statement({ Action: ['lambda:GetFunction', 'lambda:*'], Principal: { Service: ['events.amazonaws.com', 'cognito-idp.amazonaws.com'] } }), pool)).toBe(true);
  });

  it('refuses no policy, a Deny, another principal, another action, or a condition for another pool', () => {
    expect(allowsCognito(undefined, pool)).toBe(false);
    expect(allowsCognito(statement({ Effect: 'Deny' }), pool)).toBe(false);
    expect(allowsCognito(statement({ Principal: { Service: 'events.amazonaws.com' } }), pool)).toBe(false);
    expect(allowsCognito(statement({ Action: 'lambda:GetFunction' }), pool)).toBe(false);
    expect(allowsCognito(statement({ Condition: { ArnLike: { 'aws:sourcearn': pool.replace('eu-west-1', 'us-east-1') } } }), pool)).toBe(false);
  });
});
