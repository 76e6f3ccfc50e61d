/**
 * Canary drills on the weighted strategy: move a small share of users (1–50 %; more needs --force)
 * to one Region with the same compare-and-swap batch a failover uses, under the same lock, recorded
 * in the zone's history; `canary stop` restores the weights the first canary found (primary 100 /
 * secondary 0 when the history does not say). A canary is refused while the source is unhealthy:
 * moving users away from a failing Region is a failover, with its guards.
 */
import type { DnsConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import { describeReading, type HealthCheckReading } from '../health/checkers.js';
import { readHealthCheck } from '../health/status.js';
import { probeRegionHealth, type RegionHealth, type RegionHealthPorts } from '../health/region.js';
import type { ClientCredentials } from '../issuer/probe-types.js';
import type { GuardResult, JsonObject, JsonValue, Step } from '../plan/types.js';
import { dnsStateOf, endpointHealthy, healthCheckFor, type DnsState } from './dns-state.js';
import { applyWaivers, lockGuard, refuses, targetHealthGuard } from './guards.js';
import { historyRecordSet, latestMove, type HistoryEvent } from './history.js';
import { whyBreakable, type HeldLock } from './lock.js';
import { observeZone } from './observe.js';
import type { PlanIdentity } from './plan.js';
import { batchNotes, breakEvent, changeStep, FAILOVER_STEP, historyStep, insyncStep, lockRequest, releaseLockStep, takeLockStep } from './steps.js';
import { weightChangeBatch } from './weights.js';

export interface CanaryOptions {
  [key: string]: JsonValue;
  /** The Region that receives the share; for `canary stop`, unused (""). */
  to: string;
  percent: number;
  stop: boolean;
  force: boolean;
  breakLock: boolean;
  reason: string;
  timeoutSeconds: number;
}

export interface CanaryObservation {
  dns: DnsState;
  records: JsonObject[];
  lock?: HeldLock;
  history: HistoryEvent[];
  /** Health check status per Region (those that have one). */
  readings: Record<string, HealthCheckReading>;
  targetHealth?: RegionHealth;
}

async function reading(ports: RegionHealthPorts, id: string | undefined): Promise<HealthCheckReading | undefined> {
  if (!id) return undefined;
  return readHealthCheck({ route53: ports.route53 }, id);
}

export async function observeCanary(
  ports: RegionHealthPorts,
  req: { topology: Topology; dns: DnsConfig; target?: string; credentials?: ClientCredentials },
): Promise<CanaryObservation> {
  const t = req.topology;
  const regions = { primary: t.primaryRegion, secondary: t.secondaryRegion };
  const zone = await observeZone(ports.route53, req.dns);
  const [primary, secondary, targetHealth] = await Promise.all([
    reading(ports, healthCheckFor(req.dns, t.primaryRegion, regions, zone.records)),
    reading(ports, healthCheckFor(req.dns, t.secondaryRegion, regions, zone.records)),
    req.target
      ? probeRegionHealth(ports, {
          region: req.target,
          role: req.target === t.primaryRegion ? 'primary' : 'secondary',
          userPoolId: t.userPoolId,
          primaryRegion: t.primaryRegion,
          healthCheckId: healthCheckFor(req.dns, req.target, regions, zone.records),
          credentials: req.credentials,
        })
      : Promise.resolve(undefined),
  ]);
  const readings: Record<string, HealthCheckReading> = {};
  if (primary) readings[t.primaryRegion] = primary;
  if (secondary) readings[t.secondaryRegion] = secondary;
  const o: CanaryObservation = { dns: dnsStateOf(req.dns, regions, zone.records), records: zone.records, history: zone.history, readings };
  if (zone.lock) o.lock = zone.lock;
  if (targetHealth) o.targetHealth = targetHealth;
  return o;
}

export interface CanaryPlanParts {
  steps: Step[];
  guards: GuardResult[];
  notes: string[];
  refused: boolean;
}

function sourceHealthyGuard(region: string, r: HealthCheckReading | undefined): GuardResult {
  const id = 'source-healthy';
  if (!r) return { id, ok: true, evidence: `${region} has no health check configured: its health was not checked` };
  const healthy = endpointHealthy(r);
  if (healthy === true) return { id, ok: true, evidence: `${region} is healthy (${describeReading(r)})` };
  return {
    id,
    ok: false,
    evidence: `${region} is ${healthy === false ? 'unhealthy' : 'of unknown health'} (${describeReading(r)})`,
    remedy: `moving users away from an unhealthy Region is a failover: \`mrrctl failover --to <region>\``,
  };
}

function recordsGuard(dns: DnsConfig, o: CanaryObservation, regions: string[]): GuardResult | undefined {
  const missing = regions.filter((r) => !o.dns.records?.[r]);
  if (missing.length === 0) return undefined;
  return { id: 'dns-records', ok: false, evidence: `no weighted record for ${missing.join(' and ')} at ${dns.recordName}`, remedy: 'create the weighted records (dns.records in the config names them)' };
}

function moveSteps(dns: DnsConfig, o: CanaryObservation, weights: Record<string, number>, event: HistoryEvent, opts: CanaryOptions, id: PlanIdentity, summary: string): Step[] {
  const lock = lockRequest(id, opts.stop ? 'canary stop' : 'canary', event.reason);
  const comment = `mrrctl ${event.kind} ${event.from} → ${event.to} by ${id.actor}: ${event.reason}`;
  // --break-lock on a lock that may be broken: replaced in the take-lock batch, the break recorded.
  const why = opts.breakLock && o.lock ? whyBreakable(o.lock, id.checkedAt ?? id.now) : undefined;
  const broke = why && o.lock ? breakEvent(o.lock, why, id, event.reason) : undefined;
  const earlier = broke ? [broke, ...o.history] : o.history;
  return [
    takeLockStep(dns, lock, broke && o.lock ? { lock: o.lock, history: historyRecordSet(dns.recordName, broke, o.history) } : undefined),
    changeStep(FAILOVER_STEP.moveTraffic, dns, summary, comment, weightChangeBatch(o.dns.records ?? {}, weights, comment).Changes as JsonObject[], { trafficMoving: true }),
    insyncStep(opts.timeoutSeconds),
    historyStep(dns, event, earlier, comment),
    releaseLockStep(dns, lock),
  ];
}

const sameWeights = (a: Record<string, number>, b: Record<string, number> | undefined) => Object.entries(a).every(([r, w]) => (b?.[r] ?? 0) === w);

export function planCanary(t: Topology, dns: DnsConfig, o: CanaryObservation, opts: CanaryOptions, id: PlanIdentity): CanaryPlanParts {
  const target = opts.to;
  const source = target === t.primaryRegion ? t.secondaryRegion : t.primaryRegion;
  const weights = { [source]: 100 - opts.percent, [target]: opts.percent };
  const guards: GuardResult[] = [
    opts.percent <= 50
      ? { id: 'canary-share', ok: true, evidence: `${opts.percent} % to ${target}` }
      : { id: 'canary-share', ok: false, evidence: `${opts.percent} % is more than a canary (at most 50 %)`, remedy: '`--force` for a larger share, or `mrrctl failover` to move everyone' },
    sourceHealthyGuard(source, o.readings[source]),
    o.targetHealth ? targetHealthGuard(o.targetHealth) : { id: 'target-healthy', ok: false, evidence: `${target} was not probed` },
    lockGuard(o.lock, id.checkedAt ?? id.now, opts.breakLock, `mrrctl canary --to ${target} --percent ${opts.percent}${opts.force ? ' --force' : ''} --break-lock --reason "…"`),
  ];
  if (o.targetHealth && o.targetHealth.replicaStatus !== 'ACTIVE') {
    guards.push({ id: 'target-replica', ok: false, evidence: `${target} is ${o.targetHealth.replicaStatus ?? 'not hosting the pool'}`, remedy: 'a canary sends real users: activate the replica first (`mrrctl replica activate`)' });
  }
  const records = recordsGuard(dns, o, [source, target]);
  if (records) guards.push(records);
  // Only the share may be forced: health, the lock and the replica never are.
  const waived = applyWaivers(guards, {}).map((g) => (g.id === 'canary-share' && !g.ok && opts.force ? { ...g, waived: true, evidence: `${g.evidence} [waived by --force]` } : g));
  const last = latestMove(o.history);
  // A canary on top of a canary keeps the weights from before the first one.
  const restore = last?.kind === 'canary' && last.restore && !sameWeights(last.restore, o.dns.weights) ? last.restore : { ...o.dns.weights };
  if (sameWeights(weights, o.dns.weights)) {
    return { steps: [], guards: waived, notes: [`the weights already are ${source} ${weights[source]} / ${target} ${weights[target]}`], refused: false };
  }
  const event: HistoryEvent = { kind: 'canary', time: id.now.toISOString(), from: source, to: target, actor: id.actor, reason: opts.reason || 'canary drill', percent: opts.percent, restore };
  const summary = `move ${opts.percent} % of users to ${target}: ${source} weight ${o.dns.weights?.[source] ?? '?'} → ${weights[source]}, ${target} weight ${o.dns.weights?.[target] ?? '?'} → ${weights[target]} (compare-and-swap)`;
  const steps = moveSteps(dns, o, weights, event, opts, id, summary);
  const notes = [`\`mrrctl canary stop\` restores ${Object.entries(restore).map(([r, w]) => `${r} ${w}`).join(' / ')}`, ...batchNotes(steps)];
  return { steps, guards: waived, notes, refused: refuses(waived) };
}

export function planCanaryStop(t: Topology, dns: DnsConfig, o: CanaryObservation, opts: CanaryOptions, id: PlanIdentity): CanaryPlanParts {
  const last = latestMove(o.history);
  const restore = last?.kind === 'canary' && last.restore ? last.restore : { [t.primaryRegion]: 100, [t.secondaryRegion]: 0 };
  const origin = last?.kind === 'canary' && last.restore ? `as before the canary of ${last.time}` : 'the default: no canary in the history';
  const guards: GuardResult[] = [lockGuard(o.lock, id.checkedAt ?? id.now, opts.breakLock, `mrrctl canary stop${opts.force ? ' --force' : ''} --break-lock --reason "…"`)];
  // The Regions that get users back must be up: otherwise this is a failover decision.
  for (const [region, weight] of Object.entries(restore)) {
    if (weight <= 0) continue;
    const r = o.readings[region];
    if (r && endpointHealthy(r) === false) {
      guards.push({ id: 'restore-healthy', ok: false, evidence: `${region} would get users back but is unhealthy (${describeReading(r)})`, remedy: 'use `mrrctl failover` instead, or `--force`' });
    }
  }
  const records = recordsGuard(dns, o, Object.keys(restore));
  if (records) guards.push(records);
  const waived = guards.map((g) => (g.id === 'restore-healthy' && opts.force ? { ...g, waived: true, evidence: `${g.evidence} [waived by --force]` } : g));
  if (sameWeights(restore, o.dns.weights)) {
    return { steps: [], guards: waived, notes: [`the weights already are ${Object.entries(restore).map(([r, w]) => `${r} ${w}`).join(' / ')} (${origin})`], refused: false };
  }
  const to = Object.entries(restore).sort((a, b) => b[1] - a[1])[0]?.[0] ?? t.primaryRegion;
  const from = to === t.primaryRegion ? t.secondaryRegion : t.primaryRegion;
  const event: HistoryEvent = { kind: 'canary-stop', time: id.now.toISOString(), from, to, actor: id.actor, reason: opts.reason || 'canary stop', restore };
  const summary = `restore the weights ${Object.entries(restore).map(([r, w]) => `${r} ${o.dns.weights?.[r] ?? '?'} → ${w}`).join(', ')} (${origin})`;
  const steps = moveSteps(dns, o, restore, event, opts, id, summary);
  return { steps, guards: waived, notes: batchNotes(steps), refused: refuses(waived) };
}
