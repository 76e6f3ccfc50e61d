/**
 * The KMS model's in-process surface: `lookupKey` (what the Cognito model reads) and snapshot /
 * restore. Called directly with a hand-built CallContext, as the server would call it.
 */
import { describe, expect, it } from 'vitest';
import { KmsModel } from '../../src/sandbox/kms/model.js';
import type { CallContext } from '../../src/sandbox/types.js';

function context(region: string, now: number): CallContext {
  return {
    region,
    accountId: '123456789012',
    now,
    settings: { accountId: '123456789012', replicaDelayMs: 1_000, dnsDelayMs: 0, syncDelayMs: 0, latencyMs: 0, quotas: { enabled: false, scale: 1 } },
    isRegionDown: () => false,
    outageHistory: () => [],
  };
}

const T0 = Date.UTC(2025, 0, 1);

function mrkWithReplica(kms: KmsModel) {
  const keyId: string = kms.handle('CreateKey', { MultiRegion: true }, context('us-east-1', T0)).KeyMetadata.KeyId;
  kms.handle('ReplicateKey', { KeyId: keyId, ReplicaRegion: 'eu-west-1' }, context('us-east-1', T0));
  kms.handle('CreateAlias', { AliasName: 'alias/pool', TargetKeyId: keyId }, context('eu-west-1', T0));
  return keyId;
}

describe('KmsModel.lookupKey', () => {
  it('describes a replica as the replica Region sees it, Creating until the delay has passed', () => {
    const kms = new KmsModel();
    const keyId = mrkWithReplica(kms);
    const arn = `arn:aws:kms:eu-west-1:123456789012:key/${keyId}`;
    expect(kms.lookupKey(arn, 'eu-west-1', T0)).toEqual({
      arn,
      keyId,
      region: 'eu-west-1',
      multiRegion: true,
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      keyState: 'Creating',
      enabled: false,
      primaryRegion: 'us-east-1',
      replicaRegions: ['eu-west-1'],
      // The replica's own policy: KMS's default (ReplicateKey without Policy), not the primary's.
      policy: expect.stringContaining('"Id": "key-default-1"'),
    });
    expect(kms.lookupKey('alias/pool', 'eu-west-1', T0 + 1_000)).toMatchObject({ keyState: 'Enabled', enabled: true });
  });

  it('finds nothing for another Region, an unknown key, or an ARN naming a different Region', () => {
    const kms = new KmsModel();
    const keyId = mrkWithReplica(kms);
    expect(kms.lookupKey(keyId, 'ap-southeast-2', T0)).toBeUndefined();
    expect(kms.lookupKey('mrk-00000000000000000000000000000000', 'us-east-1', T0)).toBeUndefined();
    expect(kms.lookupKey(`arn:aws:kms:us-east-1:123456789012:key/${keyId}`, 'eu-west-1', T0)).toBeUndefined();
    expect(kms.lookupKey(keyId, 'us-east-1', T0)).toMatchObject({ region: 'us-east-1', replicaRegions: ['eu-west-1'] });
  });

  it('answers undefined for a malformed ARN, where DescribeKey answers InvalidArnException', () => {
    const kms = new KmsModel();
    expect(kms.lookupKey('arn:aws:kms:us-east-1', 'us-east-1', T0)).toBeUndefined();
    expect(() => kms.handle('DescribeKey', { KeyId: 'arn:aws:kms:us-east-1' }, context('us-east-1', T0))).toThrow(
      expect.objectContaining({ code: 'InvalidArnException' }),
    );
  });

  it('reports a single-Region key without primary or replicas', () => {
    const kms = new KmsModel();
    const keyId: string = kms.handle('CreateKey', {}, context('us-east-1', T0)).KeyMetadata.KeyId;
    const view = kms.lookupKey(keyId, 'us-east-1', T0);
    expect(view).toMatchObject({ multiRegion: false, replicaRegions: [], keyState: 'Enabled' });
    expect(view).not.toHaveProperty('primaryRegion');
  });
});

describe('KmsModel persistence', () => {
  it('restores keys, aliases and pending timings from a snapshot', () => {
    const kms = new KmsModel();
    const keyId = mrkWithReplica(kms);
    const snapshot = JSON.parse(JSON.stringify(kms.snapshot()));
    const restored = new KmsModel();
    restored.restore(snapshot);
    expect(restored.lookupKey('alias/pool', 'eu-west-1', T0)).toMatchObject({ keyId, keyState: 'Creating' });
    expect(restored.lookupKey('alias/pool', 'eu-west-1', T0 + 1_000)?.keyState).toBe('Enabled');
    restored.restore(null);
    expect(restored.lookupKey(keyId, 'us-east-1', T0)).toBeUndefined();
  });

  it('answers an unknown operation with UnknownOperationException', () => {
    expect(() => new KmsModel().handle('Encrypt', {}, context('us-east-1', T0))).toThrow(expect.objectContaining({ code: 'UnknownOperationException' }));
  });
});
