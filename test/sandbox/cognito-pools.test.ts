/**
 * Cognito user pools through the real SDK over HTTP: create/describe/list/delete, validation in AWS's
 * words, KeyConfiguration checks against the KMS model, and the UpdateUserPool reset trap.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateKeyCommand, DisableKeyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoModel } from '../../src/sandbox/cognito/model.js';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import type { CallContext } from '../../src/sandbox/types.js';
import { sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { COGNITO_USABLE_POLICY } from './kms-fixtures.js';

const PRIMARY = 'us-east-1';
let sb: SandboxHandle;
const idp = (region = PRIMARY) => sandboxClient(CognitoIdentityProviderClient, sb, region);
const kms = (region = PRIMARY) => sandboxClient(KMSClient, sb, region);

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.stop());

async function newPool(input: Record<string, unknown> = {}): Promise<UserPoolType> {
  const out = await idp().send(new CreateUserPoolCommand({ PoolName: 'pool', ...input }));
  return out.UserPool!;
}

/** A DescribeUserPool → UpdateUserPool copy of every writable field, as a careful client does. */
function fullUpdate(pool: UserPoolType): Record<string, unknown> {
  const { Id, Name, Arn, CreationDate, LastModifiedDate, EstimatedNumberOfUsers, Domain, CustomDomain, SchemaAttributes, AliasAttributes, UsernameAttributes, UsernameConfiguration, Status, SmsConfigurationFailure, EmailConfigurationFailure, ...writable } = pool;
  return { UserPoolId: Id, PoolName: Name, ...writable };
}

describe('CreateUserPool / DescribeUserPool', () => {
  it('creates a pool with AWS defaults and a Region-prefixed id', async () => {
    const pool = await newPool();
    expect(pool.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(pool.Arn).toBe(`arn:aws:cognito-idp:us-east-1:${sb.world.settings.accountId}:userpool/${pool.Id}`);
    expect(pool.UserPoolTier).toBe('ESSENTIALS');
    expect(pool.KeyConfiguration).toEqual({ KeyType: 'AWS_OWNED_KEY' });
    expect(pool.IssuerConfiguration).toEqual({ Type: 'ORIGINAL' });
    expect(pool.MfaConfiguration).toBe('OFF');
    expect(pool.DeletionProtection).toBe('INACTIVE');
    expect(pool.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(pool.CreationDate).toBeInstanceOf(Date);
    const described = (await idp().send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    expect(described.Name).toBe('pool');
  });

  it('names the parameter in validation errors', async () => {
    const err = await idp().send(new DescribeUserPoolCommand({ UserPoolId: 'not a pool id' })).catch((e) => e);
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/at 'userPoolId' failed to satisfy constraint/);
    const missing = await idp().send(new CreateUserPoolCommand({} as never)).catch((e) => e);
    expect(missing.name).toBe('InvalidParameterException');
    expect(missing.message).toMatch(/'poolName'/);
  });

  it('answers ResourceNotFoundException for an unknown pool and in a Region that does not host it', async () => {
    await expect(idp().send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_NoSuchOne' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const pool = await newPool();
    await expect(idp('eu-west-1').send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('accepts an Enabled customer managed key in the pool Region and refuses others', async () => {
    const key = (await kms().send(new CreateKeyCommand({ Policy: COGNITO_USABLE_POLICY }))).KeyMetadata!;
    const pool = await newPool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.Arn } });
    expect(pool.KeyConfiguration).toEqual({ KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.Arn });

    const elsewhere = (await kms('eu-west-1').send(new CreateKeyCommand({ Policy: COGNITO_USABLE_POLICY }))).KeyMetadata!;
    await expect(newPool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: elsewhere.Arn } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/must be in the user pool's Region/),
    });
    const missingKey = key.Arn!.replace(/key\/.*/, 'key/00000000-0000-0000-0000-000000000000');
    await expect(newPool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: missingKey } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/does not exist/),
    });
    await kms().send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await expect(newPool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.Arn } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/not enabled/),
    });
    await expect(newPool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY' } })).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('refuses a key whose policy grants the Cognito service principal nothing, on create and on update', async () => {
    // KMS's default policy names only the account root: Cognito gets nothing from it.
    const bare = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    const refused = await newPool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: bare.Arn } }).catch((e) => e);
    expect(refused.name).toBe('InvalidParameterException');
    expect(refused.message).toContain(`cannot use the KMS key ${bare.Arn} in us-east-1`);
    expect(refused.message).toContain('grants the service principal cognito-idp.amazonaws.com nothing');

    const pool = await newPool();
    const Id = pool.Id!;
    const update = () => idp().send(new UpdateUserPoolCommand({ ...fullUpdate(pool), KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: bare.Arn } } as never));
    await expect(update()).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/grants the service principal/) });
    expect((await idp().send(new DescribeUserPoolCommand({ UserPoolId: Id }))).UserPool!.KeyConfiguration).toEqual({ KeyType: 'AWS_OWNED_KEY' });

    // A statement for a different service does not count; one for Cognito (any KMS action) does.
    const other = { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:*', Resource: '*' };
    const root = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' };
    await kms().send(new PutKeyPolicyCommand({ KeyId: bare.KeyId, PolicyName: 'default', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [root, other] }) }));
    await expect(update()).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const cognito = { Sid: 'C', Effect: 'Allow', Principal: { Service: ['cognito-idp.amazonaws.com'] }, Action: 'kms:DescribeKey', Resource: '*' };
    await kms().send(new PutKeyPolicyCommand({ KeyId: bare.KeyId, PolicyName: 'default', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [root, cognito] }) }));
    await update();
    expect((await idp().send(new DescribeUserPoolCommand({ UserPoolId: Id }))).UserPool!.KeyConfiguration).toEqual({ KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: bare.Arn });
  });
});

describe('UpdateUserPool resets what it omits', () => {
  const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:pre-signup';
  const richPool = () =>
    newPool({
      LambdaConfig: { PreSignUp: lambda },
      MfaConfiguration: 'OPTIONAL',
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'x' },
      EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' },
      UserPoolTags: { team: 'identity' },
      DeletionProtection: 'ACTIVE',
      AutoVerifiedAttributes: ['email'],
      EmailVerificationSubject: 'Verify',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      IssuerConfiguration: { Type: 'UPDATED' },
    });

  it('wipes every omitted writable field back to its default', async () => {
    const pool = await richPool();
    await idp().send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, PoolName: 'renamed' }));
    const after = (await idp().send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    expect(after.Name).toBe('renamed');
    expect(after.LambdaConfig).toEqual({});
    expect(after.MfaConfiguration).toBe('OFF');
    expect(after.SmsConfiguration).toBeUndefined();
    expect(after.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(after.UserPoolTags).toEqual({});
    expect(after.DeletionProtection).toBe('INACTIVE');
    expect(after.AutoVerifiedAttributes).toBeUndefined();
    expect(after.EmailVerificationSubject).toBeUndefined();
    expect(after.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
    expect(after.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'OFF' });
    expect(after.AccountRecoverySetting).toBeUndefined();
    expect(after.IssuerConfiguration).toEqual({ Type: 'ORIGINAL' });
  });

  it('keeps everything on a full read-modify-write', async () => {
    const pool = await richPool();
    const before = (await idp().send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    await idp().send(new UpdateUserPoolCommand({ ...fullUpdate(before), EmailVerificationSubject: 'Please verify' } as never));
    const after = (await idp().send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    expect(after.EmailVerificationSubject).toBe('Please verify');
    const { LastModifiedDate: _a, EmailVerificationSubject: _s, ...restAfter } = after;
    const { LastModifiedDate: _b, EmailVerificationSubject: _t, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(after.LambdaConfig).toEqual({ PreSignUp: lambda });
  });

  it('stores the deprecated UnusedAccountValidityDays as TemporaryPasswordValidityDays', async () => {
    const pool = await newPool({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 3 } });
    expect(pool.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays).toBe(3);
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
    await expect(
      newPool({
        AdminCreateUserConfig: { UnusedAccountValidityDays: 3 },
        Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 5 } },
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('ListUserPools / DeleteUserPool', () => {
  it('pages with MaxResults and NextToken and requires MaxResults', async () => {
    const client = idp('ap-south-1');
    for (const name of ['a', 'b', 'c']) await client.send(new CreateUserPoolCommand({ PoolName: name }));
    const first = await client.send(new ListUserPoolsCommand({ MaxResults: 2 }));
    expect(first.UserPools!.map((p) => p.Name)).toEqual(['a', 'b']);
    const second = await client.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.UserPools!.map((p) => p.Name)).toEqual(['c']);
    expect(second.NextToken).toBeUndefined();
    expect(first.UserPools![0].ReplicaRegions).toBeUndefined();
    await expect(client.send(new ListUserPoolsCommand({} as never))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('refuses to delete a protected pool, then deletes it once unprotected', async () => {
    const pool = await newPool({ DeletionProtection: 'ACTIVE' });
    await expect(idp().send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp().send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, DeletionProtection: 'INACTIVE' }));
    await idp().send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    await expect(idp().send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('tags and MFA configuration', () => {
  it('tags the pool by its Regional ARN', async () => {
    const pool = await newPool({ UserPoolTags: { a: '1' } });
    await idp().send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { b: '2' } }));
    await idp().send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ['a'] }));
    expect((await idp().send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn }))).Tags).toEqual({ b: '2' });
    const otherRegionArn = pool.Arn!.replace('us-east-1:', 'us-west-2:');
    await expect(idp().send(new ListTagsForResourceCommand({ ResourceArn: otherRegionArn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('sets MFA factors and refuses MFA without a factor', async () => {
    const pool = await newPool();
    await expect(idp().send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.Id, MfaConfiguration: 'ON' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await idp().send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: pool.Id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
    const mfa = await idp().send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.Id }));
    expect(mfa.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
    expect((await idp().send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!.MfaConfiguration).toBe('OPTIONAL');
  });
});

describe('the model without a server', () => {
  it('refuses an unknown operation as AWS does', async () => {
    const model = new CognitoModel({ kms: { lookupKey: () => undefined } });
    const ctx = { region: PRIMARY, accountId: '123456789012', now: Date.now() } as CallContext;
    await expect(model.handle('FlyToTheMoon', {}, ctx)).rejects.toMatchObject({ name: 'UnknownOperationException' });
  });

  it('survives a snapshot and restore with its signing key', async () => {
    const settings = { ...sb.world.settings };
    const ctx = { region: PRIMARY, accountId: '123456789012', now: Date.now(), settings } as CallContext;
    const model = new CognitoModel({ kms: { lookupKey: () => undefined } });
    const created = await model.handle('CreateUserPool', { PoolName: 'p' }, ctx);
    const copy = new CognitoModel({ kms: { lookupKey: () => undefined } });
    copy.restore(JSON.parse(JSON.stringify(model.snapshot())));
    expect((await copy.handle('DescribeUserPool', { UserPoolId: created.UserPool.Id }, ctx)).UserPool.Name).toBe('p');
    expect(copy.regionView(created.UserPool.Id, PRIMARY, ctx)!.signingKey).toEqual(model.regionView(created.UserPool.Id, PRIMARY, ctx)!.signingKey);
  });
});
