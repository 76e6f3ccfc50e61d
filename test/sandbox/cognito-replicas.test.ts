/**
 * The four replica operations through the real SDK over HTTP, against the real KMS model: every
 * precondition error by name, and the CREATING → INACTIVE ⇄ ACTIVE → DELETING → gone state machine
 * on a manual clock (no sleeping).
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolReplicaCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolReplicaCommand,
  DescribeUserPoolCommand,
  ListUserPoolReplicasCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolReplicaCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateKeyCommand, KMSClient, PutKeyPolicyCommand, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { manualSandboxClock, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { COGNITO_USABLE_POLICY, multiRegionKey } from './kms-fixtures.js';

const PRIMARY = 'us-east-1';
const SECONDARY = 'us-west-2';
const REPLICA_DELAY = 1_000;
const clock = manualSandboxClock();
let sb: SandboxHandle;
const idp = (region = PRIMARY) => sandboxClient(CognitoIdentityProviderClient, sb, region);
const kms = (region = PRIMARY) => sandboxClient(KMSClient, sb, region);

beforeAll(async () => {
  sb = await startTestSandbox({ replicaDelayMs: REPLICA_DELAY, syncDelayMs: 0 }, { clock });
});
afterAll(() => sb.stop());

/** The ARN of a multi-Region key in the primary, replicated (and Enabled) in `replicaRegions`. */
async function replicatedKeyArn(...replicaRegions: string[]): Promise<string> {
  return (await multiRegionKey(kms(), replicaRegions, { clock, ms: REPLICA_DELAY + 1 })).Arn!;
}

async function pool(input: Record<string, unknown>): Promise<string> {
  return (await idp().send(new CreateUserPoolCommand({ PoolName: 'mrr', ...input }))).UserPool!.Id!;
}

const cmk = (arn: string) => ({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY' as const, KmsKeyArn: arn } });
const replicate = (id: string, region = SECONDARY, from = PRIMARY) =>
  idp(from).send(new CreateUserPoolReplicaCommand({ UserPoolId: id, RegionName: region }));
const replicas = async (id: string, region = PRIMARY) => (await idp(region).send(new ListUserPoolReplicasCommand({ UserPoolId: id }))).UserPoolReplicas!;

describe('CreateUserPoolReplica preconditions', () => {
  it('needs a customer managed key', async () => {
    const id = await pool({});
    await expect(replicate(id)).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/customer managed/) });
  });

  it('needs a multi-Region key', async () => {
    const single = (await kms().send(new CreateKeyCommand({ Policy: COGNITO_USABLE_POLICY }))).KeyMetadata!.Arn!;
    const id = await pool(cmk(single));
    await expect(replicate(id)).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/single-Region key/) });
  });

  it("needs the replica key's own policy to let Cognito use it (ReplicateKey without Policy gets KMS's default)", async () => {
    const key = (await kms().send(new CreateKeyCommand({ MultiRegion: true, Policy: COGNITO_USABLE_POLICY }))).KeyMetadata!;
    await kms().send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: SECONDARY }));
    clock.advance(REPLICA_DELAY + 1);
    const id = await pool(cmk(key.Arn!));
    const err = await replicate(id).catch((e) => e);
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toContain(`cannot use the KMS key arn:aws:kms:${SECONDARY}:123456789012:key/${key.KeyId} in ${SECONDARY}`);
    expect(await replicas(id)).toHaveLength(1);
    await kms(SECONDARY).send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: COGNITO_USABLE_POLICY }));
    await expect(replicate(id)).resolves.toMatchObject({ UserPoolReplica: { RegionName: SECONDARY, Status: 'CREATING' } });
  });

  it('needs the key replicated to the target Region', async () => {
    const id = await pool(cmk(await replicatedKeyArn()));
    await expect(replicate(id)).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/no replica in us-west-2/) });
  });

  it('is unavailable on the LITE plan', async () => {
    const id = await pool({ ...cmk(await replicatedKeyArn(SECONDARY)), UserPoolTier: 'LITE' });
    await expect(replicate(id)).rejects.toMatchObject({ name: 'FeatureUnavailableInTierException' });
  });

  it('refuses the primary Region and a Region that does not exist', async () => {
    const id = await pool(cmk(await replicatedKeyArn(SECONDARY)));
    await expect(replicate(id, PRIMARY)).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/primary Region/) });
    await expect(replicate(id, 'us-east-9')).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/not a valid AWS Region/) });
  });
});

describe('the replica lifecycle', () => {
  let id: string;
  beforeAll(async () => {
    id = await pool(cmk(await replicatedKeyArn(SECONDARY, 'eu-west-1')));
  });

  it('is CREATING, invisible in its Region, then INACTIVE after the replica delay', async () => {
    const created = (await replicate(id)).UserPoolReplica!;
    expect(created).toEqual({
      RegionName: SECONDARY,
      Status: 'CREATING',
      Role: 'SECONDARY',
      UserPoolArn: `arn:aws:cognito-idp:${SECONDARY}:${sb.world.settings.accountId}:userpool/${id}`,
    });
    await expect(idp(SECONDARY).send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(idp(SECONDARY).send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'ACTIVE' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'ACTIVE' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    clock.advance(REPLICA_DELAY);
    const listed = await replicas(id);
    expect(listed.map((r) => [r.RegionName, r.Role, r.Status])).toEqual([
      [PRIMARY, 'PRIMARY', 'ACTIVE'],
      [SECONDARY, 'SECONDARY', 'INACTIVE'],
    ]);
    expect(await replicas(id, SECONDARY)).toEqual(listed);
    const secondary = (await idp(SECONDARY).send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
    expect(secondary.Id).toBe(id);
    expect(secondary.Arn).toBe(listed[1].UserPoolArn);
    const inList = (await idp().send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.find((p) => p.Id === id)!;
    expect(inList.ReplicaRegions).toEqual([SECONDARY]);
  });

  it('allows one secondary only, created from the primary only', async () => {
    await expect(replicate(id, 'eu-west-1')).rejects.toMatchObject({ name: 'LimitExceededException' });
    await expect(replicate(id, 'eu-west-1', SECONDARY)).rejects.toMatchObject({ name: 'OperationNotEnabledException' });
  });

  it('activates from the secondary and deactivates from the primary', async () => {
    const active = await idp(SECONDARY).send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'ACTIVE' }));
    expect(active.UserPoolReplica!.Status).toBe('ACTIVE');
    await expect(idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: PRIMARY, Status: 'INACTIVE' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: 'eu-west-1', Status: 'ACTIVE' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'PAUSED' as never }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('keeps the key and the pool while replicated', async () => {
    await expect(idp().send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    // Omitting KeyConfiguration would reset it to the AWS owned key: refused while a replica depends on it.
    await expect(idp().send(new UpdateUserPoolCommand({ UserPoolId: id, PoolName: 'mrr' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/KeyConfiguration cannot change/),
    });
  });

  it('deletes only an INACTIVE replica, only from the primary, through DELETING', async () => {
    await expect(idp().send(new DeleteUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/only an INACTIVE replica/),
    });
    await idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'INACTIVE' }));
    await expect(idp(SECONDARY).send(new DeleteUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY }))).rejects.toMatchObject({
      name: 'OperationNotEnabledException',
    });
    const deleting = await idp().send(new DeleteUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY }));
    expect(deleting.UserPoolReplica!.Status).toBe('DELETING');
    expect((await replicas(id)).map((r) => r.Status)).toEqual(['ACTIVE', 'DELETING']);
    await expect(idp(SECONDARY).send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    clock.advance(REPLICA_DELAY);
    expect((await replicas(id)).map((r) => r.RegionName)).toEqual([PRIMARY]);
    // Gone for good: a new replica may be created elsewhere.
    expect((await replicate(id, 'eu-west-1')).UserPoolReplica!.Status).toBe('CREATING');
  });
});
