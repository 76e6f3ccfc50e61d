/**
 * One AWS call over HTTP: find the service and operation (X-Amz-Target for awsJson, the path for
 * REST), take the Region from the SigV4 scope, refuse unsigned calls, pass the gate (latency,
 * faults, quotas), let the model answer, encode the result in the service's wire shape, log it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ArcEndpointPath } from './arc/endpoints.js';
import { admitCall, type ServiceShapes } from './call-gate.js';
import { isWriteOperation } from './call-log.js';
import { cognitoQuotaCategory } from './quotas/cognito-categories.js';
import { SandboxError, type CallContext, type RestRequest, type RestResponse, type ServiceModel } from './types.js';
import { COGNITO_UNSIGNED_OPERATIONS } from './wire/cognito-unsigned.js';
import { decodePath, headerValue, sendResponse } from './wire/http-io.js';
import { encodeJsonError, encodeJsonResult, jsonVersionOf, parseJsonInput } from './wire/json-wire.js';
import { internalError, missingAuthentication, serializationError, unknownOperation } from './wire/service-errors.js';
import { parseCredentialScope } from './wire/sigv4-scope.js';
import { encodeInProtocol, unservedProtocolOf, unservedProtocolRefusal } from './wire/unserved-protocols.js';
import type { World } from './world.js';

const COGNITO_TARGET = 'AWSCognitoIdentityProviderService';
/**
 * Unsigned calls carry no Region. Real clients reach a Regional host; here a client may put the
 * Region in its endpoint path (`<sandbox>/_region/eu-west-1`), else this one is assumed. [INF]
 */
export const UNSIGNED_DEFAULT_REGION = 'us-east-1';
const REGION_PREFIX = /^\/_region\/([a-z]{2}(?:-[a-z]+)+-\d+)(?=\/|$)/;
/** Which REST service answers an unclaimed path, by SigV4 signing name (for the error shape). */
const REST_SERVICE_BY_SIGNING_NAME: Record<string, string[]> = {
  route53: ['route53'],
  lambda: ['lambda'],
  ses: ['sesv2', 'ses'],
};

interface ResolvedCall {
  service: string;
  operation: string;
  model?: ServiceModel;
  allowUnsigned: boolean;
  encodeError(err: SandboxError): RestResponse;
  invoke(ctx: CallContext): Promise<RestResponse>;
}

/**
 * `arcEndpoint`: the call reached an ARC cluster endpoint path (arc/endpoints.ts); its Region is the
 * endpoint's, whatever else the request says, so faults of that Region take the endpoint down.
 */
export async function serveAwsCall(
  world: World,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
  arcEndpoint?: ArcEndpointPath,
): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const prefixed = arcEndpoint ? null : REGION_PREFIX.exec(url.pathname);
  const rawPath = arcEndpoint ? arcEndpoint.rest : prefixed ? url.pathname.slice(prefixed[0].length) || '/' : url.pathname;
  const scope = parseCredentialScope(headerValue(req, 'authorization'));
  const call = resolveCall(world, req, rawPath, url, body, requestId, scope?.signingName);
  const region = arcEndpoint?.region ?? scope?.region ?? prefixed?.[1] ?? UNSIGNED_DEFAULT_REGION;

  const finish = (response: RestResponse, loggedRegion = region): void => {
    response.headers = { 'x-amzn-requestid': requestId, ...(response.headers ?? {}) };
    sendResponse(res, response);
    const error = response.status >= 400 ? errorNameOf(response) : undefined;
    log(world, call, loggedRegion, response.status, error, started, scope?.accessKeyId);
  };

  if (!scope && !call.allowUnsigned) {
    return finish(call.encodeError(missingAuthentication(call.model)), arcEndpoint?.region ?? prefixed?.[1] ?? 'unknown');
  }
  if (arcEndpoint && scope && scope.region !== arcEndpoint.region) {
    // A Regional endpoint checks the SigV4 scope: a client built with another Region is refused. [INF]
    return finish(
      call.encodeError(
        new SandboxError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${scope.region}': this cluster endpoint is in ${arcEndpoint.region}.`, 403),
      ),
    );
  }

  const shapes: ServiceShapes = {
    throttle: call.model?.throttle ?? { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
    internalError: (status) => internalError(call.model, status),
  };
  const category =
    call.model?.kind === 'json' && call.model.targetPrefix === COGNITO_TARGET ? cognitoQuotaCategory(call.operation) : undefined;
  const admission = await admitCall(world, { region, service: call.service, operation: call.operation }, shapes, category);
  if (admission.kind === 'reset') {
    req.socket.destroy();
    log(world, call, region, 0, 'ConnectionReset', started, scope?.accessKeyId);
    return;
  }
  if (admission.kind === 'error') return finish(call.encodeError(admission.error));

  let response: RestResponse;
  try {
    const ctx = world.context(region);
    response = await call.invoke(arcEndpoint ? { ...ctx, arcEndpoint: { clusterId: arcEndpoint.clusterId, region: arcEndpoint.region } } : ctx);
  } catch (err) {
    response = call.encodeError(
      err instanceof SandboxError ? err : internalError(call.model, 500, `sandbox model failure: ${(err as Error)?.message ?? err}`),
    );
  }
  // Persist before answering: a client that saw success must find the change after a restart.
  if (response.status < 400 && isWriteOperation(call.service, call.operation)) world.changed();
  finish(response);
}

function resolveCall(
  world: World,
  req: IncomingMessage,
  rawPath: string,
  url: URL,
  body: string,
  requestId: string,
  signingName: string | undefined,
): ResolvedCall {
  const target = headerValue(req, 'x-amz-target');
  if (target !== undefined) {
    const dot = target.lastIndexOf('.');
    const prefix = dot > 0 ? target.slice(0, dot) : target;
    const operation = dot > 0 ? target.slice(dot + 1) : '';
    const version = jsonVersionOf(headerValue(req, 'content-type'));
    const encodeError = (err: SandboxError) => encodeJsonError(err, version, requestId);
    const model = world.jsonService(prefix);
    if (!model || !operation) {
      return {
        service: model?.service ?? 'unknown',
        operation: operation || target,
        model,
        allowUnsigned: false,
        encodeError,
        invoke: async () => {
          throw unknownOperation(target);
        },
      };
    }
    return {
      service: model.service,
      operation,
      model,
      allowUnsigned: prefix === COGNITO_TARGET && COGNITO_UNSIGNED_OPERATIONS.has(operation),
      encodeError,
      invoke: async (ctx) => {
        const input = parseJsonInput(body);
        if (!input) throw serializationError('the request body is not a JSON object');
        return encodeJsonResult(await model.handle(operation, input, ctx), version, requestId);
      },
    };
  }

  // awsQuery and RPC v2 CBOR clients get an error they can parse, not a REST 404 they cannot.
  const unserved = unservedProtocolOf(req, rawPath, body);
  if (unserved) {
    const model = signingName ? world.service(signingName) : undefined;
    return {
      service: model?.service ?? signingName ?? 'unknown',
      operation: unserved.operation,
      model,
      allowUnsigned: false,
      encodeError: (err) => encodeInProtocol(unserved, err, signingName, requestId),
      invoke: async () => {
        throw unservedProtocolRefusal(unserved, signingName);
      },
    };
  }

  const restReq: RestRequest = {
    method: req.method ?? 'GET',
    path: decodePath(rawPath),
    query: url.searchParams,
    headers: req.headers,
    body,
  };
  const route = world.routeRest(restReq);
  if (route) {
    return {
      service: route.service.service,
      operation: route.operation,
      model: route.service,
      allowUnsigned: false,
      encodeError: (err) => route.service.encodeError(err, requestId),
      invoke: async (ctx) => route.service.handle(route.operation, restReq, ctx),
    };
  }
  const names = REST_SERVICE_BY_SIGNING_NAME[signingName ?? ''] ?? [];
  const model = names.map((n) => world.service(n)).find((m) => m?.kind === 'rest');
  const description = `${restReq.method} ${rawPath}`;
  return {
    service: model?.service ?? 'unknown',
    operation: description,
    model,
    allowUnsigned: false,
    encodeError: (err) => (model?.kind === 'rest' ? model.encodeError(err, requestId) : encodeJsonError(err, '1.1', requestId)),
    invoke: async () => {
      throw unknownOperation(description, 404);
    },
  };
}

function log(
  world: World,
  call: ResolvedCall,
  region: string,
  status: number,
  error: string | undefined,
  started: number,
  accessKeyId: string | undefined,
) {
  world.callLog.record({
    region,
    service: call.service,
    operation: call.operation,
    status,
    error,
    durationMs: performance.now() - started,
    accessKeyId,
  });
}

/** The error name of a response, read from its own wire shape (errortype header, JSON or XML). */
function errorNameOf(response: RestResponse): string {
  const header = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-amzn-errortype')?.[1];
  if (header) return header.split(':')[0];
  const body = response.body ?? '';
  const xml = /<Code>([^<]+)<\/Code>/.exec(body);
  if (xml) return xml[1];
  try {
    const parsed = JSON.parse(body) as { __type?: string; code?: string };
    const name = parsed.__type ?? parsed.code;
    if (name) return name.split('#').pop()!.split(':')[0];
  } catch {
    // not JSON
  }
  return `HTTP${response.status}`;
}
