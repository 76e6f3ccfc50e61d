/**
 * The demo world (`mrrctl sandbox seed --scenario demo`): what an operator meets before running the
 * MRR runbook — an ESSENTIALS pool in us-east-1 on an AWS-owned key with the ORIGINAL issuer, app
 * clients, domains, Lambda triggers and an SES identity that exist only in us-east-1, a web ACL and
 * log delivery, and a weighted DNS record pair with a health check per Region. Everything goes
 * through the models' own operations (so their validation applies) or their seeding `put`.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../types.js';
import type { World } from '../world.js';
import type { DemoDns, DemoDnsStrategy, DemoSummary } from './demo-config.js';
import { seedArcDns } from './dns-arc.js';
import { seedCognitoDomainDns } from './dns-cognito-domain.js';
import { seedWeightedDns } from './dns-weighted.js';
import { RECORD_NAME, ZONE_NAME } from './route53-call.js';

export { renderDemoConfig, DEMO_DNS_STRATEGIES, type DemoSummary, type DemoDnsStrategy } from './demo-config.js';

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';
const COGNITO = 'AWSCognitoIdentityProviderService';
const WAF = 'AWSWAF_20190729';
const TRIGGERS = ['PreSignUp', 'CustomMessage', 'PostConfirmation'] as const;

export interface SeedDemoOptions {
  /** weighted (the default), cognito-domain or arc-routing-control. */
  dnsStrategy?: DemoDnsStrategy;
  /** The sandbox's URL: the ARC cluster endpoints the config records are paths on it. */
  baseUrl?: string;
}

export async function seedDemo(world: World, options: SeedDemoOptions = {}): Promise<DemoSummary> {
  const dnsStrategy = options.dnsStrategy ?? 'weighted';
  if (dnsStrategy === 'arc-routing-control' && !options.baseUrl) throw new Error('seeding the ARC demo needs the sandbox URL (baseUrl)');
  const account = world.settings.accountId;
  const cognito = (operation: string, input: JsonObject) => world.invokeJson(COGNITO, operation, input, PRIMARY);
  // Unique per seeding, so seeding twice gives two independent worlds instead of a collision.
  const run = world.clock.now().toString(36);

  // Environment parity resources that exist only in the primary Region.
  const lambdaArns = Object.fromEntries(TRIGGERS.map((trigger) => [trigger, seedTriggerFunction(world, trigger, account)]));
  world.put('ses', PRIMARY, { EmailIdentity: ZONE_NAME, VerificationStatus: 'SUCCESS' });
  const sesIdentityArn = `arn:aws:ses:${PRIMARY}:${account}:identity/${ZONE_NAME}`;
  const logGroupName = '/aws/vendedlogs/cognito/demo-users';
  world.put('logs', PRIMARY, { logGroupName, retentionInDays: 30 });
  const logGroupArn = `arn:aws:logs:${PRIMARY}:${account}:log-group:${logGroupName}`;
  const smsConfiguration = {
    SnsCallerArn: `arn:aws:iam::${account}:role/demo-cognito-sms`,
    ExternalId: 'mrrctl-demo',
    SnsRegion: PRIMARY,
  };

  const created = await cognito('CreateUserPool', {
    PoolName: 'demo-users',
    UserPoolTier: 'ESSENTIALS',
    DeletionProtection: 'ACTIVE',
    KeyConfiguration: { KeyType: 'AWS_OWNED_KEY' },
    IssuerConfiguration: { Type: 'ORIGINAL' },
    AutoVerifiedAttributes: ['email'],
    LambdaConfig: lambdaArns,
    EmailConfiguration: {
      EmailSendingAccount: 'DEVELOPER',
      SourceArn: sesIdentityArn,
      From: `Example Sign-in <no-reply@${ZONE_NAME}>`,
    },
    SmsConfiguration: smsConfiguration,
    UserPoolTags: { app: 'demo', 'managed-by': 'mrrctl-sandbox' },
  });
  const pool = created.UserPool as JsonObject;
  const userPoolId = String(pool.Id);
  const userPoolArn = String(pool.Arn ?? `arn:aws:cognito-idp:${PRIMARY}:${account}:userpool/${userPoolId}`);

  await cognito('SetUserPoolMfaConfig', {
    UserPoolId: userPoolId,
    MfaConfiguration: 'OPTIONAL',
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your sign-in code is {####}', SmsConfiguration: smsConfiguration },
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  await cognito('CreateResourceServer', {
    UserPoolId: userPoolId,
    Identifier: 'api',
    Name: 'Demo API',
    Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read access to the demo API' }],
  });
  const web = await createClient(cognito, userPoolId, {
    ClientName: 'web',
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: ['https://app.example.com/callback'],
    LogoutURLs: ['https://app.example.com/'],
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const mobile = await createClient(cognito, userPoolId, {
    ClientName: 'mobile',
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: ['myapp://callback'],
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  // The secret stays inside the world: it is never returned by the seed.
  const m2m = await createClient(cognito, userPoolId, {
    ClientName: 'm2m-probe',
    GenerateSecret: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['api/read'],
  });
  await cognito('CreateGroup', { UserPoolId: userPoolId, GroupName: 'admins', Description: 'Operators of the demo app' });
  for (const name of ['alice', 'bob']) {
    await cognito('AdminCreateUser', {
      UserPoolId: userPoolId,
      Username: name,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: `${name}@${ZONE_NAME}` },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
  }

  const prefixDomain = `demo-${run}`;
  await cognito('CreateUserPoolDomain', { UserPoolId: userPoolId, Domain: prefixDomain, ManagedLoginVersion: 2 });
  const custom = await cognito('CreateUserPoolDomain', {
    UserPoolId: userPoolId,
    Domain: RECORD_NAME,
    ManagedLoginVersion: 2,
    CustomDomainConfig: { CertificateArn: `arn:aws:acm:us-east-1:${account}:certificate/0d7a9f4e-demo-4c1b-9e55-5a1b2c3d4e5f` },
  });

  await cognito('SetLogDeliveryConfiguration', {
    UserPoolId: userPoolId,
    LogConfigurations: [{ LogLevel: 'ERROR', EventSource: 'userNotification', CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn } }],
  });
  await cognito('SetRiskConfiguration', {
    UserPoolId: userPoolId,
    AccountTakeoverRiskConfiguration: {
      NotifyConfiguration: { SourceArn: sesIdentityArn, From: `security@${ZONE_NAME}` },
      Actions: {
        LowAction: { Notify: false, EventAction: 'NO_ACTION' },
        MediumAction: { Notify: true, EventAction: 'MFA_IF_CONFIGURED' },
        HighAction: { Notify: true, EventAction: 'MFA_IF_CONFIGURED' },
      },
    },
  });

  const acl = world.put('wafv2', PRIMARY, { Name: 'demo-auth-acl' });
  await world.invokeJson(WAF, 'AssociateWebACL', { WebACLArn: acl.ARN, ResourceArn: userPoolArn }, PRIMARY);

  const dnsContext = {
    userPoolId,
    run,
    regions: [PRIMARY, SECONDARY] as [string, string],
    primaryTarget: String(custom.CloudFrontDomain ?? 'd111111abcdef8.cloudfront.net'),
  };
  let dns: DemoDns;
  if (dnsStrategy === 'arc-routing-control') dns = await seedArcDns(world, { ...dnsContext, baseUrl: options.baseUrl! });
  else if (dnsStrategy === 'cognito-domain') dns = await seedCognitoDomainDns(world, dnsContext);
  else dns = await seedWeightedDns(world, dnsContext);
  return {
    dnsStrategy,
    userPoolId,
    userPoolArn,
    primaryRegion: PRIMARY,
    secondaryRegion: SECONDARY,
    hostedZoneId: dns.hostedZoneId,
    recordName: RECORD_NAME,
    records: dns.records,
    healthChecks: dns.healthCheckId
      ? { [PRIMARY]: dns.healthCheckId }
      : Object.fromEntries(Object.entries(dns.records).map(([region, r]) => [region, r.healthCheckId])),
    ...(dns.arc && { arc: dns.arc }),
    m2mClientId: m2m,
    clientIds: { web, mobile, m2m },
    domains: { custom: RECORD_NAME, prefix: prefixDomain },
    keyAlias: 'alias/cognito-mrr',
  };
}

function seedTriggerFunction(world: World, trigger: string, account: string): string {
  const name = `demo-${trigger.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}`;
  world.put('lambda', PRIMARY, {
    FunctionName: name,
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    CodeSha256: createHash('sha256').update(`mrrctl demo ${name}`).digest('base64'),
    Environment: { Variables: { STAGE: 'demo', LOG_LEVEL: 'info' } },
    Policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'cognito-trigger',
          Effect: 'Allow',
          Principal: { Service: 'cognito-idp.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: `arn:aws:lambda:${PRIMARY}:${account}:function:${name}`,
        },
      ],
    },
  });
  return `arn:aws:lambda:${PRIMARY}:${account}:function:${name}`;
}

async function createClient(
  cognito: (operation: string, input: JsonObject) => Promise<JsonObject>,
  userPoolId: string,
  settings: JsonObject,
): Promise<string> {
  const created = await cognito('CreateUserPoolClient', {
    UserPoolId: userPoolId,
    AllowedOAuthFlowsUserPoolClient: true,
    SupportedIdentityProviders: ['COGNITO'],
    ...settings,
  });
  return String(created.UserPoolClient?.ClientId);
}

/**
 * The sandbox's own secret of the demo's M2M probe client, for the `export MRRCTL_PROBE_CLIENT_SECRET=…`
 * line `sandbox seed` prints. A throwaway value of this sandbox world, never a real credential; it is
 * kept out of the summary and the config, which are meant to be shared.
 */
export async function demoProbeSecret(world: World, summary: Pick<DemoSummary, 'userPoolId' | 'm2mClientId' | 'primaryRegion'>): Promise<string> {
  const described = await world.invokeJson(COGNITO, 'DescribeUserPoolClient', { UserPoolId: summary.userPoolId, ClientId: summary.m2mClientId }, summary.primaryRegion);
  return String((described.UserPoolClient as JsonObject).ClientSecret);
}
