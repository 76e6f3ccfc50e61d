/**
 * KMS set-up the Cognito tests share: a pool that replicates needs a multi-Region key replicated
 * (and Enabled) in every Region it will live in, each with a key policy that lets Cognito use it.
 */
import { CreateKeyCommand, ReplicateKeyCommand, type KeyMetadata, type KMSClient } from '@aws-sdk/client-kms';

/** A key policy that lets the account administer the key and Cognito use it (written out, not built by mrrctl's code). */
export const COGNITO_USABLE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' },
    { Sid: 'Cognito', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: ['kms:CreateGrant', 'kms:DescribeKey'], Resource: '*' },
  ],
});

/**
 * A multi-Region key in the client's Region, replicated to `replicaRegions`; then the hand-driven
 * clock moves `settleMs` so the replicas leave Creating (the sandbox's replicaDelayMs). Every key
 * gets `policy` (default: one Cognito may use).
 */
export async function multiRegionKey(
  kms: KMSClient,
  replicaRegions: string[],
  settle: { clock: { advance(ms: number): void }; ms: number },
  policy: string = COGNITO_USABLE_POLICY,
): Promise<KeyMetadata> {
  const key = (await kms.send(new CreateKeyCommand({ MultiRegion: true, Policy: policy }))).KeyMetadata!;
  for (const region of replicaRegions) await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: region, Policy: policy }));
  settle.clock.advance(settle.ms);
  return key;
}
