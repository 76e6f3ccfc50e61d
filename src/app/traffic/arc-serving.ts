/**
 * Where users are routed now under the arc-routing-control strategy, for `status` and `health`
 * (`data.dns.serving`): the Regions whose routing control is On, read from whichever cluster endpoint
 * answers. Undefined for the other strategies; `serving` is null when no endpoint answered.
 */
import type { AwsClients } from '../../aws/clients.js';
import type { DnsConfig } from '../../core/config/schema.js';
import { arcConfigOf } from '../../core/dns/arc-config.js';
import { describeArcStates, readArcStates, servingFromRoutingControls } from '../../core/failover/arc-states.js';

export interface ArcServing {
  serving: string[] | null;
  evidence: string;
}

export async function readArcServing(clients: AwsClients, dns: DnsConfig | undefined, regions: { primary: string; secondary: string }): Promise<ArcServing | undefined> {
  const arc = arcConfigOf(dns);
  if (!arc) return undefined;
  if (!arc.endpoints?.length) return { serving: null, evidence: 'no cluster endpoints configured (dns.arc.endpoints)' };
  const { arcCluster } = await import('../../aws/arc-cluster.js');
  const states = await readArcStates(arcCluster(clients, arc.endpoints), arc, regions);
  return { serving: states.byRegion ? servingFromRoutingControls(states.byRegion, [regions.primary, regions.secondary]) : null, evidence: describeArcStates(states, regions) };
}
