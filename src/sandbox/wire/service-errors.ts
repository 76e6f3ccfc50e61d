/**
 * Errors the server itself answers (not a model): missing authentication, unknown operation, internal
 * failure, and the OIDC hosts' throttle/failure. Names follow each SDK's modelled exceptions so the
 * SDK raises the right `err.name`.
 */
import { SandboxError, type ServiceModel } from '../types.js';

/** Internal-failure exception per service, keyed by X-Amz-Target prefix or REST service name. */
const INTERNAL_ERRORS: Record<string, string> = {
  AWSCognitoIdentityProviderService: 'InternalErrorException',
  TrentService: 'KMSInternalException',
  AWSWAF_20190729: 'WAFInternalErrorException',
  Logs_20140328: 'ServiceUnavailableException',
  Firehose_20150804: 'ServiceUnavailableException',
  GraniteServiceVersion20100801: 'InternalServiceFault',
  route53: 'InternalFailure',
  lambda: 'ServiceException',
  sesv2: 'InternalServiceErrorException',
  ses: 'InternalServiceErrorException',
};

export function internalError(model: ServiceModel | undefined, status = 500, detail?: string): SandboxError {
  if (status === 503 && model?.kind === 'json' && model.unavailableError && detail === undefined) {
    return new SandboxError(model.unavailableError.code, model.unavailableError.message, 503);
  }
  const declared = model?.internalError;
  const key = model?.kind === 'json' ? model.targetPrefix : model?.service;
  const code = declared?.code ?? (key ? INTERNAL_ERRORS[key] : undefined) ?? 'InternalFailure';
  const message = detail ?? declared?.message ?? 'The request processing has failed because of an unknown error.';
  return new SandboxError(code, message, status);
}

/**
 * AWS's common error for an unsigned request is 403 MissingAuthenticationToken; JSON protocols carry
 * it as MissingAuthenticationTokenException, Route 53 (XML) as the bare query-style code.
 */
export function missingAuthentication(model: ServiceModel | undefined): SandboxError {
  const code = model?.kind === 'rest' && model.service.startsWith('route') ? 'MissingAuthenticationToken' : 'MissingAuthenticationTokenException';
  return new SandboxError(code, 'Missing Authentication Token', 403);
}

export function unknownOperation(description: string, status = 400): SandboxError {
  return new SandboxError('UnknownOperationException', `Unknown operation ${description}`, status);
}

export function serializationError(message: string): SandboxError {
  return new SandboxError('SerializationException', message, 400);
}

/** The OIDC hosts are not an SDK service; they answer OAuth-style JSON. [INF] status 429 for throttling. */
export const OIDC_THROTTLE = { code: 'TooManyRequestsException', status: 429, message: 'Rate exceeded' };
