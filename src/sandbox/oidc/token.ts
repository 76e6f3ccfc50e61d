/**
 * POST /oauth2/token for the client_credentials grant (M2M): client authentication by HTTP Basic or
 * form fields, scopes checked against the client and the resource servers replicated to the
 * serving Region, and an RS256 access token signed with the pool's key. Errors are RFC 6749 JSON.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';
import type { PoolRegionView } from '../cognito/model.js';
import type { JsonObject, RestRequest, RestResponse } from '../types.js';
import { tokenIssuer } from './discovery.js';

export type KeyResolver = (view: PoolRegionView) => Promise<CryptoKey>;

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): RestResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify({ error, error_description: description }),
  };
}

function header(req: RestRequest, name: string): string | undefined {
  const value = req.headers[name] ?? req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  viaHeader: boolean;
}

function clientCredentials(req: RestRequest, form: URLSearchParams): ClientCredentials {
  const authorization = header(req, 'authorization');
  const basic = authorization ? /^Basic\s+(\S+)$/i.exec(authorization) : null;
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString();
    const colon = decoded.indexOf(':');
    const part = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    if (colon < 0) return { clientId: part(decoded), viaHeader: true };
    return { clientId: part(decoded.slice(0, colon)), clientSecret: part(decoded.slice(colon + 1)), viaHeader: true };
  }
  return { clientId: form.get('client_id') ?? undefined, clientSecret: form.get('client_secret') ?? undefined, viaHeader: false };
}

function accessTokenSeconds(client: JsonObject): number {
  const value = typeof client.AccessTokenValidity === 'number' ? client.AccessTokenValidity : 60;
  const unit = client.TokenValidityUnits?.AccessToken ?? 'minutes';
  return value * (UNIT_SECONDS[unit] ?? 60);
}

/** Scopes a client may be granted in this Region: allowed on the client AND defined by a resource server. */
function grantableScopes(view: PoolRegionView, client: JsonObject): Set<string> {
  const defined = new Set<string>();
  for (const server of Object.values(view.resourceServers)) {
    for (const scope of server.Scopes ?? []) defined.add(`${server.Identifier}/${scope.ScopeName}`);
  }
  return new Set<string>((client.AllowedOAuthScopes ?? []).filter((s: string) => defined.has(s)));
}

export async function clientCredentialsToken(
  view: PoolRegionView,
  req: RestRequest,
  now: number,
  signingKey: KeyResolver,
): Promise<RestResponse> {
  if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint accepts POST only.', { allow: 'POST' });
  const contentType = header(req, 'content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(req.body);
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required.');
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported here (the sandbox models client_credentials only).`);
  }
  const creds = clientCredentials(req, form);
  const client = creds.clientId ? view.clients[creds.clientId] : undefined;
  if (!client || !client.ClientSecret || client.ClientSecret !== creds.clientSecret) {
    // RFC 6749 §5.2: 401 when the client tried HTTP authentication, else 400.
    return creds.viaHeader
      ? oauthError(401, 'invalid_client', 'Client authentication failed.', { 'www-authenticate': 'Basic realm="token"' })
      : oauthError(400, 'invalid_client', 'Client authentication failed.');
  }
  const flows: string[] = client.AllowedOAuthFlows ?? [];
  if (client.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes('client_credentials')) {
    return oauthError(400, 'unauthorized_client', 'The client is not allowed to use the client_credentials grant.');
  }
  const grantable = grantableScopes(view, client);
  const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const unknown = requested.filter((s) => !grantable.has(s));
  if (unknown.length > 0) return oauthError(400, 'invalid_scope', `Scope not allowed for this client: ${unknown.join(' ')}`);
  const scopes = requested.length > 0 ? requested : [...grantable];
  if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'The client has no custom scopes to grant.');

  const issuedAt = Math.floor(now / 1000);
  const expiresIn = accessTokenSeconds(client);
  const accessToken = await new SignJWT({
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: issuedAt,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  })
    .setProtectedHeader({ alg: 'RS256', kid: view.signingKey.kid })
    .setIssuer(tokenIssuer(view))
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresIn)
    .sign(await signingKey(view));
  return {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache' },
    body: JSON.stringify({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }),
  };
}
