/**
 * The ARC part of `GET /_sandbox/state` and `mrrctl sandbox status`: each cluster, which of its
 * endpoints a fault has taken down, and every routing control's state — read through the
 * control-config API and the cluster data plane in-process (no faults, no call log), as the rest of
 * the summary is.
 */
import type { JsonObject, JsonService } from '../types.js';
import type { World } from '../world.js';
import { ARC_CLUSTER_SERVICE, ARC_CLUSTER_TARGET } from './cluster-api.js';
import { ARC_CONFIG_REGION } from './endpoints.js';

export interface ArcClusterSummary {
  clusterArn: string;
  name: string;
  endpoints: Array<{ region: string; down: boolean }>;
  routingControls: Array<{ controlPanel: string; name: string; arn: string; state: string }>;
}

export async function summarizeArc(world: World): Promise<ArcClusterSummary[]> {
  const cluster = world.jsonService(ARC_CLUSTER_TARGET) as JsonService | undefined;
  const listReq = { method: 'GET', path: '/cluster', query: new URLSearchParams(), headers: {}, body: '' };
  if (!cluster || !world.routeRest(listReq)) return [];
  const { response } = await world.invokeRest(listReq, ARC_CONFIG_REGION, { trackRegion: false });
  if (response.status >= 400) throw new Error(`ListClusters answered ${response.status}`);
  const clusters = (JSON.parse(response.body ?? '{}').Clusters ?? []) as JsonObject[];
  const summaries: ArcClusterSummary[] = [];
  for (const c of clusters) {
    const clusterId = String(c.ClusterArn).split('/').pop()!;
    const ctx = { ...world.context(ARC_CONFIG_REGION, false), arcEndpoint: { clusterId, region: ARC_CONFIG_REGION } };
    const listed = await cluster.handle('ListRoutingControls', {}, ctx);
    summaries.push({
      clusterArn: String(c.ClusterArn),
      name: String(c.Name),
      endpoints: (c.ClusterEndpoints as JsonObject[]).map((e) => ({
        region: String(e.Region),
        down: world.faults.isRegionDown(String(e.Region), ARC_CLUSTER_SERVICE),
      })),
      routingControls: (listed.RoutingControls as JsonObject[]).map((rc) => ({
        controlPanel: String(rc.ControlPanelName),
        name: String(rc.RoutingControlName),
        arn: String(rc.RoutingControlArn),
        state: String(rc.RoutingControlState),
      })),
    });
  }
  return summaries;
}
