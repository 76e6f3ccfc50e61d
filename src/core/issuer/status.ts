/**
 * `issuer status`: the pool's issuer type, the issuer URL each Region's tokens carry, and whether the
 * discovery document and JWKS answer there. The JWKS is what every validator needs: if it does not
 * answer in a Region that hosts the pool, tokens cannot be validated — that is a finding (exit 3).
 * ui/issuer/status-text.ts lays the result out as text.
 */
import type { Topology } from '../config/topology.js';
import type { CognitoReader } from '../ports/cognito.js';
import { discoveryCheck, jwksCheck, type IssuerCheck } from './checks.js';
import type { DiscoveryProbe, JwksProbe, OidcProbes } from './probe-types.js';
import { readIssuerState } from './read.js';
import { discoveryUrl, issuerUrl, jwksUrl, type IssuerType } from './urls.js';

export interface IssuerRegionStatus {
  region: string;
  role: 'primary' | 'secondary';
  /** The replica's status in this Region, or "none" for a secondary Region without a replica. */
  replicaStatus: string;
  /** True when this Region serves the pool (the primary; a secondary once INACTIVE or ACTIVE). */
  hosted: boolean;
  issuer: string;
  discoveryUrl: string;
  jwksUrl: string;
  /** Probed only where the pool is hosted. */
  discovery?: DiscoveryProbe;
  jwks?: JwksProbe;
  checks: IssuerCheck[];
}

export interface IssuerStatus {
  userPoolId: string;
  type: IssuerType;
  regions: IssuerRegionStatus[];
  /** False when the JWKS does not answer (or is empty) in a Region that hosts the pool. */
  ok: boolean;
}

/** The same URL (UPDATED: one issuer for all Regions) is probed once. */
function memo<T>(fn: (url: string) => Promise<T>): (url: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (url) => {
    let p = seen.get(url);
    if (!p) seen.set(url, (p = fn(url)));
    return p;
  };
}

export async function readIssuerStatus(reader: CognitoReader, probes: OidcProbes, topology: Topology): Promise<IssuerStatus> {
  const obs = await readIssuerState(reader, topology, { withClients: false });
  const fetchDiscovery = memo((u) => probes.fetchDiscovery(u));
  const fetchJwks = memo((u) => probes.fetchJwks(u));
  const roles = [
    { region: topology.primaryRegion, role: 'primary' as const },
    { region: topology.secondaryRegion, role: 'secondary' as const },
  ];
  const regions = await Promise.all(
    roles.map(async ({ region, role }): Promise<IssuerRegionStatus> => {
      const issuer = issuerUrl(obs.type, topology, region);
      const replica = obs.replicas.find((r) => r.RegionName === region);
      const status: IssuerRegionStatus = {
        region,
        role,
        replicaStatus: replica?.Status ?? (role === 'primary' ? 'ACTIVE' : 'none'),
        hosted: obs.hostingRegions.includes(region),
        issuer,
        discoveryUrl: discoveryUrl(issuer),
        jwksUrl: jwksUrl(issuer),
        checks: [],
      };
      if (!status.hosted) return status;
      const [discovery, jwks] = await Promise.all([fetchDiscovery(status.discoveryUrl), fetchJwks(status.jwksUrl)]);
      status.discovery = discovery;
      status.jwks = jwks;
      status.checks = [discoveryCheck(`${region}.discovery`, discovery, issuer), jwksCheck(`${region}.jwks`, jwks)];
      return status;
    }),
  );
  const ok = regions.every((r) => !r.hosted || r.checks.find((c) => c.id === `${r.region}.jwks`)?.status === 'pass');
  return { userPoolId: topology.userPoolId, type: obs.type, regions, ok };
}
