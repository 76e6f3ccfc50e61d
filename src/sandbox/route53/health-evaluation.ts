/**
 * How the sandbox decides whether a health check is healthy. A check watches the Region its
 * FullyQualifiedDomainName names (cognito-idp.us-east-1.amazonaws.com, us-east-1.auth.example.net):
 * the endpoint is up unless that Region is in a fault-injected outage. Disabled checks are always
 * healthy, Inverted flips the result, CALCULATED checks count their healthy children. Status flips
 * at once: FailureThreshold × RequestInterval is not simulated.
 *
 * The same rules answer "now" (from the current outages) and "at time t" (from the outage history
 * and the configuration in effect then), so GetHealthCheckStatus and the CloudWatch metric agree.
 */
import type { CallContext } from '../types.js';
import type { HealthCheckConfig } from './health-check-config.js';
import type { HealthCheckStore } from './health-checks.js';
import { regionOfHost } from './names.js';

/** What an evaluation needs to know about one instant. */
export interface HealthMoment {
  configOf(id: string): HealthCheckConfig | undefined;
  endpointDown(region: string, service?: string): boolean;
  /** Is the routing control On? A control that does not exist (then) counts as Off. [INF] */
  routingControlOn(arn: string | undefined): boolean;
}

/** Is the watched endpoint reachable, before Inverted and Disabled are applied? */
export function endpointUp(config: HealthCheckConfig, moment: HealthMoment): boolean {
  const { region, service } = regionOfHost(config.FullyQualifiedDomainName);
  return !region || !moment.endpointDown(region, service);
}

/**
 * What the checkers observe, before Disabled and Inverted are applied: the endpoint's reachability,
 * or for the types without an endpoint their own input (children, alarm, routing control).
 */
export function observeRaw(config: HealthCheckConfig, moment: HealthMoment, id: string, visiting: Set<string> = new Set()): boolean {
  let raw: boolean;
  switch (config.Type) {
    case 'CALCULATED': {
      const children = config.ChildHealthChecks ?? [];
      const nested = new Set(visiting).add(id);
      const healthy = children.filter((child) => !nested.has(child) && evaluateHealth(child, moment, nested) === true).length;
      raw = healthy >= (config.HealthThreshold ?? children.length);
      break;
    }
    case 'CLOUDWATCH_METRIC':
      // Alarms are not modelled: the check sits in "insufficient data" and reports that setting.
      raw = config.InsufficientDataHealthStatus !== 'Unhealthy';
      break;
    case 'RECOVERY_CONTROL':
      // The check is healthy exactly while its routing control is On (aws-conformance G3).
      raw = moment.routingControlOn(config.RoutingControlArn);
      break;
    default:
      raw = endpointUp(config, moment);
  }
  return raw;
}

/**
 * The check's own status at the moment (what DNS routing and the CloudWatch metric see), or undefined
 * when it does not exist then: Disabled → healthy, else the raw observation, flipped when Inverted.
 */
export function evaluateHealth(id: string, moment: HealthMoment, visiting: Set<string> = new Set()): boolean | undefined {
  const config = moment.configOf(id);
  if (!config) return undefined;
  if (config.Disabled) return true;
  const raw = observeRaw(config, moment, id, visiting);
  return config.Inverted ? !raw : raw;
}

function controlOn(store: HealthCheckStore, time: number): HealthMoment['routingControlOn'] {
  return (arn) => arn !== undefined && store.routingControls?.stateAt(arn, time) === 'On';
}

/**
 * Now. Routing control states come from the ARC model directly, not through a call: Route 53's data
 * plane follows them whatever faults the control plane or the ARC endpoints are under.
 */
export function currentMoment(store: HealthCheckStore, ctx: CallContext): HealthMoment {
  return {
    configOf: (id) => store.find(id)?.config,
    endpointDown: (region, service) => ctx.isRegionDown(region, service),
    routingControlOn: controlOn(store, ctx.now),
  };
}

const inside = (intervals: Array<{ from: number; to?: number }>, time: number): boolean =>
  intervals.some((interval) => interval.from <= time && time < (interval.to ?? Infinity));

export function momentAt(store: HealthCheckStore, ctx: CallContext, time: number): HealthMoment {
  return {
    configOf: (id) => store.configAt(id, time),
    endpointDown: (region, service) => inside(ctx.outageHistory(region, service), time),
    routingControlOn: controlOn(store, time),
  };
}

export interface HealthSegment {
  from: number;
  to: number;
  healthy: boolean;
}

/** Instants in (from, to) where a check's health may change: its (and its children's) edits and outage edges. */
function breakpoints(store: HealthCheckStore, ctx: CallContext, id: string, from: number, to: number, seen: Set<string>): number[] {
  const record = store.find(id);
  if (!record || seen.has(id)) return [];
  seen.add(id);
  const points: number[] = [record.createdAt];
  for (const { at, config } of record.history) {
    points.push(at);
    const { region, service } = regionOfHost(config.FullyQualifiedDomainName);
    if (region) for (const outage of ctx.outageHistory(region, service)) points.push(outage.from, outage.to ?? Infinity);
    if (config.RoutingControlArn) points.push(...(store.routingControls?.changeTimes(config.RoutingControlArn) ?? []));
    for (const child of config.ChildHealthChecks ?? []) points.push(...breakpoints(store, ctx, child, from, to, seen));
  }
  return points.filter((point) => point > from && point < to);
}

/**
 * The check's health over [from, to) as constant segments (adjacent equal ones merged). Time before
 * the check existed is left out; undefined when the check does not exist.
 */
export function healthTimeline(store: HealthCheckStore, ctx: CallContext, id: string, from: number, to: number): HealthSegment[] | undefined {
  const record = store.find(id);
  if (!record) return undefined;
  const start = Math.max(from, record.createdAt);
  if (start >= to) return [];
  const edges = [...new Set([start, ...breakpoints(store, ctx, id, start, to, new Set()), to])].sort((a, b) => a - b);
  const segments: HealthSegment[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const healthy = evaluateHealth(id, momentAt(store, ctx, edges[i])) === true;
    const last = segments[segments.length - 1];
    if (last && last.healthy === healthy) last.to = edges[i + 1];
    else segments.push({ from: edges[i], to: edges[i + 1], healthy });
  }
  return segments;
}
