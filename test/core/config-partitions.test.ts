import { describe, expect, it } from 'vitest';
import { REPLICATION_REGIONS, arnParts, isMrrRegion, partitionOfRegion } from '../../src/core/config/regions.js';

describe('partitions', () => {
  it.each([
    ['us-east-1', 'aws'], ['eu-west-1', 'aws'], ['us-gov-west-1', 'aws-us-gov'], ['cn-north-1', 'aws-cn'],
    ['us-iso-east-1', 'aws-iso'], ['us-isob-east-1', 'aws-iso-b'], ['eu-isoe-west-1', 'aws-iso-e'], ['eusc-de-east-1', 'aws-eusc'],
  ])('%s is in %s', (region, partition) => expect(partitionOfRegion(region)).toBe(partition));

  it('lists the 16 launch Regions of MRR, all commercial, with a source and a confidence', () => {
    expect(REPLICATION_REGIONS.regions).toHaveLength(16);
    expect(REPLICATION_REGIONS.regions.every((r) => partitionOfRegion(r) === 'aws')).toBe(true);
    expect(isMrrRegion('ap-northeast-3')).toBe(false);
    expect(isMrrRegion('eu-north-1')).toBe(true);
    expect(REPLICATION_REGIONS.confidence).toBe('3P');
  });

  it('reads the partition and Region of an ARN', () => {
    expect(arnParts('arn:aws-cn:kms:cn-north-1:123456789012:key/x')).toEqual({ partition: 'aws-cn', region: 'cn-north-1' });
    expect(arnParts('alias/x')).toBeUndefined();
  });
});
