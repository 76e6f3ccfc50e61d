/**
 * What the arc-routing-control strategy observes, with nothing in the failed Region on the path:
 * - the routing control states, read from whichever cluster endpoint answers (the data plane);
 * - the source Region's health from its own OIDC discovery endpoint (a probe from here), because the
 *   records' RECOVERY_CONTROL health checks follow the controls, not the Regions, and Route 53's
 *   GetHealthCheckStatus and CloudWatch are in us-east-1, which may be the Region that is down;
 * - the anti-flap window from a configured health check when it can be read, else a live watch of
 *   those probes, saying which evidence could not be read.
 */
import type { AntiFlapEvidence } from '../health/anti-flap.js';
import type { HealthCheckReading } from '../health/checkers.js';
import { watchState, type WatchClock } from '../health/watch.js';
import { formatSeconds, type WantedState } from '../health/window.js';
import type { EmitEvent } from '../events.js';
import type { ArcConfig, ArcEndpoint } from '../dns/arc-config.js';
import { discoveryUrl, originalIssuerUrl } from '../issuer/urls.js';
import type { OidcProbes } from '../issuer/probe-types.js';
import { ArcRefusal, ArcUnreachable, type ArcAttempt, type ArcCluster, type RoutingControlState } from '../ports/arc.js';
import type { Regions } from './dns-state.js';

export interface ArcStates {
  /** The state of each Region's routing control, by Region; undefined when no endpoint answered. */
  byRegion?: Record<string, RoutingControlState>;
  /** The endpoint that answered. */
  endpoint?: ArcEndpoint;
  /** Endpoints that did not answer, each with its error. */
  failed: ArcAttempt[];
  error?: string;
}

/** The Regions users are routed to, by the routing control states: every Region whose control is On. */
export function servingFromRoutingControls(states: Record<string, RoutingControlState> | undefined, regions: string[]): string[] {
  if (!states) return [];
  return regions.filter((r) => states[r] === 'On');
}

export async function readArcStates(cluster: ArcCluster, arc: ArcConfig, regions: Regions, avoid?: string): Promise<ArcStates> {
  const pairs = [regions.primary, regions.secondary].flatMap((r) => (arc.routingControls[r] ? [[r, arc.routingControls[r]] as const] : []));
  try {
    const answer = await cluster.getStates(
      pairs.map(([, arn]) => arn),
      avoid ? { avoid } : {},
    );
    const byRegion = Object.fromEntries(pairs.map(([r, arn]) => [r, answer.value[arn] ?? 'Off'])) as Record<string, RoutingControlState>;
    return { byRegion, endpoint: answer.endpoint, failed: answer.failed };
  } catch (err) {
    if (err instanceof ArcUnreachable) return { failed: err.failed, error: err.message };
    if (err instanceof ArcRefusal) return { failed: err.failed, endpoint: err.endpoint, error: `${err.errorName}: ${err.message}` };
    return { failed: [], error: (err as Error).message ?? String(err) };
  }
}

/** One line on what the cluster said: which endpoint answered and which did not. */
export function describeArcStates(s: ArcStates, regions: Regions): string {
  const down = s.failed.length > 0 ? `; no answer from ${s.failed.map((f) => f.endpoint.region).join(', ')}` : '';
  if (!s.byRegion) return `routing control states unreadable: ${s.error ?? 'no endpoint answered'}${down}`;
  const states = [regions.primary, regions.secondary].map((r) => `${r} ${s.byRegion?.[r] ?? '?'}`).join(', ');
  return `routing controls ${states} (read from the ${s.endpoint?.region} endpoint${down})`;
}

/**
 * The Region's health as seen from here: its OIDC discovery answers with the pool's issuer. Not a
 * Route 53 health check (no checkers from several places), so it says so in its id.
 */
export async function probeReading(probes: OidcProbes, region: string, userPoolId: string): Promise<HealthCheckReading> {
  const id = `OIDC discovery probe of ${region}`;
  const issuer = originalIssuerUrl(region, userPoolId);
  try {
    const d = await probes.fetchDiscovery(discoveryUrl(issuer));
    const up = d.ok && (d.issuer === undefined || d.issuer.length > 0);
    return { id, healthy: up, endpointHealthy: up, healthyCheckers: up ? 1 : 0, checkers: 1, share: up ? 1 : 0, ...(up ? {} : { error: d.error ? `${d.error.name}: ${d.error.message}` : `HTTP ${d.status ?? '?'}` }) };
  } catch (err) {
    return { id, healthy: false, endpointHealthy: false, healthyCheckers: 0, checkers: 1, share: 0, error: (err as Error).message };
  }
}

export interface ProbeAntiFlapPorts {
  clock: WatchClock;
  read(): Promise<HealthCheckReading>;
  emit: EmitEvent;
  signal?: AbortSignal;
}

/**
 * The anti-flap evidence when no Route 53 health check can be read (none configured, or the control
 * plane / CloudWatch in us-east-1 is down): the Region's own endpoints probed now, then watched live
 * for the window. `unread` names the evidence that could not be read, so the guard says it.
 */
export async function probeAntiFlap(
  ports: ProbeAntiFlapPorts,
  req: { region: string; want: WantedState; windowSeconds: number; unread: string },
): Promise<AntiFlapEvidence> {
  const base = { region: req.region, want: req.want, windowSeconds: req.windowSeconds };
  const current = await ports.read();
  const healthy = current.endpointHealthy;
  const wantHealthy = req.want === 'healthy';
  const prefix = `${req.unread}; from probes instead:`;
  if (healthy !== wantHealthy) {
    return { ...base, source: 'current', current, seconds: 0, ok: false, detail: `${prefix} ${req.region} is ${healthy ? 'healthy' : 'unhealthy'} now (${current.id}${current.error ? `: ${current.error}` : ''})` };
  }
  if (req.windowSeconds === 0) {
    return { ...base, source: 'current', current, seconds: 0, ok: true, detail: `${prefix} ${req.region} is ${req.want} now; no window is required (guards.minUnhealthySeconds: 0)` };
  }
  ports.emit({ level: 'info', code: 'anti-flap.live-watch', data: { region: req.region, healthCheckId: current.id, windowSeconds: req.windowSeconds, metricsError: req.unread } });
  const watched = await watchState(
    { clock: ports.clock, read: ports.read, emit: ports.emit, signal: ports.signal },
    { want: req.want, windowSeconds: req.windowSeconds, label: `${req.region} (${current.id})` },
  );
  return { ...base, source: 'live', current, seconds: watched.seconds, ok: watched.ok, detail: `${prefix} ${watched.detail}${watched.ok ? '' : `; the window is ${formatSeconds(req.windowSeconds)}`}` };
}
