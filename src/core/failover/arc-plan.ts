/**
 * The arc-routing-control failover plan (failback = the same plan towards the primary): one
 * UpdateRoutingControlStates call setting the target On and the source Off together, tried against the
 * cluster's endpoints in rotation; the states read back from a different endpoint; the post-checks.
 * The Route 53 lock and zone history (us-east-1 control plane) are taken when the zone could be read;
 * when it could not, the run goes on without them: the journal records the move as history-pending,
 * and the next run that reads the zone writes it into the zone's history (docs/failover.md).
 */
import type { DnsConfig, GuardsConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import type { ArcConfig } from '../dns/arc-config.js';
import type { GuardResult, JsonObject, Step } from '../plan/types.js';
import { describeArcStates } from './arc-states.js';
import { resolveOverrides } from './arc-overrides.js';
import { checkedHistoryStep, FAILOVER_STEP, historyStep, lockRequest, releaseLockStep, takeLockStep, batchNotes } from './steps.js';
import { postChecksStep } from './check-steps.js';
import type { FailoverObservation } from './observe.js';
import type { FailoverOptions, FailoverPlanParts, PlanIdentity } from './plan.js';
import type { HistoryEvent } from './history.js';
import type { ImpactFacts } from './impact.js';

export const ARC_STEP = {
  move: 'arc.move-traffic',
  recordPending: 'route53.record-pending-history',
} as const;

export const ARC_SERVICE = 'route53-recovery-cluster';

/** Safety rule overrides as the plan records them (names or ARNs, as given). */
export function overridesOf(opts: FailoverOptions): string[] {
  const v = opts.overrideSafetyRules;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function arcGuards(arc: ArcConfig, t: Topology, o: FailoverObservation, overrides: string[]): GuardResult[] {
  const regions = { primary: t.primaryRegion, secondary: t.secondaryRegion };
  const guards: GuardResult[] = [];
  const s = o.arcStates;
  guards.push(
    s?.byRegion
      ? { id: 'arc-cluster', ok: true, evidence: describeArcStates(s, regions) }
      : {
          id: 'arc-cluster',
          ok: false,
          evidence: `no ARC cluster endpoint answered, so the routing controls can be neither read nor set: ${describeArcStates(s ?? { failed: [] }, regions)}`,
          remedy: 'check the endpoints (dns.arc.endpoints; `mrrctl preflight`) and the network path to them; ARC keeps at least three of five endpoints available',
        },
  );
  const missing = [o.source, o.target].filter((r) => !arc.routingControls[r]);
  if (missing.length > 0) {
    guards.push({ id: 'arc-controls', ok: false, evidence: `no routing control configured for ${missing.join(' and ')}`, remedy: 'set dns.arc.routingControls.<Region> to the routing control ARN' });
  }
  // SafetyRulesToOverride takes ARNs: names are resolved through ListSafetyRules (arc-overrides.ts).
  const resolved = resolveOverrides(overrides, o.arcRules);
  if (resolved.problems.length > 0) {
    guards.push({
      id: 'arc-safety-override',
      ok: false,
      evidence: `--override-safety-rule ${resolved.problems.join('; ')}`,
      remedy: "pass the rule's name as ListSafetyRules shows it, or its ARN: `aws route53-recovery-control-config list-safety-rules --control-panel-arn … --region us-west-2` lists them",
    });
  } else if (resolved.labels.length > 0) {
    guards.push({ id: 'arc-safety-override', ok: true, evidence: `break-glass: safety rule(s) ${resolved.labels.join(', ')} will be overridden` });
  }
  return guards;
}

/** The control-plane part: lock and history when the zone was read; notes saying what replaces them when not. */
export function planArcFailover(
  t: Topology,
  config: { dns: DnsConfig; guards: GuardsConfig },
  arc: ArcConfig,
  o: FailoverObservation,
  opts: FailoverOptions,
  id: PlanIdentity,
  base: { guards: GuardResult[]; impact: string[]; impactFacts: ImpactFacts | null; refused: boolean; activation: Step[] },
): FailoverPlanParts {
  const { dns } = config;
  const { target, source, toSecondary } = o;
  const resolved = resolveOverrides(overridesOf(opts), o.arcRules);
  const overrides = resolved.arns;
  const reason = opts.reason || 'no reason given';
  const direction = toSecondary ? 'failover' : 'failback';
  const zoneRead = o.zoneError === undefined;
  const pending = o.pendingHistory ?? [];
  const notes: string[] = [];
  const comment = `mrrctl ${direction} ${source} → ${target} by ${id.actor}: ${reason}`;

  const nothingToDo = o.dns.serving.length === 1 && o.dns.serving[0] === target;
  if (nothingToDo) {
    // Moves made while the control plane was down are written into the zone's history once it answers.
    if (zoneRead && pending.length > 0 && !o.lock) {
      const [newest, ...older] = pending;
      const step = { ...historyStep(dns, newest as HistoryEvent, [...older, ...o.history], `mrrctl: ${pending.length} move(s) made while Route 53's control plane was down`), id: ARC_STEP.recordPending, summary: `record ${pending.length} move(s) made through ARC while Route 53's control plane was down in the zone's history` };
      return { steps: [step], guards: base.guards, notes: [`routing controls already send users to ${target}; the zone's history lacks ${pending.length} move(s) recorded in this machine's journal while Route 53's control plane did not answer`, ...batchNotes([step])], impact: base.impact, impactFacts: base.impactFacts, refused: base.refused, nothingToDo: false };
    }
    return { steps: [], guards: base.guards, notes: [`the routing controls already send users to ${target} only: nothing to do`], impact: base.impact, impactFacts: base.impactFacts, refused: base.refused, nothingToDo: true };
  }

  const lock = lockRequest(id, 'failover', reason);
  const steps: Step[] = [];
  if (zoneRead) steps.push(takeLockStep(dns, lock));
  steps.push(...base.activation);
  const arns = { on: arc.routingControls[target] ?? '', off: arc.routingControls[source] ?? '' };
  const endpoints = (arc.endpoints ?? []).map((e) => e.region);
  steps.push({
    id: ARC_STEP.move,
    region: target,
    service: ARC_SERVICE,
    operation: 'UpdateRoutingControlStates',
    input: {
      ClusterArn: arc.clusterArn,
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: arns.on, RoutingControlState: 'On' },
        { RoutingControlArn: arns.off, RoutingControlState: 'Off' },
      ],
      ...(overrides.length > 0 ? { SafetyRulesToOverride: overrides, OverrideReason: reason } : {}),
      HistoryPending: !zoneRead,
      Move: `${direction} ${source} → ${target}`,
    },
    summary: `set ${target}'s routing control On and ${source}'s Off in one UpdateRoutingControlStates call, tried against the cluster endpoints in rotation (${endpoints.join(', ')})${overrides.length > 0 ? `, OVERRIDING safety rule(s) ${resolved.labels.join(', ')}` : ''}`,
    action: 'update',
    destructive: overrides.length > 0,
    trafficMoving: true,
  });
  steps.push({
    id: FAILOVER_STEP.verify,
    region: target,
    service: ARC_SERVICE,
    operation: 'VerifyRoutingControlStates',
    input: { ClusterArn: arc.clusterArn, Expect: { [arns.on]: 'On', [arns.off]: 'Off' }, AvoidEndpoint: { $ref: ARC_STEP.move, path: 'Endpoint.url' } },
    summary: `read the routing control states back from a different cluster endpoint (GetRoutingControlState): ${target} On, ${source} Off`,
    action: 'verify',
    destructive: false,
  });
  steps.push(postChecksStep(t, o));

  const event: HistoryEvent = { kind: direction, time: id.now.toISOString(), from: source, to: target, actor: id.actor, reason: overrides.length > 0 ? `${reason} [safety rule(s) overridden: ${resolved.labels.join(', ')}]` : reason };
  if (zoneRead) {
    steps.push(checkedHistoryStep(dns, event, [...pending, ...o.history], comment), releaseLockStep(dns, lock));
    if (pending.length > 0) notes.push(`the history record also gets ${pending.length} earlier move(s) made while Route 53's control plane was down (from this machine's journal)`);
  } else {
    notes.push(
      `Route 53's control plane did not answer (${o.zoneError}): no Route 53 lock is taken and no zone history is written; ` +
        "the journal records this move as history-pending, and the next mrrctl failover that reads the zone writes it into the zone's history. " +
        'Without the lock, a concurrent run is not excluded: UpdateRoutingControlStates sets absolute states, so two runs to the same Region agree, and the safety rules keep at least one Region On',
    );
  }
  notes.push(`pre-failover token: ${o.preToken.detail}`, ...batchNotes(steps));
  notes.push('UpdateRoutingControlStates is the ARC data plane: no call goes to Route 53\'s control plane or to the source Region to move traffic');
  return { steps, guards: base.guards, notes, impact: base.impact, impactFacts: base.impactFacts, refused: base.refused, nothingToDo: false };
}

/**
 * The break-glass confirmation: interactively the operator types the rule's name (the names, space
 * separated, for several), not the Region; --yes stands in for it only with --reason (arcOverrides).
 */
export function overrideConfirm(opts: FailoverOptions, o: Pick<FailoverObservation, 'arcRules'>): { warning: string; typeToConfirm: string; typeWhat: string } | undefined {
  const r = resolveOverrides(overridesOf(opts), o.arcRules);
  if (r.arns.length === 0) return undefined;
  return {
    warning: `BREAK-GLASS: overriding ARC safety rule(s) ${r.labels.join(', ')} (reason: ${opts.reason || 'none'})`,
    typeToConfirm: r.names.join(' '),
    typeWhat: r.names.length > 1 ? 'the safety rule names (space separated)' : 'the safety rule name',
  };
}

export type { JsonObject };
