/**
 * The arc-routing-control part of a failover's observation (observe.ts calls it): the routing control
 * states from the cluster, the source Region's health from a probe when no Route 53 health check can
 * be read, and the anti-flap evidence from those probes. Nothing here calls the source Region's AWS
 * APIs or us-east-1's control plane.
 */
import type { AntiFlapEvidence } from '../health/anti-flap.js';
import { endpointHealthy, type HealthCheckReading } from '../health/checkers.js';
import type { WantedState } from '../health/window.js';
import type { ArcConfig } from '../dns/arc-config.js';
import type { DnsState, Regions } from './dns-state.js';
import { describeArcStates, probeAntiFlap, probeReading, readArcStates, servingFromRoutingControls, type ArcStates } from './arc-states.js';
import type { FailoverPorts } from './observe.js';

export type { ArcStates } from './arc-states.js';

export function arcDnsState(arc: ArcConfig, regions: Regions, states: ArcStates): DnsState {
  const serving = servingFromRoutingControls(states.byRegion, [regions.primary, regions.secondary]);
  const to = states.byRegion ? (serving.length > 0 ? `users are routed to ${serving.join(' and ')}` : 'every control is Off: the records answer by Route 53 failover rules only') : 'where users are routed is unknown';
  return { strategy: 'arc-routing-control', serving, evidence: `${describeArcStates(states, regions)} → ${to} (cluster ${arc.clusterArn.split('/').pop()})` };
}

export interface ArcSide {
  states: ArcStates;
  /** The source Region's health: its health check when readable, else a probe of its endpoints. */
  sourceHealth: HealthCheckReading;
  antiFlapFromProbes(primaryReading: HealthCheckReading | undefined): boolean;
  antiFlap(region: string, want: WantedState, windowSeconds: number, checkId: string | undefined, reading: HealthCheckReading | undefined): Promise<AntiFlapEvidence>;
}

export async function observeArcSide(
  ports: FailoverPorts,
  req: { arc: ArcConfig; regions: Regions; source: string; userPoolId: string; sourceCheck?: HealthCheckReading },
): Promise<ArcSide> {
  const noCluster = { failed: [], error: 'no cluster endpoints configured (dns.arc.endpoints: run `mrrctl preflight --write-config`)' };
  const [states, sourceHealth] = await Promise.all([
    ports.arc ? readArcStates(ports.arc, req.arc, req.regions) : Promise.resolve<ArcStates>(noCluster),
    endpointHealthy(req.sourceCheck) !== undefined && req.sourceCheck ? Promise.resolve(req.sourceCheck) : probeReading(ports.probes, req.source, req.userPoolId),
  ]);
  return {
    states,
    sourceHealth,
    antiFlapFromProbes: (reading) => endpointHealthy(reading) === undefined,
    antiFlap: (region, want, windowSeconds, checkId, reading) =>
      probeAntiFlap(
        { clock: ports.clock, emit: ports.emit, signal: ports.signal, read: () => probeReading(ports.probes, region, req.userPoolId) },
        {
          region,
          want,
          windowSeconds,
          unread: checkId
            ? `health check ${checkId} could not be read (${reading?.error ?? 'no status'}): Route 53's GetHealthCheckStatus and CloudWatch are in us-east-1`
            : `no Route 53 health check watches ${region} (dns.records.${region}.healthCheckId; the records' RECOVERY_CONTROL checks follow the routing controls, not the Region)`,
        },
      ),
  };
}
