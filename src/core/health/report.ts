/**
 * The `health` report: both Regions side by side, as data (JSON, docs/schemas/health.json);
 * ui/health/health-text.ts lays it out as a table. Its shape is the contract's (core/contract/health.ts):
 * each Region's verdict is `verdict` (not `status`, which in `status` is the replica state), and
 * what is unknown is null.
 */
import type { HealthData, RegionHealthData, RoutingControlsHealth } from '../contract/health.js';
import { describeArcStates, type ArcStates } from '../failover/arc-states.js';
import { clientCredentialsOf, discoveryOf, healthCheckOf, jwksOf } from '../contract/plain.js';
import type { DiscoveryProbe } from '../issuer/probe-types.js';
import type { RegionHealth } from './region.js';

export type HealthReport = HealthData;
export type RegionHealthRow = RegionHealthData;

export function regionHealthRow(r: RegionHealth): RegionHealthRow {
  return {
    region: r.region,
    role: r.role,
    replicaStatus: r.replicaStatus ?? null,
    healthCheck: r.healthCheck ? healthCheckOf(r.healthCheck) : null,
    discovery: r.discovery ? discoveryOf(r.discovery) : null,
    jwks: r.jwks ? jwksOf(r.jwks) : null,
    token: r.token ? clientCredentialsOf(r.token) : null,
    tokenSkipped: r.tokenSkipped ?? null,
    verdict: r.status,
    problems: [...r.problems],
    unverified: [...(r.unverified ?? [])],
  };
}

/** The routing control states as `health` reports them (the same reading `status` shows as DNS evidence). */
export function routingControlsOf(states: ArcStates, regions: { primary: string; secondary: string }): RoutingControlsHealth {
  return {
    states: states.byRegion ? { ...states.byRegion } : null,
    endpoint: states.endpoint?.region ?? null,
    unanswered: states.failed.map((f) => f.endpoint.region),
    error: states.byRegion ? null : (states.error ?? 'no endpoint answered'),
    evidence: describeArcStates(states, regions),
  };
}

export function healthReport(
  userPoolId: string,
  regions: RegionHealth[],
  issuer?: { type: string; url: string; discovery?: DiscoveryProbe },
  routingControls: RoutingControlsHealth | null = null,
): HealthReport {
  const issuerOk = issuer?.discovery ? issuer.discovery.ok && issuer.discovery.issuer === issuer.url : null;
  const healthy = regions.every((r) => r.status !== 'unhealthy') && issuerOk !== false;
  return {
    userPoolId,
    issuer: issuer ? { type: issuer.type, url: issuer.url, discovery: issuer.discovery ? discoveryOf(issuer.discovery) : null } : null,
    regions: regions.map(regionHealthRow),
    healthy,
    issuerOk,
    routingControls,
  };
}
