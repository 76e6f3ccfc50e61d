/**
 * Brings a seeded world to a phase through the SDK directly (not through mrrctl's own commands), so
 * a test of one phase does not depend on the code of another: phases 1–2 done (multi-Region key
 * replicated, pool on it, issuer UPDATED), optionally the replica created and activated.
 */
import { CognitoIdentityProviderClient, CreateUserPoolReplicaCommand, DescribeUserPoolCommand, ListUserPoolReplicasCommand, UpdateUserPoolCommand, UpdateUserPoolReplicaCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { updateUserPoolInput } from '../../src/core/cognito/update-pool.js';
import type { UserPool } from '../../src/core/ports/cognito.js';
import { awsClientConfig } from './sandbox.js';
import type { SeededWorld } from './seeded.js';
import { waitFor } from './wait-for.js';

const COGNITO_STATEMENT = {
  Sid: 'AllowCognito',
  Effect: 'Allow',
  Principal: { Service: 'cognito-idp.amazonaws.com' },
  Action: ['kms:CreateGrant', 'kms:DescribeKey'],
  Resource: '*',
};

/** Re-reads until `ok`; the world's pause moves its virtual clock when it has one. */
function until<T>(w: SeededWorld, read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  return waitFor(read, ok, { what, pause: () => w.pause(25) });
}

export async function setUpKeyAndIssuer(w: SeededWorld): Promise<{ keyArn: string }> {
  const { primaryRegion: p, secondaryRegion: s, userPoolId } = w.summary;
  const kmsP = new KMSClient(awsClientConfig(w.sb, p));
  const kmsS = new KMSClient(awsClientConfig(w.sb, s));
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }, COGNITO_STATEMENT],
  });
  const key = await kmsP.send(new CreateKeyCommand({ MultiRegion: true, Policy: policy }));
  const keyId = key.KeyMetadata!.KeyId!;
  await kmsP.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: s, Policy: policy }));
  await until(w, () => kmsS.send(new DescribeKeyCommand({ KeyId: keyId })), (k) => k.KeyMetadata?.KeyState === 'Enabled', 'the replica key');
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, p));
  const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool as unknown as UserPool;
  const keyArn = key.KeyMetadata!.Arn!;
  await cognito.send(
    new UpdateUserPoolCommand(
      updateUserPoolInput(pool, { KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: keyArn }, IssuerConfiguration: { Type: 'UPDATED' } }) as never,
    ),
  );
  return { keyArn };
}

export async function replicaStatus(w: SeededWorld): Promise<string | undefined> {
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, w.summary.primaryRegion));
  const r = await cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: w.summary.userPoolId }));
  return r.UserPoolReplicas?.find((x) => x.Role === 'SECONDARY')?.Status;
}

export async function setUpReplica(w: SeededWorld, opts: { activate: boolean }): Promise<void> {
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, w.summary.primaryRegion));
  await cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId: w.summary.userPoolId, RegionName: w.summary.secondaryRegion }));
  await until(w, () => replicaStatus(w), (s) => s === 'INACTIVE', 'the replica to be INACTIVE');
  if (opts.activate) {
    await cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId: w.summary.userPoolId, RegionName: w.summary.secondaryRegion, Status: 'ACTIVE' }));
    await until(w, () => replicaStatus(w), (s) => s === 'ACTIVE', 'the replica to be ACTIVE');
  }
}
