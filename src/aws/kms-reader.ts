/** The SDK v3 adapter for the KMS read port. */
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import type { AliasEntry, KeyMetadata, KmsReader } from '../core/ports/kms.js';
import type { AwsClients } from './clients.js';
import { notFoundAsUndefined, plain } from './plain.js';

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
}
