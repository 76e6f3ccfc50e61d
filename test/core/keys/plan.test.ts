/** The phase-1 planner: only what is missing, in AWS's order, with $refs for what is known after apply. */
import { describe, expect, it } from 'vitest';
import { FindingsError } from '../../../src/core/errors.js';
import { KEY_STEP, planKeySetup } from '../../../src/core/keys/plan.js';
import { COGNITO_SERVICE_PRINCIPAL, hasCognitoStatement, parsePolicy } from '../../../src/core/keys/policy.js';
import { ACCOUNT, ALIAS, MRK_ID, arnIn, bothAliases, fullKey, keyMeta, observation, pool, poolOnKey, TOPOLOGY } from './fixtures.js';

const opts = { timeoutSeconds: 300 };
const ops = (o: Parameters<typeof planKeySetup>[0]) => planKeySetup(o, opts).steps.map((s) => `${s.region} ${s.operation}`);

describe('planKeySetup: from nothing', () => {
  const plan = planKeySetup(observation(), opts);
  const step = (id: string) => plan.steps.find((s) => s.id === id)!;

  it('plans the whole phase in order', () => {
    expect(plan.steps.map((s) => `${s.region} ${s.operation}`)).toEqual([
      'us-east-1 CreateKey',
      'us-east-1 CreateAlias',
      'us-east-1 EnableKeyRotation',
      'us-east-1 ReplicateKey',
      'eu-west-1 WaitForKeyReplica',
      'eu-west-1 CreateAlias',
      'us-east-1 UpdateUserPool',
    ]);
    expect(plan.steps.every((s) => !s.destructive && s.trafficMoving !== true)).toBe(true);
  });

  it('creates a symmetric multi-Region key tagged with the pool id, with admin and Cognito statements', () => {
    const input = step(KEY_STEP.createKey).input as Record<string, any>;
    expect(input).toMatchObject({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', MultiRegion: true });
    expect(input.Description).toContain(TOPOLOGY.userPoolId);
    expect(input.Tags).toContainEqual({ TagKey: 'mrrctl:user-pool-id', TagValue: TOPOLOGY.userPoolId });
    const statements = parsePolicy(input.Policy)!.statements;
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*' });
    expect(statements[1]).toMatchObject({
      Principal: { Service: COGNITO_SERVICE_PRINCIPAL },
      Action: ['kms:CreateGrant', 'kms:DescribeKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    });
  });

  it('gives the replica its own policy (the same document) and tags', () => {
    const create = step(KEY_STEP.createKey).input as Record<string, any>;
    const replicate = step(KEY_STEP.replicate).input as Record<string, any>;
    expect(replicate.ReplicaRegion).toBe('eu-west-1');
    expect(replicate.Policy).toBe(create.Policy);
    expect(replicate.Tags).toEqual(create.Tags);
  });

  it('refers to the new key through $ref to CreateKey', () => {
    const keyIdRef = { $ref: KEY_STEP.createKey, path: 'KeyMetadata.KeyId' };
    expect(step(KEY_STEP.aliasPrimary).input).toEqual({ AliasName: ALIAS, TargetKeyId: keyIdRef });
    expect(step(KEY_STEP.rotation).input).toEqual({ KeyId: keyIdRef });
    expect(step(KEY_STEP.waitReplica).input).toEqual({ KeyId: keyIdRef, TimeoutSeconds: 300 });
    expect(step(KEY_STEP.aliasSecondary).input).toEqual({ AliasName: ALIAS, TargetKeyId: keyIdRef });
    expect(step(KEY_STEP.aliasSecondary).dependsOn).toEqual([KEY_STEP.createKey, KEY_STEP.waitReplica]);
  });

  it('sets the KeyConfiguration with a full read-modify-write', () => {
    const input = step(KEY_STEP.pool).input as Record<string, any>;
    expect(input.KeyConfiguration).toEqual({ KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: { $ref: KEY_STEP.createKey, path: 'KeyMetadata.Arn' } });
    expect(input).toMatchObject({
      UserPoolId: TOPOLOGY.userPoolId,
      PoolName: 'demo-users',
      MfaConfiguration: 'OPTIONAL',
      LambdaConfig: pool().LambdaConfig,
      EmailConfiguration: pool().EmailConfiguration,
      UserPoolTier: 'ESSENTIALS',
    });
    expect(step(KEY_STEP.pool).dependsOn).toEqual(plan.steps.slice(0, -1).map((s) => s.id));
    expect(plan.notes).toContain('the pool is encrypted with an AWS owned key today');
  });

  it('passes --timeout to the wait', () => {
    const wait = planKeySetup(observation(), { timeoutSeconds: 42 }).steps.find((s) => s.operation === 'WaitForKeyReplica')!;
    expect(wait.input).toMatchObject({ TimeoutSeconds: 42 });
    expect(wait.summary).toContain('42 s');
  });
});

describe('planKeySetup: only what is missing', () => {
  const complete = () => observation({ key: fullKey(), aliases: bothAliases, pool: poolOnKey() });

  it('plans nothing when everything is in place', () => {
    expect(planKeySetup(complete(), opts).steps).toEqual([]);
  });

  it('only the missing primary alias, with the literal key id', () => {
    const plan = planKeySetup({ ...complete(), aliases: { secondary: bothAliases.secondary } }, opts);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ region: 'us-east-1', operation: 'CreateAlias', input: { AliasName: ALIAS, TargetKeyId: MRK_ID } });
    expect(plan.steps[0].dependsOn).toBeUndefined();
  });

  it('only the missing secondary alias', () => {
    expect(ops({ ...complete(), aliases: { primary: bothAliases.primary } })).toEqual(['eu-west-1 CreateAlias']);
  });

  it('only rotation when it is off (or unreadable)', () => {
    expect(ops({ ...complete(), key: fullKey({ rotation: false }) })).toEqual(['us-east-1 EnableKeyRotation']);
    expect(ops({ ...complete(), key: fullKey({ rotation: undefined }) })).toEqual(['us-east-1 EnableKeyRotation']);
  });

  it('replicates and waits when the replica is missing, with mrrctl policy on the replica', () => {
    const o = { ...complete(), key: fullKey({ replica: undefined, replicaPolicy: undefined }), aliases: { primary: bothAliases.primary } };
    const plan = planKeySetup(o, opts);
    expect(plan.steps.map((s) => s.operation)).toEqual(['ReplicateKey', 'WaitForKeyReplica', 'CreateAlias']);
    expect(plan.steps[0].input).toMatchObject({ KeyId: MRK_ID, ReplicaRegion: 'eu-west-1' });
    expect(hasCognitoStatement((plan.steps[0].input as Record<string, string>).Policy)).toBe(true);
    expect(plan.steps[1].dependsOn).toEqual([KEY_STEP.replicate]);
  });

  it('only waits when the replica is still Creating', () => {
    const o = { ...complete(), key: fullKey({ replica: keyMeta({ KeyState: 'Creating', Enabled: false }, 'eu-west-1') }) };
    const plan = planKeySetup(o, opts);
    expect(plan.steps.map((s) => s.operation)).toEqual(['WaitForKeyReplica']);
    expect(plan.steps[0].dependsOn).toBeUndefined();
  });

  it('adds the Cognito statement to an adopted key policy, keeping its statements', () => {
    const adminOnly = JSON.stringify({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
    });
    const o = { ...complete(), key: fullKey({ primaryPolicy: adminOnly }) };
    const plan = planKeySetup(o, opts);
    expect(plan.steps.map((s) => `${s.region} ${s.operation}`)).toEqual(['us-east-1 PutKeyPolicy']);
    const policy = (plan.steps[0].input as Record<string, string>).Policy;
    const parsed = parsePolicy(policy)!;
    expect(parsed.document.Id).toBe('key-default-1');
    expect(parsed.statements).toHaveLength(2);
    expect(parsed.statements[0].Sid).toBe('Enable IAM User Permissions');
    expect(hasCognitoStatement(policy)).toBe(true);
  });

  it('puts the policy per Region: only the replica when only the replica lacks it', () => {
    const o = { ...complete(), key: fullKey({ replicaPolicy: JSON.stringify({ Statement: [] }) }) };
    const plan = planKeySetup(o, opts);
    expect(plan.steps.map((s) => `${s.region} ${s.operation} ${s.id}`)).toEqual(['eu-west-1 PutKeyPolicy kms.put-key-policy.secondary']);
  });

  it('only the pool when it is still on the AWS owned key, after the policy fixes', () => {
    const o = { ...complete(), pool: pool(), key: fullKey({ primaryPolicy: '{"Statement":[]}' }) };
    const plan = planKeySetup(o, opts);
    expect(plan.steps.map((s) => s.operation)).toEqual(['PutKeyPolicy', 'UpdateUserPool']);
    expect(plan.steps[1].input).toMatchObject({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: arnIn('us-east-1') } });
    expect(plan.steps[1].dependsOn).toEqual([KEY_STEP.policyPrimary]);
  });

  it('notes a single-Region key that will be replaced', () => {
    const o = { ...observation(), choice: { source: 'new' as const, replaces: arnIn('us-east-1', 'abcd'), notes: [] } };
    expect(planKeySetup(o, opts).notes.join('\n')).toContain(`${arnIn('us-east-1', 'abcd')} cannot become multi-Region and will be replaced`);
  });
});

describe('planKeySetup: refusals (exit 3)', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err as FindingsError;
    }
    throw new Error('expected a refusal');
  };

  it('the secondary alias points at another key', () => {
    const o = observation({ key: fullKey(), aliases: { primary: bothAliases.primary, secondary: { AliasName: ALIAS, TargetKeyId: 'mrk-other' } } });
    const err = refusal(() => planKeySetup(o, opts));
    expect(err).toBeInstanceOf(FindingsError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain('mrk-other');
    expect(err.message).toContain(MRK_ID);
  });

  it('the secondary alias exists while a new key would be created', () => {
    const err = refusal(() => planKeySetup(observation({ aliases: { secondary: { AliasName: ALIAS, TargetKeyId: 'mrk-other' } } }), opts));
    expect(err.code).toBe('MRR_KEYS_E307');
  });

  it('the replica is pending deletion', () => {
    const o = observation({ key: fullKey({ replica: keyMeta({ KeyState: 'PendingDeletion' }, 'eu-west-1') }) });
    const err = refusal(() => planKeySetup(o, opts));
    expect(err.code).toBe('MRR_KEYS_E306');
    expect(err.message).toContain('cancel its deletion');
  });

  it('the pool would change key while it has a replica', () => {
    const err = refusal(() => planKeySetup(observation({ poolReplicaRegions: ['eu-west-1'] }), opts));
    expect(err.code).toBe('MRR_KEYS_E308');
    expect(err.message).toContain('eu-west-1');
  });

  it('accepts a pool replica when the KeyConfiguration does not change', () => {
    const o = observation({ key: fullKey({ rotation: false }), aliases: bothAliases, pool: poolOnKey(), poolReplicaRegions: ['eu-west-1'] });
    expect(planKeySetup(o, opts).steps.map((s) => s.operation)).toEqual(['EnableKeyRotation']);
  });

  it('uses the account from the observation', () => {
    const other = { ...observation(), account: { partition: 'aws-cn', accountId: '999988887777' } };
    const input = planKeySetup(other, opts).steps[0].input as Record<string, string>;
    expect(input.Policy).toContain('arn:aws-cn:iam::999988887777:root');
    expect(ACCOUNT.accountId).not.toBe('999988887777');
  });
});
