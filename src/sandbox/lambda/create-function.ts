/**
 * CreateFunction with a .zip deployment package (`Code.ZipFile`, base64 in the JSON body): what a
 * drift remedy ("deploy the function to the secondary") needs. The package is checked to be a zip
 * and hashed as Lambda does (CodeSha256 = base64 SHA-256 of the bytes), so the same zip deployed in
 * both Regions compares equal in drift. Nothing runs: no Invoke, no layers, no S3 or image code.
 */
import { createHash } from 'node:crypto';
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import { recordFromSeed, type FunctionRecord } from './function-record.js';

const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
/** Every zip archive (local file header, or the end record of an empty one) starts with one of these. */
const ZIP_MAGIC = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0x50, 0x4b, 0x05, 0x06])];
/** Lambda's limit for a zip uploaded directly (not through S3). */
const MAX_ZIP_BYTES = 50 * 1024 * 1024;

function invalid(message: string): SandboxError {
  return new SandboxError('InvalidParameterValueException', message, 400);
}

function validation(value: unknown, member: string, constraint: string): SandboxError {
  return new SandboxError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

/** The new function's record, or the error Lambda answers; `existing` is the Region's current one. */
export function functionFromCreate(input: JsonObject, ctx: CallContext, existing: FunctionRecord | undefined): FunctionRecord {
  const name = input.FunctionName;
  if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw validation(name, 'functionName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ (1 to 64 characters)');
  }
  if (typeof input.Role !== 'string' || !ROLE_ARN.test(input.Role)) {
    throw validation(input.Role, 'role', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+');
  }
  if ((input.PackageType ?? 'Zip') !== 'Zip') throw invalid('The sandbox models .zip deployment packages only (PackageType Zip).');
  if (typeof input.Runtime !== 'string' || typeof input.Handler !== 'string') {
    throw invalid('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  }
  const code = (input.Code ?? {}) as JsonObject;
  if (typeof code.ZipFile !== 'string') {
    throw invalid('Code.ZipFile is required: the sandbox accepts the .zip package in the request (no S3 bucket or image).');
  }
  const zip = Buffer.from(code.ZipFile, 'base64');
  if (zip.length > MAX_ZIP_BYTES) throw new SandboxError('RequestTooLargeException', 'Request must be smaller than 52428800 bytes for the CreateFunction operation', 413);
  if (!ZIP_MAGIC.some((magic) => zip.subarray(0, 4).equals(magic))) {
    throw invalid('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  if (existing) {
    throw new SandboxError('ResourceConflictException', `Function already exist: ${name}`, 409);
  }
  return recordFromSeed(
    {
      FunctionName: name,
      Runtime: input.Runtime,
      Handler: input.Handler,
      Role: input.Role,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      CodeSize: zip.length,
      ...(typeof input.Description === 'string' ? { Description: input.Description } : {}),
      ...(input.Timeout !== undefined ? { Timeout: input.Timeout } : {}),
      ...(input.MemorySize !== undefined ? { MemorySize: input.MemorySize } : {}),
      ...(input.Environment !== undefined ? { Environment: input.Environment } : {}),
    },
    ctx.accountId,
    ctx.now,
  );
}
