/**
 * The health of one Region for the pool: its Route 53 health check, the pool as that Region serves it
 * (replica status), the Region's own discovery document and JWKS, and a client_credentials token from
 * its token endpoint when a probe client is configured. Only that Region's endpoints and the global
 * Route 53 API are asked, so probing the secondary works while the primary is down.
 */
import type { ClientCredentials, ClientCredentialsCheck, DiscoveryProbe, JwksProbe, OidcProbes } from '../issuer/probe-types.js';
import { discoveryUrl, issuerTypeOf, issuerUrl, jwksUrl, originalIssuerUrl, prefixDomainHost, tokenEndpointUrl } from '../issuer/urls.js';
import type { CognitoReader, UserPool } from '../ports/cognito.js';
import type { Route53Reader } from '../ports/route53.js';
import { endpointHealthy, errorText, type HealthCheckReading } from './checkers.js';
import { readHealthCheck } from './status.js';

export type RegionHealthStatus = 'healthy' | 'unhealthy' | 'inactive' | 'absent';

export interface RegionHealth {
  region: string;
  role: 'primary' | 'secondary';
  /** ACTIVE, INACTIVE, CREATING…; undefined when the Region does not host the pool (or did not answer). */
  replicaStatus?: string;
  healthCheck?: HealthCheckReading;
  discovery?: DiscoveryProbe;
  jwks?: JwksProbe;
  token?: ClientCredentialsCheck;
  /** Why no token was requested. */
  tokenSkipped?: string;
  status: RegionHealthStatus;
  problems: string[];
  /** The pool as this Region describes it (for callers that need its issuer or MFA settings). */
  pool?: UserPool;
  /** URLs probed whose behaviour AWS does not document (a secondary's prefix-domain host, aws-conformance G6). */
  unverified?: string[];
}

/** Why a secondary's prefix-domain URL is only a guess. */
export const SECONDARY_PREFIX_DOMAIN_UNVERIFIED =
  'a secondary prefix-domain URL is unverified: AWS documents prefix domains as Region-specific and does not say whether a replica answers on one (source G6 in docs/aws-conformance.md)';

/** A prefix-domain host that does not exist (or is not served) in this Region: no answer on that name at all. */
function noSuchHost(token: ClientCredentialsCheck): boolean {
  return token.token.error?.name === 'HostNotFound' || token.token.status === 404;
}

export interface RegionHealthPorts {
  cognito: CognitoReader;
  route53: Route53Reader;
  probes: OidcProbes;
}

export interface RegionHealthRequest {
  region: string;
  role: 'primary' | 'secondary';
  userPoolId: string;
  primaryRegion: string;
  healthCheckId?: string;
  credentials?: ClientCredentials;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };
async function settle<T>(read: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
}

function healthCheckOf(route53: Route53Reader, id: string): Promise<HealthCheckReading> {
  return readHealthCheck({ route53 }, id);
}

/**
 * The token endpoint of the pool in `region`: its prefix domain's Regional host (so the answer comes
 * from that Region), else its custom domain (which failover routing may send to either Region).
 * [INF: AWS does not say whether a replica answers on the prefix domain's Regional host.]
 */
export function tokenEndpointIn(pool: UserPool, region: string): string | undefined {
  if (pool.Domain) return tokenEndpointUrl(prefixDomainHost(pool.Domain, region));
  return pool.CustomDomain ? tokenEndpointUrl(pool.CustomDomain) : undefined;
}

type TokenOutcome = Pick<RegionHealth, 'token' | 'tokenSkipped' | 'unverified'>;

/**
 * The client_credentials probe, or why there is none: it needs only the pool and the replica listing,
 * so it starts as soon as they answer, not after the health check, discovery and JWKS reads.
 */
async function tokenProbe(ports: RegionHealthPorts, req: RegionHealthRequest, hosted: UserPool | undefined, replicaStatus: string | undefined): Promise<TokenOutcome> {
  const active = replicaStatus === 'ACTIVE';
  const tokenUrl = hosted ? tokenEndpointIn(hosted, req.region) : undefined;
  if (!req.credentials) return { tokenSkipped: 'no probe client configured (probe.clientId and MRRCTL_PROBE_CLIENT_SECRET)' };
  if (!hosted) return { tokenSkipped: `the pool could not be read in ${req.region}` };
  if (!active) return { tokenSkipped: `the replica in ${req.region} is ${replicaStatus ?? 'unknown'}: it serves no tokens until ACTIVE` };
  if (!tokenUrl) return { tokenSkipped: 'the pool has no domain, so no token endpoint' };
  const issuer = issuerUrl(issuerTypeOf(hosted), { userPoolId: req.userPoolId, primaryRegion: req.primaryRegion }, req.region);
  const prefixInSecondary = req.role === 'secondary' && Boolean(hosted.Domain);
  const outcome: TokenOutcome = prefixInSecondary ? { unverified: [tokenUrl] } : {};
  const token = await ports.probes.checkClientCredentials(tokenUrl, req.credentials, { issuer, jwksUrl: jwksUrl(originalIssuerUrl(req.region, req.userPoolId)) });
  if (prefixInSecondary && noSuchHost(token)) {
    // Tolerated: the secondary may have no prefix domain of its own; its discovery and JWKS are the evidence.
    const why = token.token.error?.name === 'HostNotFound' ? 'the name does not resolve' : `HTTP ${token.token.status}`;
    outcome.tokenSkipped = `no prefix domain answers in ${req.region} (${tokenUrl}: ${why}); ${SECONDARY_PREFIX_DOMAIN_UNVERIFIED}`;
  } else outcome.token = token;
  return outcome;
}

export async function probeRegionHealth(ports: RegionHealthPorts, req: RegionHealthRequest): Promise<RegionHealth> {
  const regional = originalIssuerUrl(req.region, req.userPoolId);
  const poolP = settle(() => ports.cognito.describeUserPool(req.region, req.userPoolId));
  const replicasP = settle(() => ports.cognito.listReplicas(req.region, req.userPoolId));
  const replicaStatusOf = (pool: Settled<UserPool | undefined>, replicas: Settled<Awaited<ReturnType<CognitoReader['listReplicas']>>>) => {
    const hosted = pool.ok ? pool.value : undefined;
    const entry = replicas.ok ? replicas.value.find((r) => r.RegionName === req.region) : undefined;
    return req.role === 'primary' ? (hosted ? 'ACTIVE' : undefined) : entry?.Status;
  };
  // A Region that does not host the pool is "absent": no token is asked (the pool answered, without it).
  const tokenP = Promise.all([poolP, replicasP]).then(([pool, replicas]): TokenOutcome | Promise<TokenOutcome> =>
    pool.ok && !pool.value ? {} : tokenProbe(ports, req, pool.ok ? pool.value : undefined, replicaStatusOf(pool, replicas)),
  );
  const [healthCheck, pool, replicas, discovery, jwks, tokenOutcome] = await Promise.all([
    req.healthCheckId ? healthCheckOf(ports.route53, req.healthCheckId) : Promise.resolve(undefined),
    poolP,
    replicasP,
    // The Region's own endpoints: the issuer host that names this Region.
    ports.probes.fetchDiscovery(discoveryUrl(regional)),
    ports.probes.fetchJwks(jwksUrl(regional)),
    tokenP,
  ]);
  const problems: string[] = [];
  const result: RegionHealth = { region: req.region, role: req.role, status: 'healthy', problems, discovery, jwks };
  if (healthCheck) result.healthCheck = healthCheck;

  if (!pool.ok) problems.push(`the Cognito API in ${req.region} did not answer: ${pool.error}`);
  else if (!replicas.ok && req.role === 'secondary') problems.push(`ListUserPoolReplicas in ${req.region} failed: ${replicas.error}`);
  const hosted = pool.ok ? pool.value : undefined;
  if (hosted) result.pool = hosted;
  result.replicaStatus = replicaStatusOf(pool, replicas);
  if (pool.ok && !hosted) {
    result.status = 'absent';
    result.tokenSkipped = `${req.region} does not host ${req.userPoolId}`;
    return result;
  }

  // The Region's health is the endpoint's, whatever Inverted or Disabled make of the check's status.
  if (healthCheck && endpointHealthy(healthCheck) === false) {
    const seen = healthCheck.source === 'cloudwatch' ? 'per CloudWatch' : `${healthCheck.healthyCheckers}/${healthCheck.checkers} checkers`;
    problems.push(`Route 53 health check ${healthCheck.id} sees the endpoint unhealthy (${seen})`);
  }
  // An unreadable check (Route 53's API down, a wrong id) says nothing about the Region itself:
  // the Region's own endpoints below are the evidence, and the table shows "unreadable".
  if (!discovery.ok) problems.push(`discovery ${discovery.url}: ${discovery.error?.name ?? 'failed'}`);
  if (!jwks.ok || jwks.keyCount === 0) problems.push(`JWKS ${jwks.url}: ${jwks.error?.name ?? 'no keys'}`);

  // Set in the order they always were (the JSON's key order): unverified, then the token or why not.
  if (tokenOutcome.unverified) result.unverified = tokenOutcome.unverified;
  if (tokenOutcome.tokenSkipped !== undefined) result.tokenSkipped = tokenOutcome.tokenSkipped;
  if (tokenOutcome.token) result.token = tokenOutcome.token;
  if (result.token && !result.token.token.ok) problems.push(`token ${hosted ? tokenEndpointIn(hosted, req.region) : ''}: ${result.token.token.error?.name ?? 'failed'}`);
  else if (result.token?.verification && !result.token.verification.ok) {
    problems.push(`the token from ${req.region} does not verify: ${result.token.verification.error?.name ?? 'failed'}`);
  }

  if (problems.length > 0) result.status = 'unhealthy';
  else if (result.replicaStatus !== 'ACTIVE') result.status = 'inactive';
  return result;
}
