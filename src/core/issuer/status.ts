/**
 * `issuer status`: the pool's issuer type, the issuer URL each Region's tokens carry, and whether the
 * discovery document and JWKS answer there. The JWKS is what every validator needs: if it does not
 * answer in a Region that hosts the pool, tokens cannot be validated — that is a finding (exit 3).
 * ui/issuer/status-text.ts lays the result out as text.
 */
import type { Topology } from '../config/topology.js';
import { InputError } from '../errors.js';
import type { CognitoReader, ReplicaInfo } from '../ports/cognito.js';
import { ReadLog, type UnreadableFinding } from '../unreadable.js';
import { discoveryCheck, jwksCheck, type IssuerCheck } from './checks.js';
import type { DiscoveryProbe, JwksProbe, OidcProbes } from './probe-types.js';
import { hostingRegions } from './read.js';
import { discoveryUrl, issuerTypeOf, issuerUrl, jwksUrl, type IssuerType } from './urls.js';

export interface IssuerRegionStatus {
  region: string;
  role: 'primary' | 'secondary';
  /** The replica's status in this Region, "none" for a secondary Region without a replica, "unknown" when it could not be read. */
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
  /** null: the pool could be read in neither Region. */
  type: IssuerType | null;
  regions: IssuerRegionStatus[];
  /** False when the JWKS does not answer (or is empty) in a Region that hosts the pool, or a read failed. */
  ok: boolean;
  /** The Region whose Cognito API answered for the pool (null: none did). */
  answeredBy: string | null;
  /** True when the primary did not answer and the pool was read from the secondary: the view may lag. */
  stale: boolean;
  /** The reads that failed, each an "unreadable: … re-run after recovery" line. */
  unreadable: UnreadableFinding[];
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

const cognitoRead = (operation: string) => ({ service: 'cognito-idp', operation });

/**
 * DescribeUserPool and ListUserPoolReplicas from the primary, else from the secondary (a replica's
 * Region answers both for the pool); a read that fails in both is an unreadable finding and the status
 * shows what is known.
 */
export async function readIssuerStatus(reader: CognitoReader, probes: OidcProbes, topology: Topology, reads: ReadLog = new ReadLog()): Promise<IssuerStatus> {
  const { primaryRegion: P, secondaryRegion: S, userPoolId } = topology;
  const pool = await reads.first([P, S], cognitoRead('DescribeUserPool'), (r) => reader.describeUserPool(r, userPoolId));
  if (pool.ok && pool.value === undefined && pool.region === P) {
    throw new InputError('MRR_ISSUER_E001', 'config', 'userPoolId', userPoolId, `a user pool that exists in the primary Region ${P} (DescribeUserPool found none)`);
  }
  if (!pool.ok || pool.value === undefined) return { userPoolId, type: null, regions: [], ok: false, answeredBy: null, stale: false, unreadable: reads.items };
  const stale = pool.region !== P;
  const type = issuerTypeOf(pool.value);
  const listed = await reads.first(stale ? [S] : [P, S], cognitoRead('ListUserPoolReplicas'), (r) => reader.listReplicas(r, userPoolId));
  const replicas: ReplicaInfo[] | undefined = listed.ok ? listed.value : undefined;
  // The secondary answered for the pool: it hosts it, whatever the replica list says.
  const hosting = replicas ? hostingRegions(P, replicas) : stale ? [P, S] : [P];
  const fetchDiscovery = memo((u) => probes.fetchDiscovery(u));
  const fetchJwks = memo((u) => probes.fetchJwks(u));
  const roles = [
    { region: P, role: 'primary' as const },
    { region: S, role: 'secondary' as const },
  ];
  const regions = await Promise.all(
    roles.map(async ({ region, role }): Promise<IssuerRegionStatus> => {
      const issuer = issuerUrl(type, topology, region);
      const replica = replicas?.find((r) => r.RegionName === region);
      const status: IssuerRegionStatus = {
        region,
        role,
        replicaStatus: replica?.Status ?? (role === 'primary' ? 'ACTIVE' : replicas ? 'none' : 'unknown'),
        hosted: hosting.includes(region),
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
  const jwksOk = regions.every((r) => !r.hosted || r.checks.find((c) => c.id === `${r.region}.jwks`)?.status === 'pass');
  return { userPoolId, type, regions, ok: jwksOk && reads.items.length === 0, answeredBy: pool.region, stale, unreadable: reads.items };
}
