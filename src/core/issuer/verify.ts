/**
 * The checks after an issuer switch: the pool reports the target type, the new issuer's discovery
 * document and JWKS answer, and (when a probe client is configured) a fresh client_credentials token
 * carries the new `iss` and verifies against the new JWKS.
 */
import type { Topology } from '../config/topology.js';
import type { UserPool } from '../ports/cognito.js';
import { checkLine, discoveryCheck, jwksCheck, probeOutcome, type IssuerCheck } from './checks.js';
import type { ClientCredentialsCheck, OidcProbes } from './probe-types.js';
import { discoveryUrl, issuerTypeOf, issuerUrl, jwksUrl, poolDomainHost, tokenEndpointUrl, type IssuerType } from './urls.js';

export interface IssuerVerifyInput {
  topology: Topology;
  expected: IssuerType;
  /** The pool as DescribeUserPool returns it after the apply. */
  pool: UserPool;
  hostingRegions: string[];
  probes: OidcProbes;
  /** From config.probe.clientId and MRRCTL_PROBE_CLIENT_SECRET; either may be missing. */
  probeClient: { clientId?: string; clientSecret?: string };
}

export interface IssuerVerifyResult {
  ok: boolean;
  lines: string[];
  data: { checks: IssuerCheck[]; token?: ClientCredentialsCheck };
}

function distinctIssuers(expected: IssuerType, topology: Topology, regions: string[]): string[] {
  return [...new Set(regions.map((region) => issuerUrl(expected, topology, region)))];
}

async function tokenCheck(input: IssuerVerifyInput): Promise<{ check: IssuerCheck; token?: ClientCredentialsCheck }> {
  const { clientId, clientSecret } = input.probeClient;
  const id = 'issuer.token';
  if (!clientId) return { check: { id, status: 'skip', message: 'token check skipped: probe.clientId is not configured' } };
  if (!clientSecret) {
    return { check: { id, status: 'skip', message: `token check skipped: MRRCTL_PROBE_CLIENT_SECRET is not set for probe client ${clientId}` } };
  }
  const host = poolDomainHost(input.pool, input.topology.primaryRegion);
  if (!host) return { check: { id, status: 'skip', message: 'token check skipped: the pool has no domain (no /oauth2/token endpoint)' } };

  // A token minted by the primary carries the primary's issuer (with ORIGINAL, the Regional one). [INF]
  const issuer = issuerUrl(input.expected, input.topology, input.topology.primaryRegion);
  const tokenUrl = tokenEndpointUrl(host);
  const token = await input.probes.checkClientCredentials(tokenUrl, { clientId, clientSecret }, { issuer, jwksUrl: jwksUrl(issuer) });
  if (!token.token.ok) {
    return { token, check: { id, status: 'fail', message: `client_credentials token from ${tokenUrl} refused: ${probeOutcome(token.token)}` } };
  }
  const iss = token.token.claims?.iss;
  if (iss !== issuer) {
    return { token, check: { id, status: 'fail', message: `token from ${tokenUrl} carries iss ${iss ?? '(none)'}, expected ${issuer}` } };
  }
  if (!token.verification?.ok) {
    const why = token.verification?.error ? `${token.verification.error.name}: ${token.verification.error.message}` : 'not verified';
    return { token, check: { id, status: 'fail', message: `token from ${tokenUrl} carries iss ${iss} but does not verify against ${jwksUrl(issuer)}: ${why}` } };
  }
  return {
    token,
    check: { id, status: 'pass', message: `client_credentials token from ${tokenUrl} carries iss ${iss} and verifies against ${jwksUrl(issuer)}` },
  };
}

export async function verifyIssuerSwitch(input: IssuerVerifyInput): Promise<IssuerVerifyResult> {
  const { topology, expected, probes } = input;
  const actual = issuerTypeOf(input.pool);
  const checks: IssuerCheck[] = [
    actual === expected
      ? { id: 'issuer.type', status: 'pass', message: `the pool reports issuer type ${actual}` }
      : { id: 'issuer.type', status: 'fail', message: `the pool reports issuer type ${actual}, expected ${expected}` },
  ];
  for (const issuer of distinctIssuers(expected, topology, input.hostingRegions)) {
    const [discovery, jwks] = await Promise.all([probes.fetchDiscovery(discoveryUrl(issuer)), probes.fetchJwks(jwksUrl(issuer))]);
    checks.push(discoveryCheck('issuer.discovery', discovery, issuer), jwksCheck('issuer.jwks', jwks));
  }
  const token = await tokenCheck(input);
  checks.push(token.check);
  const ok = checks.every((c) => c.status !== 'fail');
  const lines = [`Verification (${ok ? 'passed' : 'FAILED'}):`, ...checks.map((c) => `  ${checkLine(c)}`)];
  if (!ok) lines.push('  Re-check with `mrrctl issuer status` (AWS may take a moment to serve the new issuer).');
  return { ok, lines, data: { checks, ...(token.token ? { token: token.token } : {}) } };
}
