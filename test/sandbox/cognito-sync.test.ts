/**
 * Replication between a primary and its secondary, through the real SDK over HTTP on a manual clock:
 * global data arrives after the sync delay, Regional settings start empty and stay per Region, and
 * the secondary refuses every write that is not a Regional setting.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  CreateUserPoolReplicaCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  GetGroupCommand,
  ListUserPoolClientsCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { manualSandboxClock, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { multiRegionKey } from './kms-fixtures.js';

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';
const REPLICA_DELAY = 1_000;
const SYNC_DELAY = 500;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:pre-signup';
const clock = manualSandboxClock();
let sb: SandboxHandle;
let id: string;
const idp = (region = PRIMARY) => sandboxClient(CognitoIdentityProviderClient, sb, region);

function writable(pool: UserPoolType): Record<string, unknown> {
  const { Id, Name, Arn, CreationDate, LastModifiedDate, EstimatedNumberOfUsers, Domain, CustomDomain, SchemaAttributes, AliasAttributes, UsernameAttributes, UsernameConfiguration, ...rest } = pool;
  return { UserPoolId: Id, PoolName: Name, ...rest };
}
const describePool = async (region: string) => (await idp(region).send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
const clientNames = async (region: string) =>
  (await idp(region).send(new ListUserPoolClientsCommand({ UserPoolId: id, MaxResults: 60 }))).UserPoolClients!.map((c) => c.ClientName).sort();

beforeAll(async () => {
  sb = await startTestSandbox({ replicaDelayMs: REPLICA_DELAY, syncDelayMs: SYNC_DELAY }, { clock });
  const key = await multiRegionKey(sandboxClient(KMSClient, sb, PRIMARY), [SECONDARY], { clock, ms: REPLICA_DELAY });
  id = (
    await idp().send(
      new CreateUserPoolCommand({
        PoolName: 'synced',
        KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.Arn },
        LambdaConfig: { PreSignUp: LAMBDA },
        EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' },
        DeletionProtection: 'ACTIVE',
        UserPoolTags: { env: 'prod' },
      }),
    )
  ).UserPool!.Id!;
  await idp().send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'web' }));
  await idp().send(
    new SetLogDeliveryConfigurationCommand({
      UserPoolId: id,
      LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:cognito' } }],
    }),
  );
  await idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, UserPoolTags: { env: 'dr' } }));
  clock.advance(REPLICA_DELAY);
});
afterAll(() => sb.stop());

describe('a new replica', () => {
  it('has the global configuration and the directory as of its creation', async () => {
    const [primary, secondary] = [await describePool(PRIMARY), await describePool(SECONDARY)];
    for (const field of ['Name', 'Policies', 'DeletionProtection', 'KeyConfiguration', 'IssuerConfiguration', 'UserPoolTier', 'MfaConfiguration'] as const) {
      expect(secondary[field]).toEqual(primary[field]);
    }
    expect(await clientNames(SECONDARY)).toEqual(['web']);
  });

  it('starts with empty Regional settings (what drift detection should find)', async () => {
    const secondary = await describePool(SECONDARY);
    expect(secondary.LambdaConfig).toEqual({});
    expect(secondary.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(secondary.UserPoolTags).toEqual({ env: 'dr' });
    const logs = await idp(SECONDARY).send(new GetLogDeliveryConfigurationCommand({ UserPoolId: id }));
    expect(logs.LogDeliveryConfiguration!.LogConfigurations).toEqual([]);
    expect((await describePool(PRIMARY)).LambdaConfig).toEqual({ PreSignUp: LAMBDA });
  });
});

describe('replication delay', () => {
  it('shows a primary change in the secondary only after the sync delay', async () => {
    await idp().send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'mobile' }));
    expect(await clientNames(SECONDARY)).toEqual(['web']);
    clock.advance(SYNC_DELAY - 1);
    expect(await clientNames(SECONDARY)).toEqual(['web']);
    clock.advance(1);
    expect(await clientNames(SECONDARY)).toEqual(['mobile', 'web']);
  });

  it('delivers successive changes in order, each after its own delay', async () => {
    await idp().send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'alice', MessageAction: 'SUPPRESS' }));
    clock.advance(300);
    await idp().send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'admins' }));
    clock.advance(SYNC_DELAY - 300);
    expect((await idp(SECONDARY).send(new AdminGetUserCommand({ UserPoolId: id, Username: 'alice' }))).Username).toBe('alice');
    await expect(idp(SECONDARY).send(new GetGroupCommand({ UserPoolId: id, GroupName: 'admins' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    clock.advance(300);
    expect((await idp(SECONDARY).send(new GetGroupCommand({ UserPoolId: id, GroupName: 'admins' }))).Group!.GroupName).toBe('admins');
  });
});

describe('writes in the secondary', () => {
  const refused = { name: 'OperationNotEnabledException' };

  it('refuses directory and app-client writes', async () => {
    const s = idp(SECONDARY);
    const clientId = (await s.send(new ListUserPoolClientsCommand({ UserPoolId: id, MaxResults: 60 }))).UserPoolClients![0].ClientId!;
    await expect(s.send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'bob' }))).rejects.toMatchObject(refused);
    await expect(s.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'x' }))).rejects.toMatchObject(refused);
    await expect(s.send(new UpdateUserPoolClientCommand({ UserPoolId: id, ClientId: clientId, ClientName: 'x' }))).rejects.toMatchObject(refused);
    await expect(s.send(new DeleteUserPoolClientCommand({ UserPoolId: id, ClientId: clientId }))).rejects.toMatchObject(refused);
    await expect(s.send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'g' }))).rejects.toMatchObject(refused);
    await expect(s.send(new CreateResourceServerCommand({ UserPoolId: id, Identifier: 'api', Name: 'api' }))).rejects.toMatchObject(refused);
    await expect(
      s.send(new CreateIdentityProviderCommand({ UserPoolId: id, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'x' } })),
    ).rejects.toMatchObject(refused);
    await expect(s.send(new SetUserPoolMfaConfigCommand({ UserPoolId: id, MfaConfiguration: 'OFF' }))).rejects.toMatchObject(refused);
    await expect(s.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: 'synced-dr' }))).rejects.toMatchObject(refused);
    await expect(s.send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject(refused);
  });

  it('refuses SignUp (an unsigned call) in the secondary and accepts it in the primary', async () => {
    const clientId = (await idp().send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'signup' }))).UserPoolClient!.ClientId!;
    clock.advance(SYNC_DELAY);
    const unsigned = (region: string) => sandboxClient(CognitoIdentityProviderClient, `${sb.url}/_region/${region}`, region);
    const input = { ClientId: clientId, Username: 'carol', Password: 'Corr3ct-Horse!' };
    await expect(unsigned(SECONDARY).send(new SignUpCommand(input))).rejects.toMatchObject(refused);
    const signed = await unsigned(PRIMARY).send(new SignUpCommand(input));
    expect(signed.UserConfirmed).toBe(false);
    expect(signed.UserSub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts UpdateUserPool that changes only Regional settings and carries every global one', async () => {
    const current = await describePool(SECONDARY);
    const dr = 'arn:aws:lambda:eu-west-1:123456789012:function:pre-signup';
    await idp(SECONDARY).send(
      new UpdateUserPoolCommand({
        ...writable(current),
        LambdaConfig: { PreSignUp: dr },
        EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com' },
        UserPoolTags: { env: 'dr', owner: 'sre' },
      } as never),
    );
    const [primary, secondary] = [await describePool(PRIMARY), await describePool(SECONDARY)];
    expect(secondary.LambdaConfig).toEqual({ PreSignUp: dr });
    expect(primary.LambdaConfig).toEqual({ PreSignUp: LAMBDA });
    expect(secondary.UserPoolTags).toEqual({ env: 'dr', owner: 'sre' });
    expect(primary.UserPoolTags).toEqual({ env: 'prod' });
    // A later primary change does not carry the primary's Regional settings over.
    await idp().send(new UpdateUserPoolCommand({ ...writable(primary), EmailVerificationSubject: 'Hi' } as never));
    clock.advance(SYNC_DELAY);
    const synced = await describePool(SECONDARY);
    expect(synced.EmailVerificationSubject).toBe('Hi');
    expect(synced.LambdaConfig).toEqual({ PreSignUp: dr });
  });

  it('refuses UpdateUserPool that changes or omits a global setting, including the issuer', async () => {
    const current = await describePool(SECONDARY);
    await expect(idp(SECONDARY).send(new UpdateUserPoolCommand({ ...writable(current), MfaConfiguration: 'OPTIONAL' } as never))).rejects.toMatchObject(refused);
    await expect(
      idp(SECONDARY).send(new UpdateUserPoolCommand({ ...writable(current), IssuerConfiguration: { Type: 'UPDATED' } } as never)),
    ).rejects.toMatchObject({ ...refused, message: expect.stringMatching(/IssuerConfiguration/) });
    // DeletionProtection is ACTIVE; omitting it would reset it.
    const { DeletionProtection: _omitted, ...withoutProtection } = writable(current);
    await expect(idp(SECONDARY).send(new UpdateUserPoolCommand(withoutProtection as never))).rejects.toMatchObject({
      ...refused,
      message: expect.stringMatching(/DeletionProtection/),
    });
  });

  it('keeps log delivery and the threat-protection sender per Region', async () => {
    const notify = (region: string) => ({
      AccountTakeoverRiskConfiguration: {
        NotifyConfiguration: { SourceArn: `arn:aws:ses:${region}:123456789012:identity/example.com`, From: `security@${region}.example.com` },
        Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' as const } },
      },
    });
    await idp().send(new SetRiskConfigurationCommand({ UserPoolId: id, ...notify(PRIMARY) }));
    clock.advance(SYNC_DELAY);
    await idp(SECONDARY).send(new SetRiskConfigurationCommand({ UserPoolId: id, ...notify(SECONDARY) }));
    const fromSecondary = (await idp(SECONDARY).send(new DescribeRiskConfigurationCommand({ UserPoolId: id }))).RiskConfiguration!;
    const fromPrimary = (await idp().send(new DescribeRiskConfigurationCommand({ UserPoolId: id }))).RiskConfiguration!;
    expect(fromSecondary.AccountTakeoverRiskConfiguration!.NotifyConfiguration!.From).toBe(`security@${SECONDARY}.example.com`);
    expect(fromPrimary.AccountTakeoverRiskConfiguration!.NotifyConfiguration!.From).toBe(`security@${PRIMARY}.example.com`);
    const changedAction = notify(SECONDARY);
    changedAction.AccountTakeoverRiskConfiguration.Actions.HighAction.EventAction = 'NO_ACTION' as never;
    await expect(idp(SECONDARY).send(new SetRiskConfigurationCommand({ UserPoolId: id, ...changedAction }))).rejects.toMatchObject(refused);

    await idp(SECONDARY).send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: id,
        LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'ERROR', FirehoseConfiguration: { StreamArn: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/c' } }],
      }),
    );
    const [p, s] = await Promise.all([PRIMARY, SECONDARY].map((r) => idp(r).send(new GetLogDeliveryConfigurationCommand({ UserPoolId: id }))));
    expect(p.LogDeliveryConfiguration!.LogConfigurations![0].CloudWatchLogsConfiguration).toBeDefined();
    expect(s.LogDeliveryConfiguration!.LogConfigurations![0].FirehoseConfiguration).toBeDefined();
  });
});
