/** The read port for AWS KMS, in plain data. "Not found" is `undefined`. */
import type { JsonObject } from '../plan/types.js';

/** DescribeKey's KeyMetadata, as AWS returns it. */
export type KeyMetadata = JsonObject & {
  KeyId: string;
  Arn?: string;
  Enabled?: boolean;
  KeyState?: string;
  KeySpec?: string;
  KeyUsage?: string;
  KeyManager?: 'AWS' | 'CUSTOMER';
  MultiRegion?: boolean;
  MultiRegionConfiguration?: {
    MultiRegionKeyType?: 'PRIMARY' | 'REPLICA';
    PrimaryKey?: { Arn?: string; Region?: string };
    ReplicaKeys?: Array<{ Arn?: string; Region?: string }>;
  };
};

export interface AliasEntry {
  AliasName: string;
  AliasArn?: string;
  TargetKeyId?: string;
}

export interface KmsReader {
  /** By key id, key ARN, alias name or alias ARN. */
  describeKey(region: string, keyId: string): Promise<KeyMetadata | undefined>;
  getKeyPolicy(region: string, keyId: string): Promise<string | undefined>;
  getRotationEnabled(region: string, keyId: string): Promise<boolean | undefined>;
  findAlias(region: string, aliasName: string): Promise<AliasEntry | undefined>;
  /**
   * Keys in `region` tagged `mrrctl:user-pool-id` = `userPoolId` (ListKeys + ListResourceTags, then
   * DescribeKey for each match). Bounded: scans at most the first 1000 keys of the Region.
   */
  findKeysTaggedForPool(region: string, userPoolId: string): Promise<KeyMetadata[]>;
}
