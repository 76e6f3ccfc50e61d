/** drift fix's planner: what it aligns, how it builds the requests, and what it leaves to the operator. */
import { describe, expect, it } from 'vitest';
import { fixFingerprint, planDriftFix } from '../../../src/core/drift/fix-plan.js';
import { resourceKey, type DriftObservation } from '../../../src/core/drift/types.js';
import type { JsonObject, Step } from '../../../src/core/plan/types.js';
import { aclArn, alignedObservation, fnArn, logGroupArn, P, poolArn, POOL_ID, S, sesArn } from './fixtures.js';

/** The secondary as a fresh replica has it: no Regional settings at all. */
function freshReplica(): DriftObservation {
  const o = alignedObservation();
  Object.assign(o.secondary.pool!, { LambdaConfig: {}, EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' }, UserPoolTags: { region: 'eu' } });
  delete o.secondary.pool!.SmsConfiguration;
  o.secondary.logDelivery = { UserPoolId: POOL_ID, LogConfigurations: [] };
  const notify = (o.secondary.risk!.AccountTakeoverRiskConfiguration as JsonObject).NotifyConfiguration as JsonObject;
  delete notify.SourceArn;
  delete notify.From;
  delete o.secondary.webAcl;
  for (const name of ['pre-sign-up', 'custom-message']) delete o.resources.functions[resourceKey(S, fnArn(S, name))]!.policy;
  return o;
}

const step = (steps: Step[], operation: string) => steps.find((s) => s.operation === operation);

describe('planDriftFix', () => {
  it('aligns everything whose counterpart exists, all in the secondary Region', () => {
    const plan = planDriftFix(freshReplica());
    expect(plan.cannot).toEqual([]);
    expect(plan.steps.map((s) => s.operation)).toEqual(['AddPermission', 'AddPermission', 'UpdateUserPool', 'SetLogDeliveryConfiguration', 'SetRiskConfiguration', 'AssociateWebACL']);
    expect(plan.steps.every((s) => s.region === S && !s.destructive)).toBe(true);
  });

  it('UpdateUserPool is the full read-modify-write of the secondary pool, ARNs moved to the secondary', () => {
    const o = freshReplica();
    const input = step(planDriftFix(o).steps, 'UpdateUserPool')!.input as JsonObject;
    expect(input.UserPoolId).toBe(POOL_ID);
    // Globals come from the secondary's own DescribeUserPool, unchanged.
    expect(input.Policies).toEqual(o.secondary.pool!.Policies);
    expect(input.MfaConfiguration).toBe('OPTIONAL');
    expect(input.PoolName).toBe('demo');
    expect(input.LambdaConfig).toEqual({ PreSignUp: fnArn(S, 'pre-sign-up'), CustomMessage: fnArn(S, 'custom-message') });
    expect(input.EmailConfiguration).toEqual({ EmailSendingAccount: 'DEVELOPER', SourceArn: sesArn(S), From: 'no-reply@example.com' });
    expect(input.SmsConfiguration).toMatchObject({ SnsRegion: S, ExternalId: 'ext' });
    // Primary tags copied, the secondary's own kept.
    expect(input.UserPoolTags).toEqual({ region: 'eu', app: 'demo' });
  });

  it('log delivery, notification sender, permission and web ACL requests', () => {
    const o = freshReplica();
    const { steps } = planDriftFix(o);
    expect(step(steps, 'SetLogDeliveryConfiguration')!.input).toEqual({
      UserPoolId: POOL_ID,
      LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn(S) } }],
    });
    const risk = step(steps, 'SetRiskConfiguration')!.input as JsonObject;
    expect(risk).toEqual({
      UserPoolId: POOL_ID,
      AccountTakeoverRiskConfiguration: {
        NotifyConfiguration: { ReplyTo: 'help@example.com', SourceArn: sesArn(S), From: 'security@example.com' },
        Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } },
      },
    });
    expect(step(steps, 'AddPermission')!.input).toMatchObject({ FunctionName: fnArn(S, 'pre-sign-up'), Principal: 'cognito-idp.amazonaws.com', Action: 'lambda:InvokeFunction', SourceArn: poolArn(S) });
    expect(step(steps, 'AssociateWebACL')!.input).toEqual({ WebACLArn: aclArn(S), ResourceArn: poolArn(S) });
  });

  it('lists what it cannot do when a counterpart is missing, and leaves those settings alone', () => {
    const o = freshReplica();
    o.resources.functions[resourceKey(S, fnArn(S, 'pre-sign-up'))] = null;
    o.resources.emailIdentities[resourceKey(S, 'example.com')] = null;
    o.resources.logGroups[resourceKey(S, '/aws/vendedlogs/cognito/demo')] = null;
    o.resources.webAcls[resourceKey(S, 'auth-acl')] = null;
    const plan = planDriftFix(o);
    expect(plan.cannot).toEqual([
      'deploy pre-sign-up to eu-west-1 (for the PreSignUp trigger), then run drift fix again',
      'create and verify the SES identity example.com in eu-west-1, then run drift fix again (email configuration)',
      'create /aws/vendedlogs/cognito/demo in eu-west-1 (userNotification log delivery), then run drift fix again',
      'create and verify the SES identity example.com in eu-west-1, then run drift fix again (threat-protection notifications)',
      'create web ACL auth-acl in eu-west-1 with the rules of the us-east-1 ACL, then run drift fix again',
    ]);
    expect(plan.steps.map((s) => s.operation)).toEqual(['AddPermission', 'UpdateUserPool']);
    const input = step(plan.steps, 'UpdateUserPool')!.input as JsonObject;
    expect(input.LambdaConfig).toEqual({ CustomMessage: fnArn(S, 'custom-message') });
    expect(input.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
  });

  it('a web ACL with other rules is not associated', () => {
    const o = freshReplica();
    const acl = o.resources.webAcls[resourceKey(S, 'auth-acl')]!;
    acl.Rules = [];
    const plan = planDriftFix(o);
    expect(step(plan.steps, 'AssociateWebACL')).toBeUndefined();
    expect(plan.cannot).toEqual([`align the rules of web ACL auth-acl in ${S} with ${P}'s, then run drift fix again`]);
  });

  it('an aligned pool needs no step, and the fingerprint follows the plan', () => {
    const aligned = planDriftFix(alignedObservation());
    expect(aligned).toMatchObject({ steps: [], cannot: [] });
    expect(fixFingerprint(aligned)).not.toEqual(fixFingerprint(planDriftFix(freshReplica())));
  });

  it('without a replica there is nothing to do but create it', () => {
    const o = alignedObservation();
    delete o.secondary.pool;
    expect(planDriftFix(o)).toMatchObject({ steps: [], cannot: [expect.stringContaining('replica create')] });
  });
});
