/**
 * HTTPS URLs of the pools (issuer discovery, JWKS, /oauth2/token, custom domains), reached through
 * `/_https/HOST/PATH` (see url-map.ts). They pass the same gate as AWS calls under the service name
 * "oidc", in the Region named by the host, and are logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { admitCall, type ServiceShapes } from './call-gate.js';
import { SandboxError, type RestRequest, type RestResponse } from './types.js';
import { fromSandboxPath } from './url-map.js';
import { decodePath, sendResponse } from './wire/http-io.js';
import { OIDC_THROTTLE } from './wire/service-errors.js';
import type { World } from './world.js';

/**
 * Regional hosts: cognito-idp.REGION.amazonaws.com and PREFIX.auth.REGION.amazoncognito.com.
 * The UPDATED issuer host (issuer-cognito-idp.PRIMARY...) is served from every Region holding the
 * pool, so its name does not pin a Region: the OIDC endpoint decides (regionOf) or it is "global".
 */
const REGIONAL_HOST = /^(?:cognito-idp|[a-z0-9-]+\.auth)\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com|amazoncognito\.com)$/;

export function regionOfHost(host: string): string | undefined {
  return REGIONAL_HOST.exec(host.replace(/:\d+$/, ''))?.[1];
}

/** Stable operation names for the call log and for faults scoped by operation. */
export function oidcOperation(method: string, path: string): string {
  if (path.endsWith('/.well-known/openid-configuration')) return 'GetOpenIdConfiguration';
  if (path.endsWith('/.well-known/jwks.json')) return 'GetJwks';
  if (path === '/oauth2/token') return 'Token';
  if (path === '/oauth2/authorize') return 'Authorize';
  if (path === '/oauth2/userInfo') return 'UserInfo';
  return `${method} ${path}`;
}

/** The Region of a host that names none and that no model places. */
const GLOBAL = 'global';

const SHAPES: ServiceShapes = {
  throttle: OIDC_THROTTLE,
  internalError: (status) => new SandboxError('server_error', 'The server had an internal failure.', status),
};

export async function serveOidc(world: World, req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
  const started = performance.now();
  const mapped = fromSandboxPath(url.pathname + url.search);
  if (!mapped) return sendResponse(res, oauthError(new SandboxError('not_found', 'Not a mapped HTTPS URL', 404)));
  const target = new URL(mapped);
  const host = target.host;
  const method = req.method ?? 'GET';
  const path = decodePath(target.pathname);
  const region = regionOfHost(host) ?? world.oidc?.regionOf?.(host, world.context(GLOBAL)) ?? GLOBAL;
  const operation = oidcOperation(method, path);

  const log = (status: number, error?: string) =>
    world.callLog.record({ region, service: 'oidc', operation, status, error, durationMs: performance.now() - started });
  const finish = (response: RestResponse): void => {
    sendResponse(res, response);
    log(response.status, response.status >= 400 ? oauthErrorName(response) : undefined);
  };

  const category = operation === 'Token' ? 'ClientAuthentication' : undefined;
  const admission = await admitCall(world, { region, service: 'oidc', operation }, SHAPES, category);
  if (admission.kind === 'reset') {
    req.socket.destroy();
    log(0, 'ConnectionReset');
    return;
  }
  if (admission.kind === 'error') return finish(oauthError(admission.error));

  const restReq: RestRequest = { method, path, query: target.searchParams, headers: req.headers, body };
  let response: RestResponse | null;
  try {
    response = world.oidc ? await world.oidc.handle(host, restReq, world.context(region)) : null;
  } catch (err) {
    response = oauthError(err instanceof SandboxError ? err : SHAPES.internalError(500));
  }
  finish(response ?? oauthError(new SandboxError('not_found', `No resource at https://${host}${path}`, 404)));
}

function oauthError(err: SandboxError): RestResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: err.code, error_description: err.message }),
  };
}

function oauthErrorName(response: RestResponse): string {
  try {
    const parsed = JSON.parse(response.body ?? '') as { error?: string; __type?: string };
    return parsed.error ?? parsed.__type ?? `HTTP${response.status}`;
  } catch {
    return `HTTP${response.status}`;
  }
}
