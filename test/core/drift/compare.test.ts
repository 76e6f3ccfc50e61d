/** Each kind of finding, produced by breaking exactly one thing in an otherwise aligned observation. */
import { describe, expect, it } from 'vitest';
import { compareRegional, compareReplicated } from '../../../src/core/drift/compare.js';
import { resourceKey, type DriftFinding, type DriftObservation } from '../../../src/core/drift/types.js';
import type { JsonObject } from '../../../src/core/plan/types.js';
import { aclArn, alignedObservation, fnArn, logGroupArn, P, poolArn, S, sesArn } from './fixtures.js';

function findings(o: DriftObservation): DriftFinding[] {
  return [...compareRegional(o).findings, ...compareReplicated(o).findings];
}

function only(o: DriftObservation): DriftFinding {
  const all = findings(o);
  expect(all.map((f) => `${f.code} ${f.path}`)).toHaveLength(1);
  return all[0];
}

function lambda(o: DriftObservation, side: 'primary' | 'secondary'): JsonObject {
  return o[side].pool!.LambdaConfig as JsonObject;
}

describe('an aligned pool', () => {
  it('has checks and no findings', () => {
    const o = alignedObservation();
    const regional = compareRegional(o);
    const replicated = compareReplicated(o);
    expect(regional.findings).toEqual([]);
    expect(replicated.findings).toEqual([]);
    expect(regional.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(['replica.Status', 'lambda.PreSignUp', 'resource.lambda:pre-sign-up', 'email.EmailConfiguration', 'resource.ses:example.com', 'sms.SmsConfiguration', 'threat-protection.NotifyConfiguration', 'tags.UserPoolTags', 'log-delivery.userNotification', 'waf.WebACL']),
    );
    expect(replicated.checks.map((c) => c.id)).toContain('replicated.UserPool');
  });
});

describe('replica', () => {
  it('reports a missing replica and compares nothing else', () => {
    const o = alignedObservation();
    delete o.replica;
    const f = only(o);
    expect(f).toMatchObject({ code: 'MRR_DRIFT_E001', severity: 'error', region: S, path: 'secondary.Replica' });
    expect(compareRegional(o).checks).toHaveLength(1);
  });

  it('tells a CREATING replica to wait', () => {
    const o = alignedObservation();
    o.replica!.Status = 'CREATING';
    expect(only(o).remedy).toContain('wait');
  });
});

describe('Lambda triggers', () => {
  it('a trigger missing in the secondary is fixable when the function exists there', () => {
    const o = alignedObservation();
    delete lambda(o, 'secondary').PreSignUp;
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E101', path: 'secondary.LambdaConfig.PreSignUp', primary: fnArn(P, 'pre-sign-up'), secondary: null, fixable: true });
  });

  it('a function missing in the secondary is its own finding, and the trigger is then not fixable', () => {
    const o = alignedObservation();
    delete lambda(o, 'secondary').PreSignUp;
    o.resources.functions[resourceKey(S, fnArn(S, 'pre-sign-up'))] = null;
    const all = findings(o);
    expect(all.find((f) => f.code === 'MRR_DRIFT_E101')).toMatchObject({ fixable: false, remedy: expect.stringContaining('deploy pre-sign-up') });
    expect(all.find((f) => f.code === 'MRR_DRIFT_E105')).toMatchObject({ region: S, path: 'secondary.resources.lambda:pre-sign-up', fixable: false });
  });

  it('ARNs equal modulo Region are the same trigger; the primary ARN itself in the secondary is not', () => {
    const o = alignedObservation();
    expect(findings(o)).toEqual([]);
    lambda(o, 'secondary').PreSignUp = fnArn(P, 'pre-sign-up');
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E102', secondary: fnArn(P, 'pre-sign-up'), fixable: true });
  });

  it('a different function in the secondary Region is a warning', () => {
    const o = alignedObservation();
    lambda(o, 'secondary').CustomMessage = fnArn(S, 'pre-sign-up');
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_W103', severity: 'warning' });
  });

  it('a trigger only in the secondary is a warning', () => {
    const o = alignedObservation();
    lambda(o, 'secondary').PostAuthentication = fnArn(S, 'pre-sign-up');
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_W104', path: 'secondary.LambdaConfig.PostAuthentication' });
  });

  it('a function Cognito may not invoke (no policy, or a condition for another pool) is an error drift fix can repair', () => {
    const o = alignedObservation();
    delete o.resources.functions[resourceKey(S, fnArn(S, 'pre-sign-up'))]!.policy;
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E106', path: 'secondary.resources.lambda:pre-sign-up.policy', fixable: true });

    const p = alignedObservation();
    const policy = p.resources.functions[resourceKey(S, fnArn(S, 'custom-message'))]!.policy!;
    ((policy.Statement as JsonObject[])[0].Condition as JsonObject).ArnLike = { 'AWS:SourceArn': poolArn(P) };
    expect(only(p)).toMatchObject({ code: 'MRR_DRIFT_E106', region: S });
  });

  it('different code, runtime or handler are warnings', () => {
    const o = alignedObservation();
    const fn = o.resources.functions[resourceKey(S, fnArn(S, 'custom-message'))]!;
    fn.info.CodeSha256 = 'other';
    fn.info.Runtime = 'nodejs18.x';
    expect(findings(o).map((f) => f.code).sort()).toEqual(['MRR_DRIFT_W107', 'MRR_DRIFT_W108']);
  });

  it('custom sender triggers need the key replica in the secondary', () => {
    const o = alignedObservation();
    const key = `arn:aws:kms:${P}:123456789012:key/mrk-1`;
    lambda(o, 'primary').CustomEmailSender = { LambdaVersion: 'V1_0', LambdaArn: fnArn(P, 'custom-message') };
    lambda(o, 'primary').KMSKeyID = key;
    lambda(o, 'secondary').CustomEmailSender = { LambdaVersion: 'V1_0', LambdaArn: fnArn(S, 'custom-message') };
    lambda(o, 'secondary').KMSKeyID = key;
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E109', path: 'secondary.LambdaConfig.KMSKeyID' });
    lambda(o, 'secondary').KMSKeyID = key.replace(P, S);
    expect(findings(o)).toEqual([]);
  });
});

describe('email and notifications', () => {
  it('Cognito default email in the secondary while the primary uses SES', () => {
    const o = alignedObservation();
    o.secondary.pool!.EmailConfiguration = { EmailSendingAccount: 'COGNITO_DEFAULT' };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E201', fixable: true });
  });

  it('an identity not verified in the secondary', () => {
    const o = alignedObservation();
    o.resources.emailIdentities[resourceKey(S, 'example.com')] = { IdentityName: 'example.com', VerificationStatus: 'PENDING', VerifiedForSendingStatus: false };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E202', region: S, path: 'secondary.resources.ses:example.com', secondary: 'PENDING', primary: sesArn(P) });
  });

  it("the primary Region's SES used by the secondary", () => {
    const o = alignedObservation();
    (o.secondary.pool!.EmailConfiguration as JsonObject).SourceArn = sesArn(P);
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E203', path: 'secondary.EmailConfiguration.SourceArn' });
  });

  it('another From address', () => {
    const o = alignedObservation();
    (o.secondary.pool!.EmailConfiguration as JsonObject).From = 'other@example.com';
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_W204', path: 'secondary.EmailConfiguration.From' });
  });

  it('threat-protection sender missing, in another Region, or with another From', () => {
    const notify = (o: DriftObservation) => ((o.secondary.risk!.AccountTakeoverRiskConfiguration as JsonObject).NotifyConfiguration as JsonObject);
    const missing = alignedObservation();
    delete notify(missing).SourceArn;
    delete notify(missing).From;
    expect(only(missing)).toMatchObject({ code: 'MRR_DRIFT_E401', fixable: true });
    const remote = alignedObservation();
    notify(remote).SourceArn = sesArn(P);
    expect(only(remote)).toMatchObject({ code: 'MRR_DRIFT_E402' });
    const from = alignedObservation();
    notify(from).From = 'x@example.com';
    expect(only(from)).toMatchObject({ code: 'MRR_DRIFT_W403' });
  });
});

describe('SMS, tags and MFA', () => {
  it('SMS configuration missing, different, or through the primary Region', () => {
    const missing = alignedObservation();
    delete missing.secondary.pool!.SmsConfiguration;
    expect(only(missing)).toMatchObject({ code: 'MRR_DRIFT_E301', fixable: true });
    const other = alignedObservation();
    (other.secondary.pool!.SmsConfiguration as JsonObject).ExternalId = 'other';
    expect(only(other)).toMatchObject({ code: 'MRR_DRIFT_W302' });
    const remote = alignedObservation();
    (remote.secondary.pool!.SmsConfiguration as JsonObject).SnsRegion = P;
    expect(only(remote)).toMatchObject({ code: 'MRR_DRIFT_W303' });
  });

  it('a missing tag warns, a secondary-only tag informs', () => {
    const o = alignedObservation();
    o.secondary.pool!.UserPoolTags = { region: 'eu' };
    expect(findings(o).map((f) => [f.code, f.path])).toEqual([
      ['MRR_DRIFT_W501', 'secondary.UserPoolTags.app'],
      ['MRR_DRIFT_I502', 'secondary.UserPoolTags.region'],
    ]);
  });

  it('TOTP MFA is reported as unavailable in the secondary', () => {
    const o = alignedObservation();
    for (const side of ['primary', 'secondary'] as const) o[side].mfa!.SoftwareTokenMfaConfiguration = { Enabled: true };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_I801', severity: 'info' });
  });
});

describe('log delivery', () => {
  it('missing in the secondary; the log group missing there is its own finding', () => {
    const o = alignedObservation();
    o.secondary.logDelivery = { LogConfigurations: [] };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E601', fixable: true });
    o.resources.logGroups[resourceKey(S, '/aws/vendedlogs/cognito/demo')] = null;
    const all = findings(o);
    expect(all.find((f) => f.code === 'MRR_DRIFT_E601')?.fixable).toBe(false);
    expect(all.find((f) => f.code === 'MRR_DRIFT_E602')).toMatchObject({ region: S, path: 'secondary.resources.log-group:/aws/vendedlogs/cognito/demo', primary: logGroupArn(P) });
  });

  it("delivering to the primary Region's group is an error; another level a warning", () => {
    const remote = alignedObservation();
    (remote.secondary.logDelivery!.LogConfigurations as JsonObject[])[0].CloudWatchLogsConfiguration = { LogGroupArn: logGroupArn(P) };
    expect(only(remote)).toMatchObject({ code: 'MRR_DRIFT_E603' });
    const level = alignedObservation();
    (level.secondary.logDelivery!.LogConfigurations as JsonObject[])[0].LogLevel = 'INFO';
    expect(only(level)).toMatchObject({ code: 'MRR_DRIFT_W604' });
  });

  it('S3 is reported as not verifiable; Firehose streams are looked up', () => {
    const o = alignedObservation();
    for (const side of ['primary', 'secondary'] as const) {
      o[side].logDelivery = { LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: 'arn:aws:s3:::logs' } }] };
    }
    expect(findings(o).map((f) => f.code)).toEqual(['MRR_DRIFT_I605', 'MRR_DRIFT_I605']);

    const fh = alignedObservation();
    const stream = (region: string) => `arn:aws:firehose:${region}:123456789012:deliverystream/auth`;
    for (const side of ['primary', 'secondary'] as const) {
      fh[side].logDelivery = { LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: stream(fh[side].region) } }] };
    }
    fh.resources.deliveryStreams[resourceKey(P, 'auth')] = { DeliveryStreamName: 'auth' };
    expect(only(fh)).toMatchObject({ code: 'MRR_DRIFT_E602', path: 'secondary.resources.firehose:auth' });
  });
});

describe('WAF', () => {
  it('no ACL on the secondary is fixable when an equivalent one exists there', () => {
    const o = alignedObservation();
    delete o.secondary.webAcl;
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E701', fixable: true, remedy: expect.stringContaining(aclArn(S)) });
  });

  it('no ACL of that name in the secondary Region', () => {
    const o = alignedObservation();
    delete o.secondary.webAcl;
    o.resources.webAcls[resourceKey(S, 'auth-acl')] = null;
    expect(findings(o).map((f) => [f.code, f.fixable])).toEqual([
      ['MRR_DRIFT_E701', false],
      ['MRR_DRIFT_E702', false],
    ]);
  });

  it('rules that differ in priority or action are a warning; IP-set ARN Regions are not a difference', () => {
    const o = alignedObservation();
    expect(JSON.stringify(o.secondary.webAcl)).toContain(`:${S}:`);
    expect(findings(o)).toEqual([]);
    ((o.secondary.webAcl!.Rules as JsonObject[])[1] as JsonObject).Action = { Count: {} };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_W703', path: 'secondary.WebACL.Rules' });
  });

  it('an ACL only on the secondary', () => {
    const o = alignedObservation();
    delete o.primary.webAcl;
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_I704' });
  });
});

describe('replicated configuration', () => {
  it('ignores Regional and computed fields but reports a global one', () => {
    const o = alignedObservation();
    expect(o.primary.pool!.LastModifiedDate).not.toEqual(o.secondary.pool!.LastModifiedDate);
    expect(compareReplicated(o).findings).toEqual([]);
    o.secondary.pool!.Policies = { PasswordPolicy: { MinimumLength: 12 } };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E901', path: 'replicated.UserPool.Policies' });
  });

  it('compares KmsKeyArn as the same multi-Region key, not as text', () => {
    const o = alignedObservation();
    const mrk = 'mrk-1234abcd12ab34cd56ef1234567890ab';
    o.primary.pool!.KeyConfiguration = { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: `arn:aws:kms:us-east-1:123456789012:key/${mrk}` };
    // The secondary reports its Regional replica's ARN: the same key.
    o.secondary.pool!.KeyConfiguration = { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: `arn:aws:kms:eu-west-1:123456789012:key/${mrk}` };
    expect(compareReplicated(o).findings).toEqual([]);
    // Another multi-Region key, or another account, is drift.
    o.secondary.pool!.KeyConfiguration = { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/mrk-ffffffffffffffffffffffffffffffff' };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E901', path: 'replicated.UserPool.KeyConfiguration' });
    o.secondary.pool!.KeyConfiguration = { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: `arn:aws:kms:eu-west-1:210987654321:key/${mrk}` };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E901', path: 'replicated.UserPool.KeyConfiguration' });
    // A single-Region key id in two Regions is two keys.
    o.primary.pool!.KeyConfiguration = { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' };
    o.secondary.pool!.KeyConfiguration = { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' };
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E901', path: 'replicated.UserPool.KeyConfiguration' });
  });

  it('lists: app clients, resource servers, groups, identity providers', () => {
    const o = alignedObservation();
    o.secondary.clients = [];
    o.secondary.resourceServers = [{ Identifier: 'api', Name: 'API', Scopes: [] }];
    o.secondary.groups = [];
    o.secondary.identityProviders = [{ ProviderName: 'Google', ProviderType: 'Google' }];
    expect(findings(o).map((f) => [f.code, f.path])).toEqual([
      ['MRR_DRIFT_E902', 'replicated.AppClients.web1'],
      ['MRR_DRIFT_E904', 'replicated.ResourceServers.api'],
      ['MRR_DRIFT_E905', 'replicated.IdentityProviders.Google'],
      ['MRR_DRIFT_E906', 'replicated.Groups.admins'],
    ]);
  });

  it('domain, global risk settings and MFA settings; the Regional notify sender is not global', () => {
    const o = alignedObservation();
    delete o.secondary.pool!.Domain;
    ((o.secondary.risk!.AccountTakeoverRiskConfiguration as JsonObject).Actions as JsonObject).HighAction = { Notify: false, EventAction: 'BLOCK' };
    o.secondary.mfa!.MfaConfiguration = 'ON';
    expect(compareReplicated(o).findings.map((f) => f.code)).toEqual(['MRR_DRIFT_E907', 'MRR_DRIFT_E908', 'MRR_DRIFT_E909']);
  });

  it('--deep compares each client present in both Regions', () => {
    const o = alignedObservation();
    o.primary.clientDetails = { web1: { ClientId: 'web1', CallbackURLs: ['https://a/cb'], LastModifiedDate: '1' } };
    o.secondary.clientDetails = { web1: { ClientId: 'web1', CallbackURLs: ['https://a/cb'], LastModifiedDate: '2' } };
    expect(compareReplicated(o).findings).toEqual([]);
    o.secondary.clientDetails.web1!.CallbackURLs = ['https://b/cb'];
    expect(only(o)).toMatchObject({ code: 'MRR_DRIFT_E903', path: 'replicated.AppClientConfiguration.web1' });
  });
});
