/** Observations for the pure key planner and checks, built from realistic AWS shapes. */
import type { UserPool } from '../../../src/core/ports/cognito.js';
import type { KeyMetadata } from '../../../src/core/ports/kms.js';
import { newKeyPolicy } from '../../../src/core/keys/policy.js';
import type { KeySetupObservation, ObservedKey } from '../../../src/core/keys/read.js';
import type { KeyChoice } from '../../../src/core/keys/select.js';

export const ACCOUNT = { partition: 'aws', accountId: '111122223333' };
export const TOPOLOGY = { userPoolId: 'us-east-1_Demo1234', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };
export const ALIAS = 'alias/cognito-mrr';
export const MRK_ID = 'mrk-1234abcd12ab34cd56ef1234567890ab';
export const arnIn = (region: string, keyId = MRK_ID) => `arn:aws:kms:${region}:111122223333:key/${keyId}`;

export function pool(overrides: Partial<UserPool> = {}): UserPool {
  return {
    Id: TOPOLOGY.userPoolId,
    Name: 'demo-users',
    Arn: `arn:aws:cognito-idp:us-east-1:111122223333:userpool/${TOPOLOGY.userPoolId}`,
    UserPoolTier: 'ESSENTIALS',
    KeyConfiguration: { KeyType: 'AWS_OWNED_KEY' },
    MfaConfiguration: 'OPTIONAL',
    LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:111122223333:function:pre-sign-up' },
    EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:111122223333:identity/example.com' },
    ...overrides,
  };
}

export function keyMeta(overrides: Partial<KeyMetadata> = {}, region = 'us-east-1'): KeyMetadata {
  const primary = region === 'us-east-1';
  return {
    KeyId: MRK_ID,
    Arn: arnIn(region),
    Enabled: true,
    KeyState: 'Enabled',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyManager: 'CUSTOMER',
    MultiRegion: true,
    CreationDate: '2025-01-01T00:00:00.000Z',
    MultiRegionConfiguration: {
      MultiRegionKeyType: primary ? 'PRIMARY' : 'REPLICA',
      PrimaryKey: { Arn: arnIn('us-east-1'), Region: 'us-east-1' },
      ReplicaKeys: [{ Arn: arnIn('eu-west-1'), Region: 'eu-west-1' }],
    },
    ...overrides,
  };
}

/** A complete, correct key: both Regions Enabled, mrrctl's policy on both, rotation on. */
export function fullKey(overrides: Partial<ObservedKey> = {}): ObservedKey {
  return {
    primary: keyMeta(),
    primaryPolicy: newKeyPolicy(ACCOUNT),
    rotation: true,
    replica: keyMeta({}, 'eu-west-1'),
    replicaPolicy: newKeyPolicy(ACCOUNT),
    ...overrides,
  };
}

export function observation(overrides: Partial<KeySetupObservation> = {}): KeySetupObservation {
  const choice: KeyChoice = overrides.key ? { source: 'pool', key: overrides.key.primary, notes: [] } : { source: 'new', notes: [] };
  return {
    topology: TOPOLOGY,
    aliasName: ALIAS,
    account: ACCOUNT,
    pool: pool(),
    poolReplicaRegions: [],
    aliases: {},
    choice,
    ...overrides,
  };
}

export const bothAliases = {
  primary: { AliasName: ALIAS, TargetKeyId: MRK_ID },
  secondary: { AliasName: ALIAS, TargetKeyId: MRK_ID },
};

export const poolOnKey = () => pool({ KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: arnIn('us-east-1') } });
