/**
 * The issuer commands once a replica serves the pool: with UPDATED both Regions show the same issuer
 * and the secondary is probed too; with ORIGINAL each Region has its own, and a JWKS outage in the
 * secondary alone is a finding. The replica is built with the SDK directly (key, key replica,
 * KeyConfiguration, CreateUserPoolReplica) so this test depends only on the sandbox.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolReplicaCommand,
  DescribeUserPoolCommand,
  ListUserPoolReplicasCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUserPoolInput } from '../../src/core/cognito/update-pool.js';
import type { UserPool } from '../../src/core/ports/cognito.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';
import { COGNITO_USABLE_POLICY } from '../sandbox/kms-fixtures.js';

let world: SeededWorld;
let poolId: string;

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the sandbox did not reach the expected state in time');
}

beforeAll(async () => {
  world = await seededWorld();
  poolId = world.summary.userPoolId;
  const kms = new KMSClient(awsClientConfig(world.sb, 'us-east-1'));
  const kmsSecondary = new KMSClient(awsClientConfig(world.sb, 'eu-west-1'));
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(world.sb, 'us-east-1'));
  try {
    // Each key policy must let Cognito use the key (the sandbox refuses KeyConfiguration otherwise).
    const key = await kms.send(new CreateKeyCommand({ MultiRegion: true, Description: 'issuer e2e', Policy: COGNITO_USABLE_POLICY }));
    const keyId = key.KeyMetadata!.KeyId!;
    await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1', Policy: COGNITO_USABLE_POLICY }));
    await until(() => kmsSecondary.send(new DescribeKeyCommand({ KeyId: keyId })), (d) => d.KeyMetadata?.KeyState === 'Enabled');
    const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool as unknown as UserPool;
    const input = updateUserPoolInput(JSON.parse(JSON.stringify(pool)), { KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.KeyMetadata!.Arn } });
    await cognito.send(new UpdateUserPoolCommand(input as never));
    await cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' } as never));
    await until(
      () => cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId } as never)),
      (r) => (r as { UserPoolReplicas?: Array<{ RegionName?: string; Status?: string }> }).UserPoolReplicas?.some((x) => x.RegionName === 'eu-west-1' && x.Status === 'INACTIVE') === true,
    );
  } finally {
    kms.destroy();
    kmsSecondary.destroy();
    cognito.destroy();
  }
});

afterAll(async () => {
  await world?.stop();
});

const updated = () => `https://issuer-cognito-idp.us-east-1.amazonaws.com/${poolId}`;
const original = (region: string) => `https://cognito-idp.${region}.amazonaws.com/${poolId}`;

describe('issuer commands with a replica', () => {
  it('ORIGINAL: each Region has its own issuer and both are probed', async () => {
    const r = await world.run(['issuer', 'status', '--output', 'json']);
    expect(r.code, r.stdout).toBe(0);
    const [primary, secondary] = r.json().data.regions;
    expect(primary).toMatchObject({ issuer: original('us-east-1'), hosted: true, jwks: { ok: true } });
    expect(secondary).toMatchObject({ issuer: original('eu-west-1'), hosted: true, replicaStatus: 'INACTIVE', jwks: { ok: true } });
    expect(secondary.discovery.issuer).toBe(original('eu-west-1'));
  });

  it('the impact report lists the old issuer of both Regions and the one new issuer', async () => {
    const r = await world.run(['issuer', 'switch', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`old issuer (us-east-1): ${original('us-east-1')}`);
    expect(r.stdout).toContain(`old issuer (eu-west-1): ${original('eu-west-1')}`);
    expect(r.stdout).toContain(`new issuer (us-east-1, eu-west-1): ${updated()}`);
  });

  it('switch to UPDATED, then both Regions show the same issuer, and it survives a primary outage', async () => {
    const since = world.lastSeq();
    const r = await world.run(['issuer', 'switch', '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(world.writesSince(since).map((c) => `${c.region} ${c.operation}`)).toEqual(['us-east-1 UpdateUserPool']);
    // The replica receives the issuer change through replication (sync delay).
    const status = await until(
      () => world.run(['issuer', 'status', '--output', 'json']),
      (s) => s.code === 0 && s.json().data.regions.every((x: { discovery?: { ok: boolean } }) => x.discovery?.ok),
    );
    const regions = status.json().data.regions;
    expect(regions.map((x: { issuer: string }) => x.issuer)).toEqual([updated(), updated()]);

    await sandboxAdmin(world.sb, 'POST', 'faults', { region: 'us-east-1', service: 'oidc', kind: 'outage' });
    try {
      const during = await world.run(['issuer', 'status']);
      expect(during.code, during.stdout).toBe(0);
    } finally {
      await sandboxAdmin(world.sb, 'DELETE', 'faults');
    }
  });

  it('--to ORIGINAL notes that the secondary gets its own issuer; a JWKS outage there alone is exit 3', async () => {
    const dry = await world.run(['issuer', 'switch', '--to', 'ORIGINAL', '--dry-run']);
    expect(dry.stdout).toContain('A secondary serves this pool (eu-west-1)');
    const r = await world.run(['issuer', 'switch', '--to', 'ORIGINAL', '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`✓ discovery ${original('eu-west-1')}/.well-known/openid-configuration answers`);

    await sandboxAdmin(world.sb, 'POST', 'faults', { region: 'eu-west-1', service: 'oidc', kind: 'outage' });
    try {
      const during = await world.run(['issuer', 'status', '--output', 'json']);
      expect(during.code).toBe(3);
      const [primary, secondary] = during.json().data.regions;
      expect(primary.jwks.ok).toBe(true);
      expect(secondary.jwks.ok).toBe(false);
    } finally {
      await sandboxAdmin(world.sb, 'DELETE', 'faults');
    }
  });
});
