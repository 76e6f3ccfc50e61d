/**
 * awsJson1_0 / awsJson1_1 framing. The SDK sends `Content-Type: application/x-amz-json-1.x` and reads
 * errors from `__type` (then `code`, then the `x-amzn-errortype` header), so errors carry both.
 * CloudWatch speaks awsJson1_0 in query-compatible mode: it reads the `code` field / errortype header
 * first, which we also set, so the shape name reaches `err.name` either way.
 */
import type { JsonObject, RestResponse, SandboxError } from '../types.js';

export type JsonVersion = '1.0' | '1.1';

/** Answer in the version the client spoke (CloudWatch 1.0, everything else 1.1). */
export function jsonVersionOf(contentType: string | undefined): JsonVersion {
  return contentType?.includes('application/x-amz-json-1.0') ? '1.0' : '1.1';
}

export function encodeJsonResult(output: JsonObject, version: JsonVersion, requestId: string): RestResponse {
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': requestId },
    body: JSON.stringify(output ?? {}),
  };
}

export function encodeJsonError(err: SandboxError, version: JsonVersion, requestId: string): RestResponse {
  return {
    status: err.status,
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': err.code,
    },
    body: JSON.stringify({ ...err.extra, __type: err.code, message: err.message }),
  };
}

/** Parses a JSON request body; an empty body is `{}` as the SDK sends for empty input. */
export function parseJsonInput(body: string): JsonObject | undefined {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
