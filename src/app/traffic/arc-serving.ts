/**
 * Where users are routed now under the arc-routing-control strategy, for `status` and `health`
 * (`data.dns.serving`): the Regions whose routing control is On, read from whichever cluster endpoint
 * answers. Undefined for the other strategies; `serving` is null when no endpoint answered.
 */
import type { AwsClients } from '../../aws/clients.js';
import type { DnsConfig } from '../../core/config/schema.js';
import { arcConfigOf } from '../../core/dns/arc-config.js';
import { describeArcStates, readArcStates, servingFromRoutingControls, type ArcStates } from '../../core/failover/arc-states.js';

type Regions = { primary: string; secondary: string };

export interface ArcServing {
  serving: string[] | null;
  evidence: string;
}

/** The routing control states, read from the first cluster endpoint that answers; undefined for other strategies. */
export async function readArcStatesOf(clients: AwsClients, dns: DnsConfig | undefined, regions: Regions): Promise<ArcStates | undefined> {
  const arc = arcConfigOf(dns);
  if (!arc) return undefined;
  if (!arc.endpoints?.length) return { failed: [], error: 'no cluster endpoints configured (dns.arc.endpoints)' };
  const { arcCluster } = await import('../../aws/arc-cluster.js');
  return readArcStates(arcCluster(clients, arc.endpoints), arc, regions);
}

export async function readArcServing(clients: AwsClients, dns: DnsConfig | undefined, regions: Regions): Promise<ArcServing | undefined> {
  const states = await readArcStatesOf(clients, dns, regions);
  if (!states) return undefined;
  return { serving: states.byRegion ? servingFromRoutingControls(states.byRegion, [regions.primary, regions.secondary]) : null, evidence: describeArcStates(states, regions) };
}
