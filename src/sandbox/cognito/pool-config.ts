/**
 * Which user-pool fields exist, which are global (replicated) or Regional, their defaults, and the
 * canonical form they are stored in. The canonical form matters twice: a DescribeUserPool →
 * UpdateUserPool round trip must compare equal (the secondary demands equal global settings), and
 * UpdateUserPool resets every omitted field to its default — the trap AWS documents.
 */
import type { JsonObject } from '../types.js';
import { clone } from './state.js';
import { invalidParameter, optionalEnum, optionalInt, optionalObject, optionalString, optionalStringList, optionalTags } from './validation.js';

/** Writable through UpdateUserPool and replicated to the secondary. */
export const GLOBAL_WRITABLE = [
  'PoolName', 'Policies', 'DeletionProtection', 'AutoVerifiedAttributes', 'SmsVerificationMessage',
  'EmailVerificationMessage', 'EmailVerificationSubject', 'VerificationMessageTemplate',
  'SmsAuthenticationMessage', 'UserAttributeUpdateSettings', 'MfaConfiguration', 'DeviceConfiguration',
  'AdminCreateUserConfig', 'UserPoolAddOns', 'DcrConfiguration', 'AccountRecoverySetting', 'UserPoolTier',
  'KeyConfiguration', 'IssuerConfiguration', 'AcrConfiguration',
] as const;

/** Writable and kept per Region (aws-conformance A3). */
export const REGIONAL_WRITABLE = ['EmailConfiguration', 'SmsConfiguration', 'LambdaConfig', 'UserPoolTags'] as const;

/** Set at creation only; replicated. */
export const CREATE_ONLY = ['SchemaAttributes', 'AliasAttributes', 'UsernameAttributes', 'UsernameConfiguration'] as const;

/**
 * Fields UpdateUserPool keeps when the request omits them. AWS documents the opposite as the rule
 * ("If you don't provide a value for an attribute, Amazon Cognito sets it to its default value");
 * DcrConfiguration is the documented exception and PoolName has no default. Everything else —
 * including UserPoolTier, KeyConfiguration, IssuerConfiguration and AcrConfiguration — follows the
 * rule here [INF: the docs do not single them out]. Move a name into this set to change that.
 */
export const KEPT_WHEN_OMITTED: ReadonlySet<string> = new Set(['PoolName', 'DcrConfiguration']);

export const TIERS = ['LITE', 'ESSENTIALS', 'PLUS'] as const;

const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** The value a field takes when created or updated without it (undefined = absent). */
export function defaultFor(field: string): unknown {
  switch (field) {
    case 'Policies':
      return { PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } };
    case 'DeletionProtection':
      return 'INACTIVE';
    case 'MfaConfiguration':
      return 'OFF';
    case 'VerificationMessageTemplate':
      return { DefaultEmailOption: 'CONFIRM_WITH_CODE' };
    case 'UserAttributeUpdateSettings':
      return { AttributesRequireVerificationBeforeUpdate: [] };
    case 'AdminCreateUserConfig':
      return { AllowAdminCreateUserOnly: false };
    case 'UserPoolAddOns':
      return { AdvancedSecurityMode: 'OFF' };
    case 'UserPoolTier':
      return 'ESSENTIALS';
    case 'KeyConfiguration':
      return { KeyType: 'AWS_OWNED_KEY' };
    case 'IssuerConfiguration':
      return { Type: 'ORIGINAL' };
    case 'EmailConfiguration':
      return { EmailSendingAccount: 'COGNITO_DEFAULT' };
    case 'LambdaConfig':
      return {};
    case 'UserPoolTags':
      return {};
    default:
      return undefined;
  }
}

/** Read one field from a Create/UpdateUserPool request, checked and in canonical form. */
export function readField(input: JsonObject, field: string): unknown {
  if (input[field] === undefined || input[field] === null) return clone(defaultFor(field));
  switch (field) {
    case 'PoolName':
      return optionalString(input, field, { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ });
    case 'DeletionProtection':
      return optionalEnum(input, field, ['ACTIVE', 'INACTIVE']);
    case 'MfaConfiguration':
      return optionalEnum(input, field, ['OFF', 'ON', 'OPTIONAL']);
    case 'UserPoolTier':
      return optionalEnum(input, field, TIERS);
    case 'AutoVerifiedAttributes':
    case 'AliasAttributes':
    case 'UsernameAttributes':
      return optionalStringList(input, field);
    case 'SmsVerificationMessage':
    case 'EmailVerificationMessage':
    case 'EmailVerificationSubject':
    case 'SmsAuthenticationMessage':
      return optionalString(input, field, { min: 1, max: 20000 });
    case 'UserPoolTags':
      return { ...optionalTags(input, field) };
    case 'SchemaAttributes':
      return clone(input[field]);
    case 'Policies':
      return readPolicies(optionalObject(input, field)!);
    case 'KeyConfiguration':
      return readKeyConfiguration(optionalObject(input, field)!);
    case 'IssuerConfiguration': {
      const obj = optionalObject(input, field)!;
      return { Type: optionalEnum(obj, 'Type', ['ORIGINAL', 'UPDATED']) ?? 'ORIGINAL' };
    }
    case 'EmailConfiguration': {
      const obj = clone(optionalObject(input, field)!);
      obj.EmailSendingAccount = optionalEnum(obj, 'EmailSendingAccount', ['COGNITO_DEFAULT', 'DEVELOPER']) ?? 'COGNITO_DEFAULT';
      return obj;
    }
    case 'VerificationMessageTemplate': {
      const obj = clone(optionalObject(input, field)!);
      obj.DefaultEmailOption = optionalEnum(obj, 'DefaultEmailOption', ['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE']) ?? 'CONFIRM_WITH_CODE';
      return obj;
    }
    case 'AdminCreateUserConfig': {
      const obj = clone(optionalObject(input, field)!);
      obj.AllowAdminCreateUserOnly = obj.AllowAdminCreateUserOnly === true;
      // Deprecated: folded into PasswordPolicy.TemporaryPasswordValidityDays (see withTemporaryPasswordDays).
      delete obj.UnusedAccountValidityDays;
      return obj;
    }
    case 'UserPoolAddOns': {
      const obj = clone(optionalObject(input, field)!);
      obj.AdvancedSecurityMode = optionalEnum(obj, 'AdvancedSecurityMode', ['OFF', 'AUDIT', 'ENFORCED']) ?? 'OFF';
      return obj;
    }
    case 'UserAttributeUpdateSettings': {
      const obj = clone(optionalObject(input, field)!);
      obj.AttributesRequireVerificationBeforeUpdate = optionalStringList(obj, 'AttributesRequireVerificationBeforeUpdate') ?? [];
      return obj;
    }
    default:
      return clone(optionalObject(input, field));
  }
}

function readPolicies(obj: JsonObject): JsonObject {
  const given = optionalObject(obj, 'PasswordPolicy');
  // Inside a given PasswordPolicy, omitted booleans are false (the API's own default); the all-true
  // policy applies only when Policies is omitted altogether.
  const passwordPolicy = given
    ? {
        MinimumLength: optionalInt(given, 'MinimumLength', 6, 99) ?? 8,
        RequireUppercase: given.RequireUppercase === true,
        RequireLowercase: given.RequireLowercase === true,
        RequireNumbers: given.RequireNumbers === true,
        RequireSymbols: given.RequireSymbols === true,
        ...(given.PasswordHistorySize !== undefined ? { PasswordHistorySize: optionalInt(given, 'PasswordHistorySize', 0, 24) } : {}),
        TemporaryPasswordValidityDays: optionalInt(given, 'TemporaryPasswordValidityDays', 0, 365) ?? 7,
      }
    : { ...DEFAULT_PASSWORD_POLICY };
  const signIn = optionalObject(obj, 'SignInPolicy');
  return {
    PasswordPolicy: passwordPolicy,
    SignInPolicy: { AllowedFirstAuthFactors: optionalStringList(signIn ?? {}, 'AllowedFirstAuthFactors') ?? ['PASSWORD'] },
  };
}

function readKeyConfiguration(obj: JsonObject): JsonObject {
  const keyType = optionalEnum(obj, 'KeyType', ['AWS_OWNED_KEY', 'CUSTOMER_MANAGED_KEY']) ?? 'AWS_OWNED_KEY';
  const kmsKeyArn = optionalString(obj, 'KmsKeyArn', { min: 20, max: 2048 });
  return kmsKeyArn ? { KeyType: keyType, KmsKeyArn: kmsKeyArn } : { KeyType: keyType };
}

/** The global config of a new pool from a CreateUserPool request. */
export function globalConfigFromCreate(input: JsonObject): JsonObject {
  const config: JsonObject = {};
  for (const field of [...GLOBAL_WRITABLE, ...CREATE_ONLY]) {
    const value = readField(input, field);
    if (value !== undefined) config[field] = value;
  }
  return withTemporaryPasswordDays(input, config);
}

/**
 * AdminCreateUserConfig.UnusedAccountValidityDays is the deprecated spelling of
 * PasswordPolicy.TemporaryPasswordValidityDays: AWS refuses both together and otherwise treats it as
 * the latter, so it is stored only there (and a Describe → Update round trip stays equal).
 */
function withTemporaryPasswordDays(input: JsonObject, config: JsonObject): JsonObject {
  const legacy = input.AdminCreateUserConfig?.UnusedAccountValidityDays;
  if (legacy === undefined || legacy === null) return config;
  if (input.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) {
    throw invalidParameter('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays');
  }
  const days = optionalInt(input.AdminCreateUserConfig, 'UnusedAccountValidityDays', 0, 365);
  config.Policies.PasswordPolicy.TemporaryPasswordValidityDays = days;
  return config;
}

/**
 * The global config UpdateUserPool would produce: omitted fields reset to defaults, except the few
 * in KEPT_WHEN_OMITTED; create-only fields carried over.
 */
export function globalConfigFromUpdate(input: JsonObject, existing: JsonObject): JsonObject {
  const next: JsonObject = {};
  for (const field of CREATE_ONLY) if (existing[field] !== undefined) next[field] = clone(existing[field]);
  for (const field of GLOBAL_WRITABLE) {
    const omitted = input[field] === undefined || input[field] === null;
    const value = omitted && KEPT_WHEN_OMITTED.has(field) ? clone(existing[field]) : readField(input, field);
    if (value !== undefined) next[field] = value;
  }
  return withTemporaryPasswordDays(input, next);
}

/** The Regional fields an UpdateUserPool (or CreateUserPool) request sets, omitted ones reset. */
export function regionalFieldsFromRequest(input: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const field of REGIONAL_WRITABLE) out[field] = readField(input, field);
  return out;
}
