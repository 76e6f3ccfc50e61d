/**
 * A pool in sync across two Regions, as plain observation data: every Regional setting of the primary
 * has its counterpart in the secondary, and every resource exists in both. Tests break one thing at a
 * time and look for exactly the finding that should appear.
 */
import type { DriftObservation, RegionSnapshot, ResourceSnapshot } from '../../../src/core/drift/types.js';
import { resourceKey } from '../../../src/core/drift/types.js';
import type { JsonObject } from '../../../src/core/plan/types.js';

export const P = 'us-east-1';
export const S = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const POOL_ID = 'us-east-1_Demo1234';

export const poolArn = (region: string) => `arn:aws:cognito-idp:${region}:${ACCOUNT}:userpool/${POOL_ID}`;
export const fnArn = (region: string, name: string) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
export const sesArn = (region: string, identity = 'example.com') => `arn:aws:ses:${region}:${ACCOUNT}:identity/${identity}`;
export const logGroupArn = (region: string, name = '/aws/vendedlogs/cognito/demo') => `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
export const aclArn = (region: string, name = 'auth-acl', id = region === P ? 'aaa' : 'bbb') => `arn:aws:wafv2:${region}:${ACCOUNT}:regional/webacl/${name}/${id}`;

const RULES = [
  { Name: 'rate-limit', Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } }, VisibilityConfig: { MetricName: 'rate' } },
  { Name: 'bad-ips', Priority: 1, Action: { Block: {} }, Statement: { IPSetReferenceStatement: { ARN: `arn:aws:wafv2:${P}:${ACCOUNT}:regional/ipset/bad/1` } } },
];

function cognitoPolicy(region: string, name: string): JsonObject {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'cognito',
        Effect: 'Allow',
        Principal: { Service: 'cognito-idp.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fnArn(region, name),
        Condition: { ArnLike: { 'AWS:SourceArn': poolArn(region) } },
      },
    ],
  };
}

function regionSnapshot(region: string): RegionSnapshot {
  const mfaSms = { SnsCallerArn: `arn:aws:iam::${ACCOUNT}:role/sms`, ExternalId: 'ext', SnsRegion: region };
  return {
    region,
    pool: {
      Id: POOL_ID,
      Name: 'demo',
      Arn: poolArn(region),
      UserPoolTier: 'ESSENTIALS',
      MfaConfiguration: 'OPTIONAL',
      Policies: { PasswordPolicy: { MinimumLength: 8 } },
      LambdaConfig: { PreSignUp: fnArn(region, 'pre-sign-up'), CustomMessage: fnArn(region, 'custom-message') },
      EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: sesArn(region), From: 'no-reply@example.com' },
      SmsConfiguration: mfaSms,
      UserPoolTags: { app: 'demo' },
      LastModifiedDate: region === P ? '2026-01-01T00:00:00.000Z' : '2026-01-02T00:00:00.000Z',
      EstimatedNumberOfUsers: region === P ? 10 : 9,
      Domain: 'demo-prefix',
    },
    logDelivery: { UserPoolId: POOL_ID, LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn(region) } }] },
    risk: {
      UserPoolId: POOL_ID,
      AccountTakeoverRiskConfiguration: {
        NotifyConfiguration: { SourceArn: sesArn(region), From: 'security@example.com', ReplyTo: 'help@example.com' },
        Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } },
      },
      LastModifiedDate: '2026-01-01T00:00:00.000Z',
    },
    mfa: { MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsAuthenticationMessage: 'code {####}', SmsConfiguration: mfaSms } },
    webAcl: { Name: 'auth-acl', Id: region === P ? 'aaa' : 'bbb', ARN: aclArn(region), DefaultAction: { Allow: {} }, Rules: RULES.map((r) => JSON.parse(JSON.stringify(r).replaceAll(`:${P}:`, `:${region}:`))) },
    clients: [{ ClientId: 'web1', ClientName: 'web' }],
    resourceServers: [{ Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] }],
    identityProviders: [],
    groups: [{ GroupName: 'admins', Precedence: 1, LastModifiedDate: region === P ? 'x' : 'y' }],
  };
}

function resources(): ResourceSnapshot {
  const r: ResourceSnapshot = { functions: {}, emailIdentities: {}, logGroups: {}, deliveryStreams: {}, webAcls: {} };
  for (const region of [P, S]) {
    for (const name of ['pre-sign-up', 'custom-message']) {
      const arn = fnArn(region, name);
      r.functions[resourceKey(region, arn)] = {
        info: { FunctionArn: arn, FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', CodeSha256: `sha-${name}` },
        policy: cognitoPolicy(region, name),
      };
    }
    r.emailIdentities[resourceKey(region, 'example.com')] = { IdentityName: 'example.com', VerificationStatus: 'SUCCESS', VerifiedForSendingStatus: true };
    r.logGroups[resourceKey(region, '/aws/vendedlogs/cognito/demo')] = { logGroupName: '/aws/vendedlogs/cognito/demo' };
  }
  return r;
}

/** A fresh, fully aligned observation; mutate the copy a test gets. */
export function alignedObservation(): DriftObservation {
  const o: DriftObservation = {
    userPoolId: POOL_ID,
    primaryRegion: P,
    secondaryRegion: S,
    replica: { RegionName: S, Role: 'SECONDARY', Status: 'INACTIVE', UserPoolArn: poolArn(S) },
    primary: regionSnapshot(P),
    secondary: regionSnapshot(S),
    resources: resources(),
  };
  o.resources.webAcls[resourceKey(S, 'auth-acl')] = o.secondary.webAcl!;
  return o;
}
