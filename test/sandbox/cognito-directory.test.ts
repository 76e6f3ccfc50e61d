/**
 * App clients, resource servers, identity providers, groups, users, domains, log delivery and risk
 * configuration through the real SDK over HTTP, with the errors AWS names for each.
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
  DeleteGroupCommand,
  DeleteIdentityProviderCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
  SetLogDeliveryConfigurationCommand,
  UpdateIdentityProviderCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { sandboxClient, startTestSandbox } from '../helpers/sandbox.js';

const PRIMARY = 'us-east-1';
let sb: SandboxHandle;
let id: string;
const idp = (region = PRIMARY) => sandboxClient(CognitoIdentityProviderClient, sb, region);
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234';

beforeAll(async () => {
  sb = await startTestSandbox();
  id = (await idp().send(new CreateUserPoolCommand({ PoolName: 'directory' }))).UserPool!.Id!;
  await idp().send(
    new CreateResourceServerCommand({
      UserPoolId: id,
      Identifier: 'https://api.example.com',
      Name: 'api',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'read' },
        { ScopeName: 'write', ScopeDescription: 'write' },
      ],
    }),
  );
});
afterAll(() => sb.stop());

describe('app clients', () => {
  it('shows the secret in Create and Describe only, and lists without it', async () => {
    const created = (
      await idp().send(
        new CreateUserPoolClientCommand({
          UserPoolId: id,
          ClientName: 'm2m',
          GenerateSecret: true,
          AllowedOAuthFlows: ['client_credentials'],
          AllowedOAuthScopes: ['https://api.example.com/read'],
          AllowedOAuthFlowsUserPoolClient: true,
        }),
      )
    ).UserPoolClient!;
    expect(created.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(created.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    const described = (await idp().send(new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: created.ClientId }))).UserPoolClient!;
    expect(described.ClientSecret).toBe(created.ClientSecret);
    const updated = (
      await idp().send(new UpdateUserPoolClientCommand({ UserPoolId: id, ClientId: created.ClientId, ClientName: 'm2m' }))
    ).UserPoolClient!;
    expect(updated.ClientSecret).toBeUndefined();
    // UpdateUserPoolClient resets what it omits, like UpdateUserPool.
    expect(updated.AllowedOAuthFlows).toBeUndefined();
    expect(updated.AllowedOAuthScopes).toBeUndefined();
    const listed = (await idp().send(new ListUserPoolClientsCommand({ UserPoolId: id, MaxResults: 60 }))).UserPoolClients!;
    expect(listed.find((c) => c.ClientId === created.ClientId)).toEqual({ ClientId: created.ClientId, UserPoolId: id, ClientName: 'm2m' });
  });

  it('refuses client_credentials without a secret and unknown scopes', async () => {
    await expect(
      idp().send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'nosecret', AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/read'] })),
    ).rejects.toMatchObject({ name: 'InvalidOAuthFlowException' });
    await expect(
      idp().send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'badscope', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/delete'] })),
    ).rejects.toMatchObject({ name: 'ScopeDoesNotExistException' });
    await expect(idp().send(new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: 'nosuchclient' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('resource servers and identity providers', () => {
  it('creates, describes, lists and deletes resource servers', async () => {
    await idp().send(new CreateResourceServerCommand({ UserPoolId: id, Identifier: 'billing', Name: 'billing' }));
    await expect(idp().send(new CreateResourceServerCommand({ UserPoolId: id, Identifier: 'billing', Name: 'again' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect((await idp().send(new DescribeResourceServerCommand({ UserPoolId: id, Identifier: 'billing' }))).ResourceServer!.Name).toBe('billing');
    const listed = (await idp().send(new ListResourceServersCommand({ UserPoolId: id, MaxResults: 50 }))).ResourceServers!;
    expect(listed.map((s) => s.Identifier)).toEqual(['billing', 'https://api.example.com']);
    await idp().send(new DeleteResourceServerCommand({ UserPoolId: id, Identifier: 'billing' }));
    await expect(idp().send(new DescribeResourceServerCommand({ UserPoolId: id, Identifier: 'billing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('manages identity providers with DuplicateProviderException', async () => {
    const oidc = { client_id: 'abc', authorize_scopes: 'openid', oidc_issuer: 'https://idp.example.com' };
    await idp().send(new CreateIdentityProviderCommand({ UserPoolId: id, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: oidc }));
    await expect(
      idp().send(new CreateIdentityProviderCommand({ UserPoolId: id, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: oidc })),
    ).rejects.toMatchObject({ name: 'DuplicateProviderException' });
    await expect(
      idp().send(new CreateIdentityProviderCommand({ UserPoolId: id, ProviderName: 'MyGoogle', ProviderType: 'Google', ProviderDetails: { client_id: 'x' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp().send(new UpdateIdentityProviderCommand({ UserPoolId: id, ProviderName: 'Corp', AttributeMapping: { email: 'email' } }));
    const described = (await idp().send(new DescribeIdentityProviderCommand({ UserPoolId: id, ProviderName: 'Corp' }))).IdentityProvider!;
    expect(described.AttributeMapping).toEqual({ email: 'email' });
    expect(described.ProviderDetails).toEqual(oidc);
    expect((await idp().send(new ListIdentityProvidersCommand({ UserPoolId: id, MaxResults: 60 }))).Providers!.map((p) => p.ProviderName)).toEqual(['Corp']);
    await idp().send(new DeleteIdentityProviderCommand({ UserPoolId: id, ProviderName: 'Corp' }));
    await expect(idp().send(new DescribeIdentityProviderCommand({ UserPoolId: id, ProviderName: 'Corp' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('groups and users', () => {
  it('creates groups once', async () => {
    await idp().send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'ops', Precedence: 1 }));
    await expect(idp().send(new CreateGroupCommand({ UserPoolId: id, GroupName: 'ops' }))).rejects.toMatchObject({ name: 'GroupExistsException' });
    expect((await idp().send(new GetGroupCommand({ UserPoolId: id, GroupName: 'ops' }))).Group!.Precedence).toBe(1);
    expect((await idp().send(new ListGroupsCommand({ UserPoolId: id, Limit: 60 }))).Groups!.map((g) => g.GroupName)).toEqual(['ops']);
    await idp().send(new DeleteGroupCommand({ UserPoolId: id, GroupName: 'ops' }));
    await expect(idp().send(new GetGroupCommand({ UserPoolId: id, GroupName: 'ops' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('creates, reads and filters users', async () => {
    const user = (
      await idp().send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'dana', UserAttributes: [{ Name: 'email', Value: 'dana@example.com' }], MessageAction: 'SUPPRESS' }))
    ).User!;
    expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(user.Attributes!.find((a) => a.Name === 'sub')!.Value).toMatch(/^[0-9a-f-]{36}$/);
    await idp().send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'erin', MessageAction: 'SUPPRESS' }));
    await expect(idp().send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'DANA' }))).rejects.toMatchObject({ name: 'UsernameExistsException' });
    await expect(idp().send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'weak', TemporaryPassword: 'short' }))).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    expect((await idp().send(new AdminGetUserCommand({ UserPoolId: id, Username: 'dana' }))).UserAttributes).toContainEqual({ Name: 'email', Value: 'dana@example.com' });
    await expect(idp().send(new AdminGetUserCommand({ UserPoolId: id, Username: 'nobody' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    const filtered = await idp().send(new ListUsersCommand({ UserPoolId: id, Filter: 'email ^= "dana@"' }));
    expect(filtered.Users!.map((u) => u.Username)).toEqual(['dana']);
    const paged = await idp().send(new ListUsersCommand({ UserPoolId: id, Limit: 1 }));
    expect(paged.Users).toHaveLength(1);
    expect(paged.PaginationToken).toBeDefined();
    await expect(idp().send(new ListUsersCommand({ UserPoolId: id, Filter: 'email contains "x"' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect((await idp().send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!.EstimatedNumberOfUsers).toBe(2);
  });
});

describe('domains', () => {
  it('creates a prefix domain, describes it from the primary, and refuses reserved words and routing', async () => {
    const pool = (await idp().send(new CreateUserPoolCommand({ PoolName: 'domains' }))).UserPool!.Id!;
    await expect(idp().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'my-cognito-login' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      idp().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'login-demo', Routing: { Failover: { SecondaryRegion: 'us-west-2', PrimaryRoute53HealthCheckId: 'hc' } } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/custom domains/) });
    await idp().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'login-demo' }));
    const described = (await idp().send(new DescribeUserPoolDomainCommand({ Domain: 'login-demo' }))).DomainDescription!;
    expect(described).toMatchObject({ UserPoolId: pool, Domain: 'login-demo', Status: 'ACTIVE' });
    expect((await idp('eu-west-1').send(new DescribeUserPoolDomainCommand({ Domain: 'login-demo' }))).DomainDescription).toEqual({});
    expect((await idp().send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool!.Domain).toBe('login-demo');
    await expect(idp().send(new DeleteUserPoolCommand({ UserPoolId: pool }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp().send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: 'login-demo' }));
    await idp().send(new DeleteUserPoolCommand({ UserPoolId: pool }));
  });

  it('needs a us-east-1 certificate for a custom domain, and a replica to fail over to', async () => {
    const pool = (await idp().send(new CreateUserPoolCommand({ PoolName: 'custom' }))).UserPool!.Id!;
    await expect(idp().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'auth.example.com' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      idp().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT.replace('us-east-1', 'eu-west-1') } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/us-east-1/) });
    await expect(
      idp().send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: 'auth.example.com',
          CustomDomainConfig: { CertificateArn: CERT },
          Routing: { Failover: { SecondaryRegion: 'us-west-2', PrimaryRoute53HealthCheckId: 'hc-1' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/no replica in us-west-2/) });
    const created = await idp().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } }));
    expect(created.CloudFrontDomain).toMatch(/\.cloudfront\.net$/);
    await expect(
      idp().send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await idp().send(new UpdateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'auth.example.com', ManagedLoginVersion: 2 }));
    const described = (await idp().send(new DescribeUserPoolDomainCommand({ Domain: 'auth.example.com' }))).DomainDescription!;
    expect(described).toMatchObject({ ManagedLoginVersion: 2, CustomDomainConfig: { CertificateArn: CERT } });
  });
});

describe('log delivery and risk configuration', () => {
  it('validates log configurations', async () => {
    const cw = { CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:x' } };
    await expect(
      idp().send(new SetLogDeliveryConfigurationCommand({ UserPoolId: id, LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', ...cw }] })),
    ).rejects.toMatchObject({ name: 'FeatureUnavailableInTierException' });
    await expect(
      idp().send(new SetLogDeliveryConfigurationCommand({ UserPoolId: id, LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'INFO', ...cw }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      idp().send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: id,
          LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'ERROR', ...cw, S3Configuration: { BucketArn: 'arn:aws:s3:::b' } }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('refuses a risk configuration for an unknown client', async () => {
    await expect(idp().send(new DescribeRiskConfigurationCommand({ UserPoolId: id, ClientId: 'nosuchclient' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await idp().send(new DescribeRiskConfigurationCommand({ UserPoolId: id }))).RiskConfiguration).toEqual({ UserPoolId: id });
  });
});
