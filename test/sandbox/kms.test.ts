/**
 * KMS conformance through the real @aws-sdk/client-kms over HTTP: multi-Region keys seen from both
 * Regions, ReplicateKey and its state machine, policies, aliases, rotation, deletion and tags. The
 * sandbox runs on a hand-driven clock so the Creating → Enabled and deletion timings are exact.
 */
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeyPoliciesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  DisableKeyRotationCommand,
} from '@aws-sdk/client-kms';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { rejectionOf, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';

const DAY = 86_400_000;
const REPLICA_DELAY = 5_000;
const COGNITO_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'admin', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' },
    { Sid: 'cognito', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: ['kms:CreateGrant', 'kms:DescribeKey'], Resource: '*' },
  ],
});

let sb: SandboxHandle;
let now: number;
let east: KMSClient;
let west: KMSClient;

beforeEach(async () => {
  now = Date.UTC(2025, 5, 1, 12);
  sb = await startTestSandbox({ replicaDelayMs: REPLICA_DELAY }, { clock: { now: () => now } });
  east = sandboxClient(KMSClient, sb, 'us-east-1');
  west = sandboxClient(KMSClient, sb, 'eu-west-1');
});
afterEach(async () => {
  east.destroy();
  west.destroy();
  await sb.stop();
});

async function primaryWithReplica(policy?: string) {
  const created = await east.send(new CreateKeyCommand({ MultiRegion: true, Policy: policy, Description: 'mrr key' }));
  const keyId = created.KeyMetadata!.KeyId!;
  const replicated = await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
  return { keyId, primaryArn: created.KeyMetadata!.Arn!, replicated };
}

describe('CreateKey and DescribeKey', () => {
  it('gives multi-Region keys an mrk- id and single-Region keys a UUID, with the documented defaults', async () => {
    const mrk = await east.send(new CreateKeyCommand({ MultiRegion: true }));
    const single = await east.send(new CreateKeyCommand({}));
    expect(mrk.KeyMetadata?.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(single.KeyMetadata?.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(mrk.KeyMetadata).toMatchObject({
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyManager: 'CUSTOMER',
      KeyState: 'Enabled',
      Enabled: true,
      MultiRegion: true,
      Arn: `arn:aws:kms:us-east-1:123456789012:key/${mrk.KeyMetadata?.KeyId}`,
    });
    expect(mrk.KeyMetadata?.CreationDate?.getTime()).toBe(now);
    expect(single.KeyMetadata?.MultiRegion).toBe(false);
    expect(single.KeyMetadata?.MultiRegionConfiguration).toBeUndefined();
  });

  it('attaches the default policy (account root, kms:*) when none is given', async () => {
    const key = await east.send(new CreateKeyCommand({}));
    const policy = await east.send(new GetKeyPolicyCommand({ KeyId: key.KeyMetadata!.KeyId! }));
    expect(policy.PolicyName).toBe('default');
    expect(JSON.parse(policy.Policy!).Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*' }),
    ]);
  });

  it('refuses a malformed policy with MalformedPolicyDocumentException and creates nothing', async () => {
    for (const bad of ['not json', '{"Version":"2012-10-17"}', '{"Statement":[{"Effect":"Allow","Action":"kms:*"}]}']) {
      const err = await rejectionOf(east.send(new CreateKeyCommand({ Policy: bad })));
      expect(err.name).toBe('MalformedPolicyDocumentException');
    }
    expect((await east.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  it('finds a key by id, key ARN, alias name and alias ARN, but not from another Region', async () => {
    const key = await east.send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata!.KeyId!;
    await east.send(new CreateAliasCommand({ AliasName: 'alias/pool-key', TargetKeyId: keyId }));
    for (const ref of [keyId, key.KeyMetadata!.Arn!, 'alias/pool-key', 'arn:aws:kms:us-east-1:123456789012:alias/pool-key']) {
      expect((await east.send(new DescribeKeyCommand({ KeyId: ref }))).KeyMetadata?.KeyId).toBe(keyId);
    }
    expect((await rejectionOf(west.send(new DescribeKeyCommand({ KeyId: keyId })))).name).toBe('NotFoundException');
    expect((await rejectionOf(west.send(new DescribeKeyCommand({ KeyId: key.KeyMetadata!.Arn! })))).name).toBe('NotFoundException');
    expect((await rejectionOf(east.send(new DescribeKeyCommand({ KeyId: 'alias/missing' })))).name).toBe('NotFoundException');
  });
});

describe('ReplicateKey', () => {
  it('creates a replica Creating → Enabled after the replica delay, with the same id and its own ARN', async () => {
    const { keyId, replicated } = await primaryWithReplica();
    const replica = replicated.ReplicaKeyMetadata!;
    expect(replica.KeyId).toBe(keyId);
    expect(replica.Arn).toBe(`arn:aws:kms:eu-west-1:123456789012:key/${keyId}`);
    expect(replica).toMatchObject({ KeyState: 'Creating', Enabled: false });

    now += REPLICA_DELAY - 1;
    expect((await west.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe('Creating');
    now += 1;
    const ready = await west.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(ready.KeyMetadata).toMatchObject({ KeyState: 'Enabled', Enabled: true });
  });

  it('shows the same MultiRegionConfiguration from both Regions, each key with its own type', async () => {
    const { keyId, primaryArn } = await primaryWithReplica();
    const fromEast = (await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.MultiRegionConfiguration!;
    const fromWest = (await west.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.MultiRegionConfiguration!;
    const replicaKeys = [{ Arn: `arn:aws:kms:eu-west-1:123456789012:key/${keyId}`, Region: 'eu-west-1' }];
    expect(fromEast).toEqual({ MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: primaryArn, Region: 'us-east-1' }, ReplicaKeys: replicaKeys });
    expect(fromWest).toEqual({ MultiRegionKeyType: 'REPLICA', PrimaryKey: { Arn: primaryArn, Region: 'us-east-1' }, ReplicaKeys: replicaKeys });
  });

  it('gives the replica the default policy, not a copy of the primary one, unless a policy is passed', async () => {
    const { keyId, replicated } = await primaryWithReplica(COGNITO_POLICY);
    expect(JSON.parse(replicated.ReplicaPolicy!).Statement).toHaveLength(1);
    expect((await west.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(replicated.ReplicaPolicy);
    expect((await east.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(COGNITO_POLICY);

    const other = await east.send(new CreateKeyCommand({ MultiRegion: true }));
    const withPolicy = await east.send(
      new ReplicateKeyCommand({ KeyId: other.KeyMetadata!.KeyId!, ReplicaRegion: 'eu-west-1', Policy: COGNITO_POLICY, Tags: [{ TagKey: 'app', TagValue: 'auth' }] }),
    );
    expect(withPolicy.ReplicaPolicy).toBe(COGNITO_POLICY);
    expect(withPolicy.ReplicaTags).toEqual([{ TagKey: 'app', TagValue: 'auth' }]);
  });

  it('refuses a second replica in the same Region with AlreadyExistsException', async () => {
    const { keyId } = await primaryWithReplica();
    const err = await rejectionOf(east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' })));
    expect(err.name).toBe('AlreadyExistsException');
  });

  it('runs only in the primary Region, on a multi-Region primary key', async () => {
    const { keyId } = await primaryWithReplica();
    now += REPLICA_DELAY;
    // From the replica's Region the id names the replica, which cannot be replicated.
    const fromReplica = await rejectionOf(west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'ap-southeast-2' })));
    expect(fromReplica.name).toBe('UnsupportedOperationException');
    // From a Region holding neither key, the key does not exist.
    const elsewhere = sandboxClient(KMSClient, sb, 'us-west-2');
    expect((await rejectionOf(elsewhere.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' })))).name).toBe('NotFoundException');
    elsewhere.destroy();
    const single = await east.send(new CreateKeyCommand({}));
    const notMrk = await rejectionOf(east.send(new ReplicateKeyCommand({ KeyId: single.KeyMetadata!.KeyId!, ReplicaRegion: 'eu-west-1' })));
    expect(notMrk.name).toBe('UnsupportedOperationException');
  });

  it('lets a replica be managed while it is Creating', async () => {
    const { keyId } = await primaryWithReplica();
    await west.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: COGNITO_POLICY }));
    await west.send(new CreateAliasCommand({ AliasName: 'alias/pool-key', TargetKeyId: keyId }));
    await west.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'stage', TagValue: 'prod' }] }));
    expect((await west.send(new DescribeKeyCommand({ KeyId: 'alias/pool-key' }))).KeyMetadata?.KeyState).toBe('Creating');
    expect((await west.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(COGNITO_POLICY);
  });
});

describe('key policies', () => {
  it('replaces the policy with PutKeyPolicy, checks it, and knows only the "default" policy name', async () => {
    const key = await east.send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata!.KeyId!;
    await east.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: COGNITO_POLICY }));
    expect((await east.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy).toBe(COGNITO_POLICY);
    expect((await rejectionOf(east.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: '{"Statement":[]}' })))).name).toBe('MalformedPolicyDocumentException');
    expect((await east.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(COGNITO_POLICY);
    expect((await east.send(new ListKeyPoliciesCommand({ KeyId: keyId }))).PolicyNames).toEqual(['default']);
    expect((await rejectionOf(east.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'other' })))).name).toBe('NotFoundException');
  });
});

describe('aliases', () => {
  it('are per Region: the same name in each Region, each listed only in its own', async () => {
    const { keyId } = await primaryWithReplica();
    await east.send(new CreateAliasCommand({ AliasName: 'alias/cognito', TargetKeyId: keyId }));
    await west.send(new CreateAliasCommand({ AliasName: 'alias/cognito', TargetKeyId: `arn:aws:kms:eu-west-1:123456789012:key/${keyId}` }));
    const eastAliases = (await east.send(new ListAliasesCommand({}))).Aliases!;
    const westAliases = (await west.send(new ListAliasesCommand({ KeyId: keyId }))).Aliases!;
    expect(eastAliases.map((a) => a.AliasArn)).toEqual(['arn:aws:kms:us-east-1:123456789012:alias/cognito']);
    expect(westAliases.map((a) => [a.AliasArn, a.TargetKeyId])).toEqual([['arn:aws:kms:eu-west-1:123456789012:alias/cognito', keyId]]);
  });

  it('refuses duplicates, reserved and malformed names, and aliases of unknown keys', async () => {
    const key = await east.send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata!.KeyId!;
    await east.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyId }));
    expect((await rejectionOf(east.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyId })))).name).toBe('AlreadyExistsException');
    expect((await rejectionOf(east.send(new CreateAliasCommand({ AliasName: 'alias/aws/app', TargetKeyId: keyId })))).name).toBe('InvalidAliasNameException');
    expect((await rejectionOf(east.send(new CreateAliasCommand({ AliasName: 'app', TargetKeyId: keyId })))).name).toBe('InvalidAliasNameException');
    expect((await rejectionOf(east.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: 'mrk-00000000000000000000000000000000' })))).name).toBe('NotFoundException');
  });

  it('moves with UpdateAlias and disappears with DeleteAlias', async () => {
    const first = (await east.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const second = (await east.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await east.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: first }));
    await east.send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: second }));
    expect((await east.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata?.KeyId).toBe(second);
    await east.send(new DeleteAliasCommand({ AliasName: 'alias/app' }));
    expect((await rejectionOf(east.send(new DeleteAliasCommand({ AliasName: 'alias/app' })))).name).toBe('NotFoundException');
    expect((await east.send(new ListAliasesCommand({}))).Aliases).toEqual([]);
  });
});

describe('rotation', () => {
  it('is set on the primary and shared by its replicas; a replica refuses to manage it', async () => {
    const { keyId } = await primaryWithReplica();
    now += REPLICA_DELAY;
    await east.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 180 }));
    const onReplica = await west.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(onReplica).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180 });
    expect(onReplica.NextRotationDate?.getTime()).toBe(now + 180 * DAY);
    expect((await rejectionOf(west.send(new EnableKeyRotationCommand({ KeyId: keyId })))).name).toBe('UnsupportedOperationException');
    await east.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect((await west.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
  });

  it('refuses a disabled key and an out-of-range period', async () => {
    const keyId = (await east.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    expect((await rejectionOf(east.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 30 })))).name).toBe('ValidationException');
    await east.send(new DisableKeyCommand({ KeyId: keyId }));
    expect((await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect((await rejectionOf(east.send(new EnableKeyRotationCommand({ KeyId: keyId })))).name).toBe('DisabledException');
    await east.send(new EnableKeyCommand({ KeyId: keyId }));
    await east.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    expect((await east.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).RotationPeriodInDays).toBe(365);
  });
});

describe('deletion', () => {
  it('keeps a primary with replicas in PendingReplicaDeletion until the last replica is gone', async () => {
    const { keyId } = await primaryWithReplica();
    now += REPLICA_DELAY;
    const scheduled = await east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 10 }));
    expect(scheduled).toMatchObject({ KeyState: 'PendingReplicaDeletion', PendingWindowInDays: 10 });
    expect(scheduled.DeletionDate).toBeUndefined();
    expect((await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ KeyState: 'PendingReplicaDeletion', PendingDeletionWindowInDays: 10 });
    expect((await rejectionOf(east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-west-2' })))).name).toBe('KMSInvalidStateException');

    const replicaGoneAt = now + 7 * DAY;
    const replica = await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(replica).toMatchObject({ KeyState: 'PendingDeletion' });
    expect(replica.DeletionDate?.getTime()).toBe(replicaGoneAt);

    now = replicaGoneAt;
    expect((await rejectionOf(west.send(new DescribeKeyCommand({ KeyId: keyId })))).name).toBe('NotFoundException');
    const primary = (await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(primary.KeyState).toBe('PendingDeletion');
    expect(primary.DeletionDate?.getTime()).toBe(replicaGoneAt + 10 * DAY);
    expect(primary.MultiRegionConfiguration?.ReplicaKeys).toEqual([]);
  });

  it('brings a key back Disabled on CancelKeyDeletion, and forgets it (and its aliases) once deleted', async () => {
    const keyId = (await east.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await east.send(new CreateAliasCommand({ AliasName: 'alias/temp', TargetKeyId: keyId }));
    await east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect((await rejectionOf(east.send(new EnableKeyCommand({ KeyId: keyId })))).name).toBe('KMSInvalidStateException');
    expect((await rejectionOf(east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId })))).name).toBe('KMSInvalidStateException');
    await east.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect((await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe('Disabled');
    expect((await rejectionOf(east.send(new CancelKeyDeletionCommand({ KeyId: keyId })))).name).toBe('KMSInvalidStateException');

    await east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    now += 7 * DAY;
    expect((await rejectionOf(east.send(new DescribeKeyCommand({ KeyId: keyId })))).name).toBe('NotFoundException');
    expect((await east.send(new ListKeysCommand({}))).Keys).toEqual([]);
    expect((await east.send(new ListAliasesCommand({}))).Aliases).toEqual([]);
  });

  it('checks the waiting period (7–30 days)', async () => {
    const keyId = (await east.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    expect((await rejectionOf(east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 3 })))).name).toBe('ValidationException');
  });
});

describe('tags and listing', () => {
  it('tags, untags and lists tags; reserved keys are a TagException', async () => {
    const keyId = (await east.send(new CreateKeyCommand({ Tags: [{ TagKey: 'app', TagValue: 'auth' }] }))).KeyMetadata!.KeyId!;
    await east.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'app', TagValue: 'login' }, { TagKey: 'team', TagValue: 'id' }] }));
    expect((await east.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([
      { TagKey: 'app', TagValue: 'login' },
      { TagKey: 'team', TagValue: 'id' },
    ]);
    await east.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['app'] }));
    expect((await east.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'team', TagValue: 'id' }]);
    expect((await rejectionOf(east.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })))).name).toBe('TagException');
  });

  it('pages ListKeys with Limit and Marker', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await east.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!);
      now += 1;
    }
    const first = await east.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Truncated).toBe(true);
    const second = await east.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(second.Truncated).toBe(false);
    expect([...first.Keys!, ...second.Keys!].map((k) => k.KeyId)).toEqual(ids);
    expect((await rejectionOf(east.send(new ListKeysCommand({ Marker: 'garbage' })))).name).toBe('InvalidMarkerException');
  });
});

describe('the wire', () => {
  it('throttles with KMS own error (ThrottlingException, 400) and logs the refused write', async () => {
    sb.world.addFault({ service: 'kms', region: 'us-east-1', kind: 'throttle' });
    const err = await rejectionOf(east.send(new CreateKeyCommand({})));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(sb.calls().at(-1)).toMatchObject({ service: 'kms', operation: 'CreateKey', error: 'ThrottlingException', write: true });
    // The other Region is not throttled.
    expect((await west.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });
});
