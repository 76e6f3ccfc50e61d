/**
 * The arc-routing-control strategy's application side of `failover`: the break-glass flags, the
 * cluster added to the failover ports (the SDK package loads only for this strategy), the journal's
 * history-pending moves, and the two pseudo-operations (the state change in rotation, the read-back
 * from a different endpoint).
 */
import type { HistoryEvent } from '../../core/failover/history.js';
import { arcConfigOf } from '../../core/dns/arc-config.js';
import { InputError } from '../../core/errors.js';
import type { FailoverPorts } from '../../core/failover/observe.js';
import { ARC_STEP } from '../../core/failover/arc-plan.js';
import { ArcRefusal, type ArcCluster, type RoutingControlState } from '../../core/ports/arc.js';
import type { ArcRuleIndex } from '../../core/failover/arc-overrides.js';
import { controlPanelOf } from '../../core/dns/arc-panel.js';

/** The error name of a safety rule's refusal at apply time (stop-hooks.ts makes it MRR_FAILOVER_E011, exit 3). */
export const SAFETY_RULE_REFUSAL = 'SafetyRuleRefusal';
import type { StepEntry } from '../../core/plan/journal.js';
import type { JsonObject } from '../../core/plan/types.js';
import type { WaitHandler } from '../../aws/step-executor.js';
import { FAILOVER_STEP } from '../../core/failover/steps.js';
import { journalFor } from '../journal.js';
import type { MutationEnv } from '../mutation/definition.js';

export function arcOverrides(given: string[] | undefined, reason: string): string[] {
  const rules = [...new Set((given ?? []).map((r) => r.trim()).filter((r) => r !== ''))];
  if (rules.length > 0 && reason === '') {
    throw new InputError('MRR_INPUT_E031', 'flags', '--reason', undefined, "a non-empty reason with --override-safety-rule (break-glass: it goes into the journal and the zone's history)");
  }
  return rules;
}

/** A break-glass override is typed on the command line, never applied from a file. */
export function savedOverrides(saved: JsonObject): string[] {
  const v = saved.overrideSafetyRules;
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return [];
  throw new InputError(
    'MRR_PLAN_E013',
    'plan',
    'options.overrideSafetyRules',
    v,
    'no safety rule override: a break-glass override is typed on the command line, not applied from a file — run `mrrctl failover --to … --override-safety-rule RULE --reason "…"`',
  );
}

/**
 * The safety rules of the control panel(s) holding the configured routing controls, through the
 * us-west-2 control-config API: names ↔ ARNs for --override-safety-rule and for naming a refusal.
 */
export async function readArcRules(env: Pick<MutationEnv, 'config' | 'aws'>): Promise<ArcRuleIndex> {
  const arc = arcConfigOf(env.config.dns);
  const panels = [...new Set(Object.values(arc?.routingControls ?? {}).map(controlPanelOf).filter((p): p is string => p !== undefined))];
  const { arcControlConfig } = await import('../../aws/arc-control-config.js');
  const reader = arcControlConfig(env.aws.clients);
  try {
    const rules = (await Promise.all(panels.map((p) => reader.listSafetyRules(p)))).flat();
    return { rules: rules.map((r) => ({ name: r.name, arn: r.arn })) };
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return { rules: [], error: `unreadable: route53-recovery-control-config ListSafetyRules in us-west-2: ${e.name ?? 'Error'}: ${e.message ?? String(err)}` };
  }
}

/** "name (ARN)" for the rule a refusal names, its name looked up when the control-config API answers. */
async function ruleLabel(env: MutationEnv, arn: string | undefined): Promise<{ label: string; name?: string }> {
  if (!arn) return { label: 'a safety rule (the refusal did not name it)' };
  const index = await readArcRules(env);
  const name = index.rules.find((r) => r.arn === arn)?.name;
  return name ? { label: `${name} (${arn})`, name } : { label: arn };
}

async function clusterFor(env: MutationEnv): Promise<ArcCluster | undefined> {
  const arc = arcConfigOf(env.config.dns);
  if (!arc?.endpoints?.length) return undefined;
  const { arcCluster } = await import('../../aws/arc-cluster.js');
  return arcCluster(env.aws.clients, arc.endpoints);
}

/** Moves this machine's journal made through ARC without the zone, newer than its last zone-history write. */
async function journalPendingHistory(env: MutationEnv): Promise<HistoryEvent[]> {
  const steps = (await journalFor(env.ctx).read()).filter(
    (e): e is StepEntry => e.kind === 'step' && e.command === 'failover' && e.status === 'applied' && e.userPoolId === env.topology.userPoolId,
  );
  const lastWrite = steps.filter((e) => e.stepId === FAILOVER_STEP.history || e.stepId === ARC_STEP.recordPending).at(-1);
  const after = lastWrite ? steps.slice(steps.indexOf(lastWrite) + 1) : steps;
  return after
    .filter((e) => e.stepId === ARC_STEP.move && (e.input as JsonObject | undefined)?.HistoryPending === true)
    .map((e): HistoryEvent => {
      const m = /(failover|failback) (\S+) → (\S+)/.exec(String((e.input as JsonObject).Move ?? ''));
      return { kind: m?.[1] === 'failback' ? 'failback' : 'failover', time: e.time, from: m?.[2] ?? '?', to: m?.[3] ?? '?', actor: e.actor ?? 'unknown', reason: "made through ARC while Route 53's control plane was down (recorded from the journal)" };
    })
    .reverse();
}

export async function withArc(env: MutationEnv, ports: FailoverPorts): Promise<FailoverPorts> {
  if (!arcConfigOf(env.config.dns)) return ports;
  const cluster = await clusterFor(env);
  return { ...ports, ...(cluster ? { arc: cluster } : {}), journalPendingHistory: () => journalPendingHistory(env) };
}

function statesOf(input: JsonObject): Record<string, RoutingControlState> {
  const entries = (input.UpdateRoutingControlStateEntries ?? []) as JsonObject[];
  return Object.fromEntries(entries.map((e) => [String(e.RoutingControlArn), e.RoutingControlState === 'On' ? 'On' : 'Off']));
}

/** The two ARC pseudo-operations of a failover plan. */
export function arcWaits(env: MutationEnv): Record<string, WaitHandler> {
  const cluster = () =>
    clusterFor(env).then((c) => {
      if (!c) throw new Error('dns.arc.endpoints is empty: no cluster endpoint to call (`mrrctl preflight --write-config` records them)');
      return c;
    });
  return {
    UpdateRoutingControlStates: async (step) => {
      const input = step.input as JsonObject;
      const overrides = ((input.SafetyRulesToOverride ?? []) as string[]).filter((r) => typeof r === 'string');
      try {
        const answer = await (await cluster()).updateStates(statesOf(input), overrides);
        for (const f of answer.failed) env.ctx.log(`  ARC endpoint ${f.endpoint.region} did not answer (${f.error}); tried the next`);
        env.ctx.log(`  routing controls set through the ${answer.endpoint.region} endpoint`);
        return { status: 'applied', output: { Endpoint: { region: answer.endpoint.region, url: answer.endpoint.url }, failedEndpoints: answer.failed.map((f) => f.endpoint.region), ...(overrides.length > 0 ? { overridden: overrides } : {}) } };
      } catch (err) {
        if (err instanceof ArcRefusal && err.errorName === 'ConflictException') {
          const rule = await ruleLabel(env, err.resourceId ?? /arn:[^\s)]+\/safetyrule\/[A-Za-z0-9-]+/.exec(err.message)?.[0]);
          throw Object.assign(
            new Error(
              `ARC safety rule ${rule.label} refused the routing control change; nothing was changed (${err.message}). ` +
                `Break-glass: --override-safety-rule ${rule.name ?? rule.label} --reason "…"`,
            ),
            { name: SAFETY_RULE_REFUSAL, rule: rule.label },
          );
        }
        throw err;
      }
    },
    VerifyRoutingControlStates: async (step) => {
      const input = step.input as JsonObject;
      const expect = input.Expect as Record<string, RoutingControlState>;
      const avoid = typeof input.AvoidEndpoint === 'string' ? input.AvoidEndpoint : undefined;
      const answer = await (await cluster()).getStates(Object.keys(expect), avoid ? { avoid } : {});
      const ok = Object.entries(expect).every(([arn, s]) => answer.value[arn] === s);
      return { status: 'applied', output: { ok, endpoint: answer.endpoint.region, differentEndpoint: answer.endpoint.url !== avoid, states: answer.value, expected: expect } };
    },
  };
}

/** The verification line of an ARC failover (undefined for the other strategies' checks). */
export function arcVerifyLine(out: JsonObject | undefined): string | undefined {
  if (!out || out.states === undefined) return undefined;
  const states = Object.entries(out.states as Record<string, string>).map(([arn, s]) => `${arn.split('/').pop()} ${s}`).join(', ');
  return `${out.ok ? '✓' : '✗'} routing controls read back from the ${String(out.endpoint)} endpoint${out.differentEndpoint ? ' (not the one that set them)' : ''}: ${states}`;
}
