/**
 * The failover plan, a pure function of the observation: take the lock → activate the replica if
 * needed and wait → change DNS (weighted: one compare-and-swap batch; cognito-domain: invert the
 * primary's health check with its version as an optimistic lock) → wait for INSYNC → verify → post-
 * checks → history record and lock release (one atomic batch). Weighted with nothing to activate: the
 * lock and the DNS change go in ONE atomic batch (steps.ts lockAndMoveStep). Failback is the same plan
 * towards the primary.
 */
import type { DnsConfig, GuardsConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import { issuerTypeOf } from '../issuer/urls.js';
import type { GuardResult, JsonObject, JsonValue, Step } from '../plan/types.js';
import { endpointHealthy, fullWeight, healthCheckTypeGuard, invertedFor, servesOnly } from './dns-state.js';
import { antiFlapGuard, applyWaivers, controlPlaneGuard, cooldownGuard, driftGuard, issuerGuard, lockGuard, refuses, replicaGuard, targetHealthGuard } from './guards.js';
import { arcConfigOf } from '../dns/arc-config.js';
import { arcGuards, overridesOf, planArcFailover } from './arc-plan.js';
import { historyRecordSet, type HistoryEvent } from './history.js';
import { failoverImpact, impactFacts, type ImpactFacts } from './impact.js';
import type { FailoverObservation } from './observe.js';
import { batchNotes, breakEvent, changeStep, FAILOVER_STEP, historyAndReleaseStep, insyncStep, lockAndMoveStep, lockRequest, ROUTE53_STEP_REGION, takeLockStep } from './steps.js';
import { checkSteps } from './check-steps.js';
import { resumeDecision, resumePlan } from './resume.js';
import { weightChangeBatch } from './weights.js';
import { recordChange, whyBreakable } from './lock.js';

export { FAILOVER_STEP, ROUTE53_STEP_REGION } from './steps.js';

export interface FailoverOptions {
  [key: string]: JsonValue;
  to: string;
  planned: boolean;
  force: boolean;
  forceUnhealthyTarget: boolean;
  breakLock: boolean;
  reason: string;
  timeoutSeconds: number;
  /** arc-routing-control: safety rules to override (break-glass), names or ARNs; absent = none. */
  overrideSafetyRules: string[];
  /**
   * Weighted, nothing to activate: take the lock in the DNS change's batch (one step). Every new plan
   * sets it; a plan file saved by an mrrctl from before it lacks it and re-plans (apply FILE) to the
   * two steps it holds — take the lock, then change DNS — so it still applies.
   */
  lockInMoveBatch: boolean;
}

/** Who plans, when, and the new lock's id: inputs, so the planner stays pure. */
export interface PlanIdentity {
  actor: string;
  lockId: string;
  /** When the plan was made: the lock's and the history's times. */
  now: Date;
  /** When the guards are evaluated (now, also for a saved plan applied later); default `now`. */
  checkedAt?: Date;
}

export interface FailoverPlanParts {
  steps: Step[];
  guards: GuardResult[];
  notes: string[];
  impact: string[];
  /** The facts the impact rests on (null = unknown), for JSON; null for a failback. */
  impactFacts: ImpactFacts | null;
  refused: boolean;
  nothingToDo: boolean;
}

export function planFailover(
  t: Topology,
  config: { dns: DnsConfig; guards: GuardsConfig },
  o: FailoverObservation,
  opts: FailoverOptions,
  id: PlanIdentity,
): FailoverPlanParts {
  const { dns } = config;
  const { target, source, toSecondary } = o;
  const regions = { primary: t.primaryRegion, secondary: t.secondaryRegion };
  const reason = opts.reason || 'no reason given';
  const direction = toSecondary ? 'failover' : 'failback';
  const nothingToDo = servesOnly(o.dns, target);

  const issuerType = o.targetPool ? issuerTypeOf(o.targetPool) : undefined;
  const guards: GuardResult[] = [
    replicaGuard(target, !toSecondary, o.replicaStatus, o.replicaError),
    targetHealthGuard(o.targetHealth),
    antiFlapGuard(o.antiFlap),
    cooldownGuard(config.guards.cooldownSeconds, o.lastMoves, id.checkedAt ?? id.now),
    driftGuard(target, o.drift),
    issuerGuard(o.targetPool ? issuerType : undefined, target),
    o.zoneError !== undefined
      ? { id: 'lock', ok: true, evidence: `the Route 53 lock could not be read (${o.zoneError}): not taken` }
      : lockGuard(o.lock, id.checkedAt ?? id.now, opts.breakLock, `mrrctl failover --to ${target}${opts.planned ? ' --planned' : ''}${opts.force ? ' --force' : ''} --break-lock --reason "…"`),
    { id: 'dns-target', ok: true, evidence: nothingToDo ? `DNS already sends every user to ${target} (${o.dns.evidence}): nothing to do` : `DNS now: ${o.dns.evidence}` },
  ];

  const arc = arcConfigOf(dns);
  if (arc) guards.push(...arcGuards(arc, t, o, overridesOf(opts)));
  // weighted and cognito-domain move traffic through Route 53's control plane: show the plan, refuse.
  else if (o.zoneError !== undefined) guards.push(controlPlaneGuard(dns.strategy, o.zoneError));
  const records = o.dns.records ?? {};
  if (dns.strategy === 'weighted' && (!records[source] || !records[target])) {
    const missing = [source, target].filter((r) => !records[r]);
    guards.push({ id: 'dns-records', ok: false, evidence: `no weighted record for ${missing.join(' and ')} at ${dns.recordName}`, remedy: 'create the weighted records (dns.records in the config names them)' });
  }
  if (dns.strategy === 'cognito-domain' && !o.dns.healthCheck) {
    guards.push({ id: 'dns-records', ok: false, evidence: `health check ${dns.healthCheckId ?? '(dns.healthCheckId not set)'} not found`, remedy: "set dns.healthCheckId to the custom domain's PrimaryRoute53HealthCheckId" });
  }
  const typeGuard = healthCheckTypeGuard(o.dns);
  if (typeGuard) guards.push(typeGuard);
  const waived = applyWaivers(guards, opts);
  const impactInput = { target, source, toSecondary, pool: o.targetPool, mfa: o.mfa, identityProviders: o.identityProviders, issuerType };
  const impact = failoverImpact(impactInput);
  const facts = toSecondary ? impactFacts(impactInput) : null;
  const notes: string[] = [];
  if (!arc && o.zoneError !== undefined) {
    notes.push(`no steps: Route 53's records could not be read, so no change can be planned (${o.zoneError})`);
    return { steps: [], guards: waived, notes, impact, impactFacts: facts, refused: true, nothingToDo: false };
  }
  if (arc) {
    const activation = toSecondary && o.replicaStatus === 'INACTIVE' ? activationSteps(t, target, opts.timeoutSeconds) : [];
    const parts = planArcFailover(t, config, arc, o, opts, id, { guards: waived, impact, impactFacts: facts, refused: refuses(waived), activation });
    if (!o.sourceReachable) parts.notes.unshift(`${source} is down (${o.sourceReading?.id ?? 'its probe'}): nothing is asked of ${source}`);
    return parts;
  }
  if (!o.sourceReachable) notes.push(`${source} is down per its health check: nothing is asked of ${source} (Route 53 and CloudWatch are global)`);
  if (nothingToDo) {
    if (dns.strategy === 'cognito-domain' && toSecondary && endpointHealthy(o.dns.reading) === false) {
      notes.push(`Route 53 already routes the custom domain to ${target} because ${source} is unhealthy, and routes it back when ${source} recovers; to keep users on ${target} after that, run \`mrrctl failover --to ${target} --planned --reason "…"\` once ${source} is healthy`);
    }
    // A run that died after moving DNS leaves its lock: with --break-lock, remove it even though
    // there is nothing to move, or it blocks every later run until someone deletes it by hand.
    const why = opts.breakLock && o.lock && waived.find((g) => g.id === 'lock')?.ok === true ? whyBreakable(o.lock, id.checkedAt ?? id.now) : undefined;
    if (why && o.lock) {
      const holder = o.lock.info?.holder ?? 'unknown';
      notes.push(`DNS is already at ${target}; removing the lock of ${holder} left by a run that did not finish (${why})`);
      // The dead run moved DNS but never wrote the history: record its move, so cooldown guards see it.
      const last = o.history.find((e) => e.kind === 'failover' || e.kind === 'failback');
      const unrecorded = !last || last.to !== target;
      const move: HistoryEvent = { kind: direction, time: o.lock.info?.since ?? id.now.toISOString(), from: source, to: target, actor: holder, reason: `${o.lock.info?.reason ?? 'unknown'} (recorded by ${id.actor} on --break-lock)` };
      const broke = breakEvent(o.lock, why, id, reason);
      // One atomic batch: the lock goes, and the history says so (and records the dead run's move).
      const history = historyRecordSet(dns.recordName, broke, unrecorded ? [move, ...o.history] : o.history);
      const removal = changeStep(
        'route53.remove-expired-lock',
        dns,
        `remove the lock of ${holder} (a DELETE of exactly that record) and record the break${unrecorded ? ' and its run\'s move' : ''} in the zone's history`,
        `mrrctl failover break-lock by ${id.actor}: ${reason}`,
        [recordChange('DELETE', o.lock.record), recordChange('UPSERT', history)],
        { action: 'delete', destructive: true },
      );
      return { steps: [removal], guards: waived, notes: [...notes, ...batchNotes([removal])], impact, impactFacts: facts, refused: false, nothingToDo: false };
    }
    // Traffic is where it was asked to go; unless a passing run of the checks of the move that put it
    // there is on record (zone history or journal), run them again and record the move (./resume.ts).
    const decision = resumeDecision(o);
    if (!o.lock && decision.resume) {
      return { ...resumePlan(t, dns, o, opts, id, decision), impact, impactFacts: facts };
    }
    if (!o.lock) notes.push(decision.why);
    return { steps: [], guards: waived, notes, impact, impactFacts: facts, refused: false, nothingToDo: true };
  }

  const lock = lockRequest(id, 'failover', reason);
  const why = opts.breakLock && o.lock && waived.find((g) => g.id === 'lock')?.ok === true ? whyBreakable(o.lock, id.checkedAt ?? id.now) : undefined;
  const broke = why && o.lock ? breakEvent(o.lock, why, id, reason) : undefined;
  const breaking = broke && o.lock ? { lock: o.lock, history: historyRecordSet(dns.recordName, broke, o.history) } : undefined;
  const activate = toSecondary && o.replicaStatus === 'INACTIVE';
  // Weighted with nothing to activate: the lock rides in the move's batch (one round trip, and a held
  // lock refuses the move itself). Activating first, or moving through a health check (another API),
  // needs the lock taken on its own before.
  const oneBatch = dns.strategy === 'weighted' && !activate && opts.lockInMoveBatch;
  const steps: Step[] = oneBatch ? [] : [takeLockStep(dns, lock, breaking)];

  if (activate) steps.push(...activationSteps(t, target, opts.timeoutSeconds));

  const comment = `mrrctl ${direction} ${source} → ${target} by ${id.actor}: ${reason}`;
  if (dns.strategy === 'weighted') {
    const weights = { [source]: 0, [target]: fullWeight(o.dns.weights) };
    const move = changeStep(
      FAILOVER_STEP.moveTraffic,
      dns,
      `move all traffic to ${target}: ${source} weight ${o.dns.weights?.[source] ?? '?'} → 0, ${target} weight ${o.dns.weights?.[target] ?? '?'} → ${weights[target]} (one atomic compare-and-swap batch)`,
      comment,
      weightChangeBatch(records, weights, comment).Changes as JsonObject[],
      { trafficMoving: true },
    );
    steps.push(
      oneBatch ? lockAndMoveStep(dns, lock, move, breaking) : move,
      insyncStep(opts.timeoutSeconds),
      ...checkSteps(t, dns, o, opts.timeoutSeconds),
    );
  } else {
    const hc = o.dns.healthCheck;
    const inverted = invertedFor(target, regions, endpointHealthy(o.dns.reading) ?? true);
    steps.push(
      {
        id: FAILOVER_STEP.moveTraffic,
        region: ROUTE53_STEP_REGION,
        service: 'route53',
        operation: 'UpdateHealthCheck',
        input: { HealthCheckId: dns.healthCheckId ?? '', HealthCheckVersion: hc?.HealthCheckVersion ?? 0, Inverted: inverted },
        summary: `${inverted ? 'invert' : 'restore (un-invert)'} health check ${dns.healthCheckId} so the custom domain routes to ${target} (version ${hc?.HealthCheckVersion ?? '?'} as an optimistic lock)`,
        action: 'update',
        destructive: false,
        trafficMoving: true,
      },
      ...checkSteps(t, dns, o, opts.timeoutSeconds),
    );
    notes.push(
      'cognito-domain: traffic moves through Route 53 health checking (data plane), which keeps answering when the Route 53 control plane is impaired; see docs/runbook.md',
      `while inverted, the check reports the opposite of ${t.primaryRegion}'s health: if ${t.primaryRegion} goes fully down, users are routed back to it — watch \`mrrctl health\``,
    );
  }

  const event: HistoryEvent = { kind: direction, time: id.now.toISOString(), from: source, to: target, actor: id.actor, reason };
  steps.push(historyAndReleaseStep(dns, event, broke ? [broke, ...o.history] : o.history, comment, lock));

  notes.push(`pre-failover token: ${o.preToken.detail}`, ...batchNotes(steps));
  if (dns.strategy === 'weighted') {
    notes.push('ChangeResourceRecordSets is a Route 53 control-plane call (us-east-1); if it fails, the data-plane alternative is in docs/runbook.md');
  }
  return { steps, guards: waived, notes, impact, impactFacts: facts, refused: refuses(waived), nothingToDo: false };
}

/** Activate an INACTIVE replica (called in the target) and wait for ACTIVE: every strategy's first move. */
function activationSteps(t: Topology, target: string, timeoutSeconds: number): Step[] {
  return [
    {
      id: FAILOVER_STEP.activate,
      region: target,
      service: 'cognito-idp',
      operation: 'UpdateUserPoolReplica',
      input: { UserPoolId: t.userPoolId, RegionName: target, Status: 'ACTIVE' },
      summary: `activate the replica in ${target} (called in ${target}): it starts serving sign-in and tokens`,
      action: 'update',
      destructive: false,
    },
    {
      id: FAILOVER_STEP.waitActive,
      region: target,
      service: 'cognito-idp',
      operation: 'WaitForReplicaStatus',
      input: { UserPoolId: t.userPoolId, RegionName: target, Statuses: ['ACTIVE'], TimeoutSeconds: timeoutSeconds },
      summary: `wait for the replica in ${target} to be ACTIVE`,
      action: 'wait',
      destructive: false,
    },
  ];
}
