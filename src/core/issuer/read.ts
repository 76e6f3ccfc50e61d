/** Observes what the issuer commands need, through the Cognito read port only. */
import { InputError } from '../errors.js';
import type { Topology } from '../config/topology.js';
import type { AppClient, CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import { pagesPacedBy, type KeyedLimiter } from '../drift/limiter.js';
import { issuerTypeOf, type IssuerType } from './urls.js';

export interface IssuerObservation {
  pool: UserPool;
  type: IssuerType;
  replicas: ReplicaInfo[];
  /** The primary, then every Region where a secondary exists and serves (INACTIVE or ACTIVE). */
  hostingRegions: string[];
  clients: AppClient[];
}

/** A secondary that is still CREATING (or DELETING) does not serve the pool's endpoints yet. [INF] */
const SERVING = new Set(['INACTIVE', 'ACTIVE']);

export function hostingRegions(primaryRegion: string, replicas: ReplicaInfo[]): string[] {
  const secondaries = replicas
    .filter((r) => r.Role === 'SECONDARY' && SERVING.has(r.Status) && r.RegionName !== primaryRegion)
    .map((r) => r.RegionName);
  return [primaryRegion, ...new Set(secondaries)];
}

export async function readPool(reader: CognitoReader, topology: Topology): Promise<UserPool> {
  const pool = await reader.describeUserPool(topology.primaryRegion, topology.userPoolId);
  if (!pool) {
    throw new InputError(
      'MRR_ISSUER_E001',
      'config',
      'userPoolId',
      topology.userPoolId,
      `a user pool that exists in the primary Region ${topology.primaryRegion} (DescribeUserPool found none)`,
    );
  }
  return pool;
}

export async function readIssuerState(
  reader: CognitoReader,
  topology: Topology,
  /**
   * `limit` paces the client listing's pages and the per-client DescribeUserPoolClient calls (drift's
   * Cognito limiter: one bucket per quota category); unpaced without.
   */
  opts: { withClients: boolean; limit?: KeyedLimiter },
): Promise<IssuerObservation> {
  const [pool, replicas] = await Promise.all([
    readPool(reader, topology),
    reader.listReplicas(topology.primaryRegion, topology.userPoolId),
  ]);
  let clients: AppClient[] = [];
  if (opts.withClients) {
    const limit = opts.limit;
    const list = () => reader.listAppClients(topology.primaryRegion, topology.userPoolId, limit ? pagesPacedBy(limit, 'ListUserPoolClients') : undefined);
    const summaries = await (limit ? limit('ListUserPoolClients', list) : list());
    const describe = (clientId: string) => () => reader.describeAppClient(topology.primaryRegion, topology.userPoolId, clientId);
    const described = await Promise.all(
      summaries.map((s) => (limit ? limit('DescribeUserPoolClient', describe(s.ClientId)) : describe(s.ClientId)())),
    );
    clients = described.filter((c): c is AppClient => c !== undefined);
  }
  return {
    pool,
    type: issuerTypeOf(pool),
    replicas,
    hostingRegions: hostingRegions(topology.primaryRegion, replicas),
    clients,
  };
}
