/**
 * `replica list` read as far as it can be: ListUserPoolReplicas in the primary, else in the secondary
 * (any Region that hosts the pool answers it [INF: aws-conformance A7 "either"]), saying which Region
 * answered and that a secondary's view may lag the primary's. A failed read is an unreadable finding.
 */
import type { Topology } from '../config/topology.js';
import type { CognitoReader, ReplicaInfo } from '../ports/cognito.js';
import type { ReadLog, UnreadableFinding } from '../unreadable.js';

export interface ReplicaListing {
  userPoolId: string;
  /** null: no Region could answer. */
  replicas: ReplicaInfo[] | null;
  /** The Region whose answer this is; null when none answered. */
  answeredBy: string | null;
  /** True when the answer came from the secondary (the primary did not answer): it may lag. */
  stale: boolean;
  /** A Region that answered that it does not host the pool (not an outage: nothing to re-run). */
  notHostedIn: string[];
  unreadable: UnreadableFinding[];
}

const NOT_FOUND = 'ResourceNotFoundException';

export async function listReplicasReadable(cognito: CognitoReader, t: Topology, reads: ReadLog): Promise<ReplicaListing> {
  const listing: ReplicaListing = { userPoolId: t.userPoolId, replicas: null, answeredBy: null, stale: false, notHostedIn: [], unreadable: [] };
  // The primary's "no such pool" is its answer and ends the command as before; the secondary's only
  // means it holds no replica, so it cannot stand in.
  const primary = await reads.attempt({ service: 'cognito-idp', operation: 'ListUserPoolReplicas', region: t.primaryRegion }, () => cognito.listReplicas(t.primaryRegion, t.userPoolId));
  if (primary.ok) return { ...listing, replicas: primary.value, answeredBy: t.primaryRegion };
  listing.unreadable.push(primary.unreadable);
  const secondary = await reads.attempt({ service: 'cognito-idp', operation: 'ListUserPoolReplicas', region: t.secondaryRegion }, () =>
    cognito.listReplicas(t.secondaryRegion, t.userPoolId).catch((err: { name?: string }) => {
      if (err?.name === NOT_FOUND) return null;
      throw err;
    }),
  );
  if (!secondary.ok) return { ...listing, unreadable: [...listing.unreadable, secondary.unreadable] };
  if (secondary.value === null) return { ...listing, notHostedIn: [t.secondaryRegion] };
  return { ...listing, replicas: secondary.value, answeredBy: t.secondaryRegion, stale: true };
}
