/**
 * KMS set-up the Cognito tests share: a pool that replicates needs a multi-Region key replicated
 * (and Enabled) in every Region it will live in.
 */
import { CreateKeyCommand, ReplicateKeyCommand, type KeyMetadata, type KMSClient } from '@aws-sdk/client-kms';

/**
 * A multi-Region key in the client's Region, replicated to `replicaRegions`; then the hand-driven
 * clock moves `settleMs` so the replicas leave Creating (the sandbox's replicaDelayMs).
 */
export async function multiRegionKey(
  kms: KMSClient,
  replicaRegions: string[],
  settle: { clock: { advance(ms: number): void }; ms: number },
): Promise<KeyMetadata> {
  const key = (await kms.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
  for (const region of replicaRegions) await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: region }));
  settle.clock.advance(settle.ms);
  return key;
}
