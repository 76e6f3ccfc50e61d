/**
 * Issuer URLs and the two public documents of a pool's issuer: OIDC discovery and the JWKS.
 * ORIGINAL issuers are Regional (`cognito-idp.<region>`); UPDATED issuers name the PRIMARY Region
 * (`issuer-cognito-idp.<primary>`) and every hosting Region serves the same keys.
 */
import type { PoolRegionView } from '../cognito/model.js';
import { publicJwkOf } from '../cognito/signing-keys.js';
import type { JsonObject } from '../types.js';

export function originalIssuer(region: string, poolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

export function updatedIssuer(primaryRegion: string, poolId: string): string {
  return `https://issuer-cognito-idp.${primaryRegion}.amazonaws.com/${poolId}`;
}

/** The `iss` of tokens a Region mints for the pool, per its IssuerConfiguration. */
export function tokenIssuer(view: PoolRegionView): string {
  return view.issuerType === 'UPDATED' ? updatedIssuer(view.primaryRegion, view.poolId) : originalIssuer(view.region, view.poolId);
}

/** The HTTPS base of the pool's managed-login endpoints as served from `view.region`, if it has a domain. */
function domainBase(view: PoolRegionView): string | undefined {
  if (view.customDomain) return `https://${view.customDomain}`;
  if (view.prefixDomain) return `https://${view.prefixDomain}.auth.${view.region}.amazoncognito.com`;
  return undefined;
}

export function openIdConfiguration(view: PoolRegionView, issuer: string): JsonObject {
  const base = domainBase(view);
  const endpoints = base
    ? {
        authorization_endpoint: `${base}/oauth2/authorize`,
        end_session_endpoint: `${base}/logout`,
        revocation_endpoint: `${base}/oauth2/revoke`,
        token_endpoint: `${base}/oauth2/token`,
        userinfo_endpoint: `${base}/oauth2/userInfo`,
      }
    : {};
  return {
    ...endpoints,
    id_token_signing_alg_values_supported: ['RS256'],
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  };
}

export function jwks(view: PoolRegionView): JsonObject {
  return { keys: [publicJwkOf(view.signingKey)] };
}
