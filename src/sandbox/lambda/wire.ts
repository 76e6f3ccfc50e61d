/**
 * Lambda's restJson1 wire details: JSON bodies, and errors as Lambda sends them — the code in the
 * `x-amzn-errortype` header, a body with `Type` (User/Service) and the message under the member name
 * the SDK models for that error (`Message` for some, `message` for others).
 */
import { SandboxError, type JsonObject, type RestResponse } from '../types.js';

/** Error shapes whose message member is capitalised in the Lambda model. */
const CAPITALISED_MESSAGE = new Set([
  'ResourceNotFoundException',
  'ServiceException',
  'ResourceInUseException',
  'PublicPolicyException',
]);

/** restJson1 answer for a path no modelled operation serves (the Smithy routing convention). */
export const UNKNOWN_OPERATION = 'UnknownOperation';

export function encodeLambdaError(err: SandboxError): RestResponse {
  const body: JsonObject = {
    Type: err.status >= 500 ? 'Service' : 'User',
    [CAPITALISED_MESSAGE.has(err.code) ? 'Message' : 'message']: err.message,
    ...err.extra,
  };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': err.code,
  };
  if (err.code === 'TooManyRequestsException') {
    // Lambda tells the caller why and when to come back; the SDK maps Retry-After to retryAfterSeconds.
    body.Reason ??= 'CallerRateLimitExceeded';
    headers['retry-after'] = '1';
  }
  return { status: err.status, headers, body: JSON.stringify(body) };
}

export function parseJsonBody(raw: string): JsonObject {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SandboxError('InvalidRequestContentException', 'Could not parse request body into json', 400);
  }
  return parsed as JsonObject;
}
