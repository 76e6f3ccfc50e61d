/**
 * What the sandbox keeps about one Lambda function (only the unpublished `$LATEST` version exists),
 * how a seed becomes one, and how one is shown on the wire as a FunctionConfiguration.
 */
import { randomUUID } from 'node:crypto';
import { SandboxError, type JsonObject } from '../types.js';
import { functionArn } from './function-ref.js';
import { parseSeededPolicy, type PolicyDocument } from './resource-policy.js';

export interface FunctionRecord {
  FunctionName: string;
  Runtime: string;
  Handler: string;
  CodeSha256: string;
  CodeSize: number;
  Role: string;
  Description: string;
  Timeout: number;
  MemorySize: number;
  /** Epoch ms of the last configuration or code change. */
  lastModifiedMs: number;
  /** Changes with every configuration or policy change, as Lambda's RevisionId does. */
  RevisionId: string;
  /** Stored and returned as Lambda does; drift compares only the names (values may be secrets). */
  Variables?: Record<string, string>;
  Policy?: PolicyDocument;
}

/** Lambda's LastModified format: ISO-8601 with milliseconds and a +0000 offset. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function seedError(message: string): SandboxError {
  return new SandboxError('InvalidParameterValueException', message, 400);
}

function requireString(resource: JsonObject, key: string): string {
  const value = resource[key];
  if (typeof value !== 'string' || value.length === 0) throw seedError(`seed: ${key} is required (a string)`);
  return value;
}

function optionalNumber(resource: JsonObject, key: string, fallback: number): number {
  const value = resource[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw seedError(`seed: ${key} must be a non-negative number`);
  }
  return value;
}

function variablesOf(environment: unknown): Record<string, string> | undefined {
  if (environment === undefined || environment === null) return undefined;
  const vars = (environment as JsonObject).Variables;
  if (typeof environment !== 'object' || !vars || typeof vars !== 'object' || Array.isArray(vars)) {
    throw seedError('seed: Environment must be {"Variables": {"NAME": "value", ...}}');
  }
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value !== 'string') throw seedError(`seed: Environment.Variables.${name} must be a string`);
  }
  return { ...(vars as Record<string, string>) };
}

/**
 * Build a record from an admin seed. Re-seeding a function replaces its configuration and keeps its
 * policy unless the seed carries one.
 */
export function recordFromSeed(resource: JsonObject, accountId: string, now: number, previous?: FunctionRecord): FunctionRecord {
  const name = requireString(resource, 'FunctionName');
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) throw seedError(`seed: FunctionName '${name}' is not a valid function name`);
  const record: FunctionRecord = {
    FunctionName: name,
    Runtime: requireString(resource, 'Runtime'),
    Handler: requireString(resource, 'Handler'),
    CodeSha256: requireString(resource, 'CodeSha256'),
    CodeSize: optionalNumber(resource, 'CodeSize', 1024),
    Role: typeof resource.Role === 'string' ? resource.Role : `arn:aws:iam::${accountId}:role/${name}-role`,
    Description: typeof resource.Description === 'string' ? resource.Description : '',
    Timeout: optionalNumber(resource, 'Timeout', 3),
    MemorySize: optionalNumber(resource, 'MemorySize', 128),
    lastModifiedMs: now,
    RevisionId: randomUUID(),
  };
  const variables = variablesOf(resource.Environment);
  if (variables) record.Variables = variables;
  if (resource.Policy !== undefined && resource.Policy !== null) record.Policy = parseSeededPolicy(resource.Policy);
  else if (previous?.Policy) record.Policy = previous.Policy;
  return record;
}

/** The FunctionConfiguration shape GetFunction, GetFunctionConfiguration and ListFunctions return. */
export function configurationOf(fn: FunctionRecord, region: string, accountId: string, qualifier?: string): JsonObject {
  const config: JsonObject = {
    FunctionName: fn.FunctionName,
    FunctionArn: functionArn(region, accountId, fn.FunctionName, qualifier),
    Runtime: fn.Runtime,
    Role: fn.Role,
    Handler: fn.Handler,
    CodeSize: fn.CodeSize,
    Description: fn.Description,
    Timeout: fn.Timeout,
    MemorySize: fn.MemorySize,
    LastModified: lambdaTimestamp(fn.lastModifiedMs),
    CodeSha256: fn.CodeSha256,
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.RevisionId,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.FunctionName}` },
  };
  if (fn.Variables) config.Environment = { Variables: { ...fn.Variables } };
  return config;
}
