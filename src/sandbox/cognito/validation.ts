/**
 * Input validation in Cognito's own words: shape errors are InvalidParameterException with the
 * "1 validation error detected: Value ... at 'member' failed to satisfy constraint: ..." text, naming
 * the member in lowerCamelCase as AWS does.
 */
import { SandboxError, type JsonObject } from '../types.js';

export const POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;

/** Commercial and GovCloud Regions; used to refuse a misspelt replica Region. [INF: list will grow] */
export const KNOWN_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2',
  'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1',
  'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1',
]);

export function invalidParameter(message: string): SandboxError {
  return new SandboxError('InvalidParameterException', message);
}

export function notFound(message: string): SandboxError {
  return new SandboxError('ResourceNotFoundException', message);
}

export function notEnabled(message: string): SandboxError {
  return new SandboxError('OperationNotEnabledException', message);
}

function memberName(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}

function showValue(value: unknown): string {
  return value === undefined || value === null ? 'null' : `'${String(value)}'`;
}

export function validationError(field: string, value: unknown, constraint: string): SandboxError {
  return invalidParameter(
    `1 validation error detected: Value ${showValue(value)} at '${memberName(field)}' failed to satisfy constraint: ${constraint}`,
  );
}

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

export function requireString(input: JsonObject, field: string, rule: StringRule = {}): string {
  const value = input[field];
  if (value === undefined || value === null) throw validationError(field, value, 'Member must not be null');
  return checkString(field, value, rule);
}

export function optionalString(input: JsonObject, field: string, rule: StringRule = {}): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return checkString(field, value, rule);
}

function checkString(field: string, value: unknown, rule: StringRule): string {
  if (typeof value !== 'string') throw validationError(field, value, 'Member must be a string');
  if (rule.min !== undefined && value.length < rule.min) {
    throw validationError(field, value, `Member must have length greater than or equal to ${rule.min}`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw validationError(field, value, `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw validationError(field, value, `Member must satisfy regular expression pattern: ${rule.pattern.source}`);
  }
  return value;
}

export function requireEnum<T extends string>(input: JsonObject, field: string, allowed: readonly T[]): T {
  const value = input[field];
  if (value === undefined || value === null) throw validationError(field, value, 'Member must not be null');
  return checkEnum(field, value, allowed);
}

export function optionalEnum<T extends string>(input: JsonObject, field: string, allowed: readonly T[]): T | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  return checkEnum(field, value, allowed);
}

function checkEnum<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw validationError(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

export function optionalInt(input: JsonObject, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validationError(field, value, 'Member must be an integer');
  }
  if (value < min) throw validationError(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalStringList(input: JsonObject, field: string): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw validationError(field, value, 'Member must be a list of strings');
  }
  return value as string[];
}

export function optionalObject(input: JsonObject, field: string): JsonObject | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw validationError(field, value, 'Member must be a structure');
  }
  return value as JsonObject;
}

export function optionalTags(input: JsonObject, field: string): Record<string, string> | undefined {
  const tags = optionalObject(input, field);
  if (!tags) return undefined;
  const entries = Object.entries(tags);
  if (entries.length > 50) throw validationError(field, '{...}', 'Member must have length less than or equal to 50');
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128 || typeof value !== 'string' || value.length > 256) {
      throw validationError(field, key, 'Tag keys must be 1-128 characters and values at most 256');
    }
  }
  return tags as Record<string, string>;
}

export function requirePoolId(input: JsonObject): string {
  return requireString(input, 'UserPoolId', { min: 1, max: 55, pattern: POOL_ID_PATTERN });
}

export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.has(region);
}
