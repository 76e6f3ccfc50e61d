/**
 * The OIDC URLs of a user pool (aws-conformance A5). With the ORIGINAL issuer every Region that hosts the
 * pool has its own issuer (and JWKS), so a token is bound to the Region that minted it. With UPDATED
 * there is one issuer, named after the PRIMARY Region, served by every Region that hosts the pool.
 */

export type IssuerType = 'ORIGINAL' | 'UPDATED';
export const ISSUER_TYPES: readonly IssuerType[] = ['ORIGINAL', 'UPDATED'];

/** AWS reports no IssuerConfiguration for pools that never set one; they use the ORIGINAL issuer. [INF] */
export function issuerTypeOf(pool: { IssuerConfiguration?: { Type?: string } } | undefined): IssuerType {
  return pool?.IssuerConfiguration?.Type === 'UPDATED' ? 'UPDATED' : 'ORIGINAL';
}

export function originalIssuerUrl(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

export function updatedIssuerUrl(primaryRegion: string, userPoolId: string): string {
  return `https://issuer-cognito-idp.${primaryRegion}.amazonaws.com/${userPoolId}`;
}

export interface PoolLocation {
  userPoolId: string;
  primaryRegion: string;
}

/** The issuer tokens minted in `region` carry, for a pool with issuer type `type`. */
export function issuerUrl(type: IssuerType, pool: PoolLocation, region: string): string {
  return type === 'UPDATED' ? updatedIssuerUrl(pool.primaryRegion, pool.userPoolId) : originalIssuerUrl(region, pool.userPoolId);
}

export function discoveryUrl(issuer: string): string {
  return `${issuer}/.well-known/openid-configuration`;
}

export function jwksUrl(issuer: string): string {
  return `${issuer}/.well-known/jwks.json`;
}

/** The host of a pool's prefix domain (managed login, /oauth2/token) in a Region. */
export function prefixDomainHost(prefix: string, region: string): string {
  return `${prefix}.auth.${region}.amazoncognito.com`;
}

/**
 * The host that serves the pool's OAuth endpoints: its custom domain when it has one (that is what
 * failover routing follows), else its prefix domain in `region`; undefined when it has neither.
 */
export function poolDomainHost(pool: { CustomDomain?: string; Domain?: string }, region: string): string | undefined {
  if (pool.CustomDomain) return pool.CustomDomain;
  if (pool.Domain) return prefixDomainHost(pool.Domain, region);
  return undefined;
}

export function tokenEndpointUrl(domainHost: string): string {
  return `https://${domainHost}/oauth2/token`;
}
