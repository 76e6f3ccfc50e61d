/**
 * Internal values → their contract shape (./common.ts): an absent field becomes `null`, JWT claim
 * names become camelCase. Pure and free of zod (types only), so a command that renders JSON does
 * not load the schema library.
 */
import type { HealthCheckReading } from '../health/checkers.js';
import type { ClientCredentialsCheck, DiscoveryProbe, HttpProbe, JwksProbe, ProbeError, TokenClaims } from '../issuer/probe-types.js';
import type { IssuerStatus } from '../issuer/status.js';
import type { ApplyResult } from '../plan/types.js';
import type * as z from 'zod';
import type { clientCredentialsCheck, discoveryProbe, healthCheckReading, jwksProbe, tokenClaims } from './common.js';

function httpProbe(p: HttpProbe) {
  return { url: p.url, ok: p.ok, status: p.status ?? null, latencyMs: p.latencyMs, error: probeErrorOf(p.error) };
}

function probeErrorOf(e: ProbeError | undefined) {
  return e ? { name: e.name, message: e.message } : null;
}

export function discoveryOf(p: DiscoveryProbe): z.infer<typeof discoveryProbe> {
  return { ...httpProbe(p), issuer: p.issuer ?? null, jwksUri: p.jwksUri ?? null, tokenEndpoint: p.tokenEndpoint ?? null };
}

export function jwksOf(p: JwksProbe): z.infer<typeof jwksProbe> {
  return { ...httpProbe(p), keyCount: p.keyCount, kids: [...p.kids] };
}

export function claimsOf(c: TokenClaims | undefined): z.infer<typeof tokenClaims> | null {
  if (!c) return null;
  return { iss: c.iss ?? null, clientId: c.client_id ?? null, tokenUse: c.token_use ?? null, scope: c.scope ?? null, exp: c.exp ?? null };
}

export function clientCredentialsOf(c: ClientCredentialsCheck): z.infer<typeof clientCredentialsCheck> {
  const v = c.verification;
  return {
    token: { ...httpProbe(c.token), claims: claimsOf(c.token.claims) },
    verification: v ? { ok: v.ok, claims: claimsOf(v.claims), error: probeErrorOf(v.error) } : null,
  };
}

export function healthCheckOf(h: HealthCheckReading): z.infer<typeof healthCheckReading> {
  return {
    id: h.id,
    healthy: h.healthy ?? null,
    endpointHealthy: h.endpointHealthy ?? null,
    source: h.source ?? null,
    type: h.type ?? null,
    healthyCheckers: h.healthyCheckers,
    checkers: h.checkers,
    share: h.share,
    inverted: h.inverted ?? null,
    disabled: h.disabled ?? null,
    error: h.error ?? null,
  };
}

/** An apply's outcome as the contract spells it: absent fields null, each step's AWS output verbatim. */
export function applyResultOf(r: ApplyResult) {
  return {
    planHash: r.planHash,
    ok: r.ok,
    results: r.results.map((x) => ({
      stepId: x.stepId,
      status: x.status,
      startedAt: x.startedAt,
      durationMs: x.durationMs,
      output: x.output ?? null,
      error: x.error ? { name: x.error.name, message: x.error.message, code: x.error.code ?? null } : null,
    })),
    failedStep: r.failedStep ?? null,
    notRun: [...r.notRun],
    interrupted: r.interrupted === true,
  };
}

/** `issuer status` data: the probes in their contract shape; a Region not probed has null probes. */
export function issuerStatusData(s: IssuerStatus) {
  return {
    ...s,
    regions: s.regions.map((r) => ({ ...r, discovery: r.discovery ? discoveryOf(r.discovery) : null, jwks: r.jwks ? jwksOf(r.jwks) : null })),
  };
}
