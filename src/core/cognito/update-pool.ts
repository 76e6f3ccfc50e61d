/**
 * UpdateUserPool resets every writable field the request omits (aws-conformance A8). Losing Lambda triggers
 * or MFA settings that way would be an outage, so every UpdateUserPool mrrctl sends is a full
 * read-modify-write: the fields below are copied from DescribeUserPool, then the change is applied.
 */
import type { JsonObject } from '../plan/types.js';
import type { UserPool } from '../ports/cognito.js';

/** The writable fields of UpdateUserPoolRequest (besides UserPoolId), per the SDK's model. */
export const UPDATE_USER_POOL_FIELDS = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'DcrConfiguration',
  'AccountRecoverySetting',
  'PoolName',
  'UserPoolTier',
  'KeyConfiguration',
  'IssuerConfiguration',
  'AcrConfiguration',
] as const;

export type UpdateUserPoolField = (typeof UPDATE_USER_POOL_FIELDS)[number];

/**
 * DescribeUserPool names the pool `Name`; UpdateUserPool calls it `PoolName`. AdminCreateUserConfig's
 * `UnusedAccountValidityDays` is deprecated and refused alongside the password policy's setting.
 */
function currentValue(pool: UserPool, field: UpdateUserPoolField): unknown {
  if (field === 'PoolName') return pool.Name;
  if (field === 'AdminCreateUserConfig' && pool.AdminCreateUserConfig && typeof pool.AdminCreateUserConfig === 'object') {
    const { UnusedAccountValidityDays: _unused, ...rest } = pool.AdminCreateUserConfig as JsonObject;
    return rest;
  }
  return pool[field];
}

/** A complete UpdateUserPool request that keeps everything as it is, then applies `changes`. */
export function updateUserPoolInput(pool: UserPool, changes: Partial<Record<UpdateUserPoolField, unknown>>): JsonObject {
  const input: Record<string, unknown> = { UserPoolId: pool.Id };
  for (const field of UPDATE_USER_POOL_FIELDS) {
    const value = currentValue(pool, field);
    if (value !== undefined && value !== null) input[field] = value;
  }
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) delete input[field];
    else input[field] = value;
  }
  return JSON.parse(JSON.stringify(input)) as JsonObject;
}
