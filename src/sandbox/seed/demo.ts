/**
 * The demo world (`mrrctl sandbox seed --scenario demo`): what an operator meets before running the
 * MRR runbook — an ESSENTIALS pool in us-east-1 on an AWS-owned key with the ORIGINAL issuer, app
 * clients, domains, Lambda triggers and an SES identity that exist only in us-east-1, a web ACL and
 * log delivery, and a weighted DNS record pair with a health check per Region. Everything goes
 * through the models' own operations (so their validation applies) or their seeding `put`.
 */
import { createHash } from 'node:crypto';
import type { JsonObject, RestRequest } from '../types.js';
import { ROUTE53_XMLNS, parseXml, xmlEscape } from '../wire/xml.js';
import type { World } from '../world.js';
import { type DemoSummary } from './demo-config.js';

export { renderDemoConfig, type DemoSummary } from './demo-config.js';

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';
const COGNITO = 'AWSCognitoIdentityProviderService';
const WAF = 'AWSWAF_20190729';
/** Route 53 is global; its control plane (and SigV4 scope) is us-east-1. */
const ROUTE53_REGION = 'us-east-1';
const ZONE_NAME = 'example.com';
const RECORD_NAME = 'auth.example.com';
const TRIGGERS = ['PreSignUp', 'CustomMessage', 'PostConfirmation'] as const;

export async function seedDemo(world: World): Promise<DemoSummary> {
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

  const dns = await seedDns(world, userPoolId, run, String(custom.CloudFrontDomain ?? 'd111111abcdef8.cloudfront.net'));
  return {
    userPoolId,
    userPoolArn,
    primaryRegion: PRIMARY,
    secondaryRegion: SECONDARY,
    hostedZoneId: dns.hostedZoneId,
    recordName: RECORD_NAME,
    records: dns.records,
    healthChecks: Object.fromEntries(Object.entries(dns.records).map(([region, r]) => [region, r.healthCheckId])),
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

async function seedDns(world: World, userPoolId: string, run: string, primaryTarget: string) {
  const zone = await route53(world, 'POST', '/2013-04-01/hostedzone', [
    'CreateHostedZoneRequest',
    `<Name>${ZONE_NAME}</Name><CallerReference>mrrctl-demo-zone-${run}</CallerReference>` +
      '<HostedZoneConfig><Comment>mrrctl sandbox demo</Comment></HostedZoneConfig>',
  ]);
  const hostedZoneId = String(zone.CreateHostedZoneResponse.HostedZone.Id).replace(/^\/hostedzone\//, '');

  const targets: Record<string, string> = { [PRIMARY]: primaryTarget, [SECONDARY]: `auth-${SECONDARY}.example.net` };
  const records: DemoSummary['records'] = {};
  for (const [region, weight] of [
    [PRIMARY, 100],
    [SECONDARY, 0],
  ] as const) {
    // The FQDN names the Region, so health evaluation can tell which Region a check watches.
    const check = await route53(world, 'POST', '/2013-04-01/healthcheck', [
      'CreateHealthCheckRequest',
      `<CallerReference>mrrctl-demo-hc-${region}-${run}</CallerReference><HealthCheckConfig>` +
        `<Type>HTTPS</Type><ResourcePath>/${xmlEscape(userPoolId)}/.well-known/openid-configuration</ResourcePath>` +
        `<FullyQualifiedDomainName>cognito-idp.${region}.amazonaws.com</FullyQualifiedDomainName>` +
        '<Port>443</Port><RequestInterval>30</RequestInterval><FailureThreshold>3</FailureThreshold><EnableSNI>true</EnableSNI>' +
        '</HealthCheckConfig>',
    ]);
    records[region] = { type: 'CNAME', value: targets[region], healthCheckId: String(check.CreateHealthCheckResponse.HealthCheck.Id), weight };
  }

  const changes = Object.entries(records)
    .map(
      ([region, r]) =>
        `<Change><Action>CREATE</Action><ResourceRecordSet><Name>${RECORD_NAME}</Name><Type>CNAME</Type>` +
        `<SetIdentifier>${region}</SetIdentifier><Weight>${r.weight}</Weight><TTL>60</TTL>` +
        `<ResourceRecords><ResourceRecord><Value>${xmlEscape(r.value)}</Value></ResourceRecord></ResourceRecords>` +
        `<HealthCheckId>${r.healthCheckId}</HealthCheckId></ResourceRecordSet></Change>`,
    )
    .join('');
  await route53(world, 'POST', `/2013-04-01/hostedzone/${hostedZoneId}/rrset`, [
    'ChangeResourceRecordSetsRequest',
    `<ChangeBatch><Comment>mrrctl sandbox demo: weighted auth records</Comment><Changes>${changes}</Changes></ChangeBatch>`,
  ]);
  return { hostedZoneId, records };
}

/** A Route 53 call exactly as the SDK would send it: restXml request, XML answer. */
async function route53(world: World, method: string, path: string, [root, inner]: [string, string]): Promise<Record<string, any>> {
  const req: RestRequest = {
    method,
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${ROUTE53_XMLNS}">${inner}</${root}>`,
  };
  const { operation, response } = await world.invokeRest(req, ROUTE53_REGION);
  if (response.status >= 400) throw new Error(`Route 53 ${operation} answered ${response.status}: ${response.body ?? ''}`);
  return parseXml(response.body ?? '');
}
