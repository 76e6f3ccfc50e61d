/** The SDK v3 adapter for the KMS read port. */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { AliasEntry, KeyMetadata, KmsReader } from '../core/ports/kms.js';
import type { AwsClients } from './clients.js';
import { notFoundAsUndefined, plain } from './plain.js';
import { POOL_TAG_KEY } from '../core/keys/key-facts.js';

/** How many keys findKeysTaggedForPool looks at in one Region, at most (one ListResourceTags call each). */
const MAX_KEYS_SCANNED = 1000;
/** Keys whose tags this caller may not read (AWS managed keys, keys of other principals) are passed over. */
const UNREADABLE_TAGS = new Set(['AccessDeniedException', 'NotFoundException', 'KMSInvalidStateException']);

export class SdkKmsReader implements KmsReader {
  constructor(private readonly clients: AwsClients) {}

  async describeKey(region: string, keyId: string): Promise<KeyMetadata | undefined> {
    const client = await this.clients.kms(region);
    return notFoundAsUndefined(async () => plain((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata) as KeyMetadata);
  }

  async getKeyPolicy(region: string, keyId: string): Promise<string | undefined> {
    const client = await this.clients.kms(region);
    return notFoundAsUndefined(async () => (await client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy);
  }

  async getRotationEnabled(region: string, keyId: string): Promise<boolean | undefined> {
    const client = await this.clients.kms(region);
    return notFoundAsUndefined(async () => Boolean((await client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled));
  }

  async findAlias(region: string, aliasName: string): Promise<AliasEntry | undefined> {
    const client = await this.clients.kms(region);
    let marker: string | undefined;
    do {
      const page = await client.send(new ListAliasesCommand({ Marker: marker, Limit: 100 }));
      const hit = page.Aliases?.find((a) => a.AliasName === aliasName);
      if (hit) return { AliasName: hit.AliasName ?? aliasName, AliasArn: hit.AliasArn, TargetKeyId: hit.TargetKeyId };
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    return undefined;
  }

  async findKeysTaggedForPool(region: string, userPoolId: string): Promise<KeyMetadata[]> {
    const client = await this.clients.kms(region);
    const found: KeyMetadata[] = [];
    let scanned = 0;
    let marker: string | undefined;
    do {
      const page = await client.send(new ListKeysCommand({ Marker: marker, Limit: 100 }));
      for (const entry of page.Keys ?? []) {
        if (scanned++ >= MAX_KEYS_SCANNED || !entry.KeyId) continue;
        if (await this.isTaggedFor(client, entry.KeyId, userPoolId)) {
          const metadata = await this.describeKey(region, entry.KeyId);
          if (metadata) found.push(metadata);
        }
      }
      marker = page.Truncated && scanned < MAX_KEYS_SCANNED ? page.NextMarker : undefined;
    } while (marker);
    return found;
  }

  private async isTaggedFor(client: KMSClient, keyId: string, userPoolId: string): Promise<boolean> {
    let marker: string | undefined;
    try {
      do {
        const page = await client.send(new ListResourceTagsCommand({ KeyId: keyId, Marker: marker, Limit: 50 }));
        if (page.Tags?.some((t) => t.TagKey === POOL_TAG_KEY && t.TagValue === userPoolId)) return true;
        marker = page.Truncated ? page.NextMarker : undefined;
      } while (marker);
    } catch (err) {
      if (UNREADABLE_TAGS.has((err as { name?: string }).name ?? '')) return false;
      throw err;
    }
    return false;
  }
}
