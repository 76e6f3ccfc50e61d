/**
 * `mrrctl failover --to <region>`: the guarded DNS failover (and failback, `--to <primary>`), as a
 * mutation definition: flags → options, observe and plan (core/failover), the waits, and the
 * verification (DNS answer or health check, post-checks, timeline). Its stop hooks (./stop-hooks.ts) release the lock and classify conflicts.
 */
import { regionHealthRow } from '../../core/health/report.js';
import { InputError } from '../../core/errors.js';
import { observeFailover } from '../../core/failover/observe.js';
import { FAILOVER_STEP, planFailover, type FailoverOptions } from '../../core/failover/plan.js';
import { renderTimeline } from '../../ui/failover/timeline.js';
import type { JsonObject, Step } from '../../core/plan/types.js';
import type { AwsAccess } from '../context.js';
import { parseTimeout } from '../flag-values.js';
import { defineMutation } from '../mutation/definition.js';
import { savedBoolean, savedNumber, savedString } from '../mutation/saved-options.js';
import { probeCredentials } from '../probes.js';
import { requireDns } from './dns-config.js';
import { failoverPorts } from './failover-ports.js';
import { newPlanIdentity, planIdentity, savedIdentity } from './identity.js';
import { judgeLockOwner } from './lock-owner.js';
import { trafficHooks } from './stop-hooks.js';
import { trafficWaits } from './waits.js';
import { arcOverrides, arcVerifyLine, readArcRules, savedOverrides, withArc } from './arc-failover.js';
import { overrideConfirm } from '../../core/failover/arc-plan.js';

/** The steps a run planned, for the timeline's labels (keyed by the run's AWS access). */
const plannedSteps = new WeakMap<AwsAccess, Step[]>();

export interface FailoverFlags {
  to?: string;
  planned?: boolean;
  force?: boolean;
  forceUnhealthyTarget?: boolean;
  breakLock?: boolean;
  reason?: string;
  timeout: string;
  overrideSafetyRule?: string[];
}

export function failoverOptions(flags: FailoverFlags): FailoverOptions {
  if (!flags.to) throw new InputError('MRR_INPUT_E030', 'flags', '--to', undefined, 'the Region to move users to, e.g. --to eu-west-1');
  const reason = flags.reason?.trim() ?? '';
  for (const flag of ['planned', 'force'] as const) {
    if (flags[flag] && reason === '') throw new InputError('MRR_INPUT_E031', 'flags', '--reason', flags.reason, `a non-empty reason with --${flag} (it goes into the journal and the zone's history)`);
  }
  const overrides = arcOverrides(flags.overrideSafetyRule, reason);
  return {
    to: flags.to,
    planned: Boolean(flags.planned),
    force: Boolean(flags.force),
    forceUnhealthyTarget: Boolean(flags.forceUnhealthyTarget),
    breakLock: Boolean(flags.breakLock),
    reason,
    timeoutSeconds: parseTimeout(flags.timeout),
    overrideSafetyRules: overrides,
    lockInMoveBatch: true,
  };
}

export const failover = defineMutation<FailoverOptions, FailoverFlags>({
  command: 'failover',
  waivers: { planned: '--planned', force: '--force', forceUnhealthyTarget: '--force-unhealthy-target', breakLock: '--break-lock' },
  hooks: trafficHooks('failover'),
  fromFlags: (flags, ctx) => ({ ...failoverOptions(flags), identity: newPlanIdentity(ctx) }),
  fromSaved: (saved) => {
    const identity = savedIdentity(saved);
    return {
      to: savedString(saved, 'to'),
      planned: savedBoolean(saved, 'planned'),
      force: savedBoolean(saved, 'force'),
      forceUnhealthyTarget: savedBoolean(saved, 'forceUnhealthyTarget'),
      breakLock: savedBoolean(saved, 'breakLock'),
      reason: savedString(saved, 'reason'),
      timeoutSeconds: savedNumber(saved, 'timeoutSeconds'),
      overrideSafetyRules: savedOverrides(saved),
      // Absent in a plan saved before the lock rode in the DNS change's batch: re-plan its two steps.
      lockInMoveBatch: Object.hasOwn(saved, 'lockInMoveBatch') ? savedBoolean(saved, 'lockInMoveBatch') : false,
      ...(identity ? { identity } : {}),
    };
  },
  async prepare(env, opts) {
    const dns = requireDns(env);
    const t = env.topology;
    if (opts.to !== t.primaryRegion && opts.to !== t.secondaryRegion) {
      throw new InputError('MRR_FAILOVER_E002', 'flags', '--to', opts.to, `one of the pool's Regions: ${t.secondaryRegion} (failover) or ${t.primaryRegion} (failback)`);
    }
    const ports = await withArc(env, failoverPorts(env, opts.to));
    const o = await observeFailover(ports, { topology: t, dns, guards: env.config.guards, target: opts.to, credentials: probeCredentials(env) });
    if (opts.overrideSafetyRules?.length) o.arcRules = await readArcRules(env);
    // A lock whose owner crashed on this machine may be broken at once (its pid is gone).
    if (o.lock) o.lock = judgeLockOwner(o.lock);
    const parts = planFailover(t, { dns, guards: env.config.guards }, o, opts, planIdentity(env, opts));
    plannedSteps.set(env.aws, parts.steps);
    const breakGlass = overrideConfirm(opts, o);
    const mode = opts.force ? ' (forced)' : opts.planned ? ' (planned)' : '';
    const text = [
      `${o.toSecondary ? 'Failover' : 'Failback'} of ${t.userPoolId}: ${o.source} → ${o.target} (${dns.strategy} DNS)${mode}${opts.reason ? `; reason: ${opts.reason}` : ''}`,
      `Users will notice on ${o.target}:`,
      ...parts.impact.map((line) => `  - ${line}`),
      '',
    ];
    // The target's health as `health` reports it (its verdict is `verdict`, unknowns null).
    const targetHealth = regionHealthRow(o.targetHealth);
    // Every key present (docs/json.md): what does not apply or was not read is null (arc: not the ARC strategy).
    const arc = o.arcStates ? { byRegion: o.arcStates.byRegion ?? null, endpoint: o.arcStates.endpoint ?? null, failed: o.arcStates.failed, error: o.arcStates.error ?? null } : null;
    const evidence = { arc, controlPlaneError: o.zoneError ?? null, dns: o.dns, lock: o.lock ?? null, antiFlap: o.antiFlap, targetHealth, lastMoves: o.lastMoves, drift: o.drift, sourceReachable: o.sourceReachable, replicaStatus: o.replicaStatus ?? null };
    return {
      draft: {
        command: 'failover',
        ...t,
        // Only what the steps depend on: the records (CAS), the lock, the history, the replica, the health check version.
        observed: { records: o.records, lock: o.lock?.record ?? null, history: o.history, replica: o.replicaStatus ?? null, healthCheck: o.dns.healthCheck ?? null },
        steps: parts.steps,
        guards: parts.guards,
        notes: parts.notes,
      },
      report: { text, data: { direction: o.toSecondary ? 'failover' : 'failback', source: o.source, target: o.target, strategy: dns.strategy, impact: parts.impact, impactFacts: parts.impactFacts, evidence, nothingToDo: parts.nothingToDo } },
      confirm: {
        question: `move the users of ${t.userPoolId} from ${o.source} to ${o.target}`,
        ...(breakGlass ?? { typeToConfirm: o.target }),
      },
      refused: parts.refused,
    };
  },
  waits: trafficWaits,
  async verify(env, _opts, result) {
    const out = new Map(result.results.map((r) => [r.stepId, (r.output ?? {}) as JsonObject]));
    const dnsCheck = out.get(FAILOVER_STEP.verify);
    const post = out.get(FAILOVER_STEP.postChecks);
    const lines: string[] = [];
    const arcLine = arcVerifyLine(dnsCheck);
    if (arcLine) lines.push(arcLine);
    else if (dnsCheck?.answer) lines.push(`${dnsCheck.ok ? '✓' : '✗'} Route 53 answers ${(dnsCheck.answer as string[]).join(', ') || dnsCheck.responseCode} (expected ${(dnsCheck.expected as string[]).join(', ')})`);
    else if (dnsCheck) lines.push(`${dnsCheck.ok ? '✓' : '✗'} health check reports ${dnsCheck.healthy ? 'healthy' : 'unhealthy'} (expected ${dnsCheck.expectedHealthy ? 'healthy' : 'unhealthy'})`);
    for (const c of (post?.checks ?? []) as JsonObject[]) lines.push(`${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '-'} ${c.message}`);
    const steps = plannedSteps.get(env.aws) ?? [];
    lines.push(...renderTimeline({ steps }, result));
    return { ok: dnsCheck?.ok !== false && post?.ok !== false, lines };
  },
});
