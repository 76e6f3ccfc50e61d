/**
 * What the Cognito model needs from the KMS model, as a narrow port: the real KmsModel satisfies it
 * (its `KmsKeyView` has these fields and more), and unit tests pass a small fake.
 */
import type { CallContext, JsonObject } from '../types.js';
import type { PoolRecord } from './state.js';
import { policyGrantsService } from '../kms/key-policy.js';
import { invalidParameter } from './validation.js';

/** Only what Cognito's checks read of a key: which key, where it may replicate, and whether it can encrypt. */
export interface KeyView {
  keyId: string;
  multiRegion: boolean;
  keySpec: string;
  keyUsage: string;
  keyState: string;
  enabled: boolean;
  /** The key policy in the Region the key was looked up in. */
  policy: string;
}

export interface KeyLookup {
  /** `now` lets KMS judge a replica key's Creating → Enabled transition at the call's time. */
  lookupKey(keyIdOrArn: string, region: string, now?: number): KeyView | undefined;
}

const KEY_ARN = /^arn:aws[\w-]*:kms:([a-z0-9-]+):(\d{12}):key\/([\w-]+)$/;

/** The same key's ARN in another Region (related multi-Region keys differ only there). */
export function keyArnIn(arn: string, region: string): string {
  return arn.replace(KEY_ARN, (_all, _r, account: string, keyId: string) => `arn:aws:kms:${region}:${account}:key/${keyId}`);
}

/**
 * A KeyConfiguration naming a customer managed key must point at an Enabled key in the pool's own
 * Region; an AWS-owned key takes no ARN.
 */
export function checkKeyConfiguration(keyConfig: JsonObject, region: string, kms: KeyLookup, now: number): void {
  const arn: string | undefined = keyConfig.KmsKeyArn;
  if (keyConfig.KeyType !== 'CUSTOMER_MANAGED_KEY') {
    if (arn) throw invalidParameter('KmsKeyArn can be set only when KeyType is CUSTOMER_MANAGED_KEY.');
    return;
  }
  if (!arn) throw invalidParameter('KeyConfiguration with KeyType CUSTOMER_MANAGED_KEY requires KmsKeyArn.');
  const match = KEY_ARN.exec(arn);
  if (!match) throw invalidParameter(`KmsKeyArn ${arn} is not a valid KMS key ARN.`);
  if (match[1] !== region) {
    throw invalidParameter(`The KMS key ${arn} must be in the user pool's Region ${region}.`);
  }
  const key = kms.lookupKey(arn, region, now);
  if (!key) throw invalidParameter(`The KMS key ${arn} does not exist in ${region}.`);
  if (!key.enabled || key.keyState !== 'Enabled') {
    throw invalidParameter(`The KMS key ${arn} is not enabled (state ${key.keyState}).`);
  }
  if (key.keyUsage !== 'ENCRYPT_DECRYPT' || key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw invalidParameter(`The KMS key ${arn} must be a symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT).`);
  }
  checkCognitoMayUseKey(key, arn, region);
}

/** The service principal Cognito uses on a customer managed key (AWS's name, not mrrctl's choice). */
const COGNITO_PRINCIPAL = 'cognito-idp.amazonaws.com';

/**
 * Cognito uses a customer managed key through the key policy in the key's Region (a replica key's
 * policy is its own). [INF] The error: the API reference lists no KMS-specific exception for
 * CreateUserPool, UpdateUserPool or CreateUserPoolReplica, and no public error text was found, so the
 * sandbox refuses with InvalidParameterException, the stricter reading (refuse at configuration time,
 * not at the first encryption).
 */
export function checkCognitoMayUseKey(key: KeyView, arn: string, region: string): void {
  if (policyGrantsService(key.policy, COGNITO_PRINCIPAL)) return;
  throw invalidParameter(
    `Amazon Cognito cannot use the KMS key ${arn} in ${region}: its key policy grants the service principal ${COGNITO_PRINCIPAL} ` +
      'nothing. Add a key policy statement allowing it kms:CreateGrant and kms:DescribeKey (mrrctl keys setup writes one).',
  );
}

/** What every operation handler receives: the state, the KMS port and the call. */
export interface OperationScope {
  pools: Record<string, PoolRecord>;
  kms: KeyLookup;
  ctx: CallContext;
}
