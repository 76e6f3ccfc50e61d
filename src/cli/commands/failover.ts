/**
 * `mrrctl failover --to <region>`: the guarded DNS failover (and failback, `--to <primary>`). The plan
 * runs through runMutation (dry-run, plan-out, confirmation, journal); this file wires the ports, the
 * wait handlers, the post-checks, and what the apply engine cannot do by itself: release the lock and
 * record the history when a later step failed, and turn a lost lock race into exit 4.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { dnsWaits } from '../../aws/dns-waits.js';
import { fetchDiscovery, oidcProbes, probeOptionsFor, requestClientCredentialsToken, verifyAccessToken, type ProbeOptions, type SecretToken } from '../../aws/oidc-probe.js';
import { replicaWaits } from '../../aws/replica-waits.js';
import { createAwsExecutor, type WaitHandler } from '../../aws/step-executor.js';
import { PROBE_SECRET_ENV, type DnsConfig } from '../../core/config/schema.js';
import { ExitCode, InputError, NotConfirmedError, UsageError } from '../../core/errors.js';
import type { DiagnosticCode } from '../../core/codes.js';
import type { CoreEvent } from '../../core/events.js';
import { cleanupSteps } from '../../core/failover/cleanup.js';
import type { DriftEvidence, LastMove } from '../../core/failover/guards.js';
import { describeLock, findLock, lockRecordName } from '../../core/failover/lock.js';
import { observeFailover, type FailoverPorts } from '../../core/failover/observe.js';
import { FAILOVER_STEP, planFailover, type FailoverOptions } from '../../core/failover/plan.js';
import { runPostChecks, type PostCheckInput } from '../../core/failover/post-checks.js';
import { tokenEndpointIn } from '../../core/health/region.js';
import type { ClientCredentials } from '../../core/issuer/probe-types.js';
import { applyPlan } from '../../core/plan/apply.js';
import { createPlan } from '../../core/plan/create-plan.js';
import type { StepEntry } from '../../core/plan/journal.js';
import type { ApplyResult, JsonObject, Plan, Step } from '../../core/plan/types.js';
import { eventLine } from '../../ui/events.js';
import { renderTimeline } from '../../ui/failover/timeline.js';
import type { CommandResult } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { commandEnv } from '../command-env.js';
import { actor, journalFor, runMutation, type MutationDefinition, type MutationEnv, type MutationFlags } from '../mutation.js';
import { lazyPort, readersFor } from '../readers.js';
import { parseTimeout } from '../flag-values.js';

/** Probes of a Region that may be down must fail fast. */
const PROBE_TIMEOUT_MS = 4000;

/**
 * The token minted before a failover, per command run (keyed by the run's AWS access, which the
 * apply's copies of the env share): in memory only, never planned, printed or journaled.
 */
const preFailoverTokens = new WeakMap<object, SecretToken>();
/** The steps a run planned, for the timeline's labels. */
const plannedSteps = new WeakMap<object, Step[]>();

/** The operator's name in locks and history: the same user@host the journal records. */
export const operatorName = actor;

export function requireDns(env: MutationEnv): DnsConfig {
  if (!env.config.dns) {
    throw new InputError('MRR_FAILOVER_E001', 'config', 'dns', undefined, 'a dns section (strategy, hostedZoneId, recordName, records or healthCheckId): failover and canary move DNS');
  }
  return env.config.dns;
}

export function probeCredentials(env: MutationEnv): ClientCredentials | undefined {
  const clientId = env.config.probe?.clientId;
  const clientSecret = env.ctx.env[PROBE_SECRET_ENV];
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}

export function probeOptions(env: MutationEnv): ProbeOptions {
  return probeOptionsFor(env.aws.target, { timeoutMs: PROBE_TIMEOUT_MS, signal: env.ctx.signal });
}


/** The newest failover this machine's journal recorded for the pool (the zone history is the other source). */
async function journalLastMove(env: MutationEnv): Promise<LastMove | undefined> {
  const entries = await journalFor(env.ctx).read();
  const moves = entries.filter(
    (e): e is StepEntry => e.kind === 'step' && e.command === 'failover' && e.trafficMoving === true && e.status === 'applied' && e.userPoolId === env.topology.userPoolId,
  );
  const last = moves.at(-1);
  if (!last) return undefined;
  const named = /(failover|failback) (\S+) → (\S+)/.exec(JSON.stringify(last.input ?? ''));
  return { time: last.time, actor: last.actor, kind: named?.[1] ?? 'failover', from: named?.[2], to: named?.[3], source: 'journal' };
}

/** Error-severity drift findings whose Region at fault is the target (the drift command's own check). */
async function driftEvidence(env: MutationEnv, target: string): Promise<DriftEvidence> {
  // Loaded on use: health and canary share this module and need none of drift's readers.
  const { checkDrift } = await import('./drift.js');
  const report = await checkDrift(env, { failOn: 'error' });
  const errors = report.findings.filter((f) => f.severity === 'error' && f.region === target).map((f) => `${f.code} ${f.path}: ${f.message}`);
  return { required: true, checked: true, errors };
}

export function failoverPorts(env: MutationEnv, target: string): FailoverPorts {
  const readers = readersFor(env.aws);
  const opts = probeOptions(env);
  const credentials = probeCredentials(env);
  return {
    cognito: readers.cognito,
    route53: readers.route53,
    probes: oidcProbes(opts),
    metrics: lazyPort(async () => new (await import('../../aws/metrics-reader.js')).SdkHealthMetricsReader(env.aws.clients)),
    clock: env.ctx.clock,
    emit: (event) => env.ctx.log(eventLine(event)),
    signal: env.ctx.signal,
    journalLastMove: () => journalLastMove(env),
    drift: () => driftEvidence(env, target),
    mintSourceToken: credentials
      ? async (region, pool) => {
          const url = pool ? tokenEndpointIn(pool, region) : undefined;
          if (!url) return { minted: false, detail: 'the pool has no domain, so no token endpoint' };
          const { accessToken, ...probe } = await requestClientCredentialsToken(url, credentials.clientId, credentials.clientSecret, undefined, opts);
          if (!accessToken) return { minted: false, detail: `${url} did not issue a token: ${probe.error?.name ?? 'failed'}` };
          preFailoverTokens.set(env.aws, accessToken);
          return { minted: true, detail: `minted by ${region} (${url}) before the failover; held in memory only` };
        }
      : undefined,
  };
}

/** Every pseudo-operation a failover or canary plan uses. */
export function trafficWaits(env: MutationEnv): Record<string, WaitHandler> {
  const readers = readersFor(env.aws);
  const deps = { clock: env.ctx.clock, emit: (event: CoreEvent) => env.ctx.log(eventLine(event)) };
  const opts = probeOptions(env);
  return {
    ...replicaWaits({ cognito: readers.cognito, ...deps }),
    ...dnsWaits({ route53: readers.route53, ...deps }),
    VerifyFailoverTokens: async (step) => {
      const token = preFailoverTokens.get(env.aws);
      const result = await runPostChecks(
        {
          fetchDiscovery: (url) => fetchDiscovery(url, opts),
          verifyPreFailoverToken: async (expect) => (token ? verifyAccessToken(token, expect, opts) : undefined),
        },
        step.input as unknown as PostCheckInput,
      );
      for (const line of result.lines) env.ctx.log(`  ${line}`);
      return { status: 'applied', output: { ok: result.ok, checks: result.checks as unknown as JsonObject[] } };
    },
  };
}

export const failoverDefinition: MutationDefinition<FailoverOptions> = {
  command: 'failover',
  async prepare(env, opts) {
    const dns = requireDns(env);
    const t = env.topology;
    if (opts.to !== t.primaryRegion && opts.to !== t.secondaryRegion) {
      throw new InputError('MRR_FAILOVER_E002', 'flags', '--to', opts.to, `one of the pool's Regions: ${t.secondaryRegion} (failover) or ${t.primaryRegion} (failback)`);
    }
    const ports = failoverPorts(env, opts.to);
    const o = await observeFailover(ports, { topology: t, dns, guards: env.config.guards, target: opts.to, credentials: probeCredentials(env) });
    const parts = planFailover(t, { dns, guards: env.config.guards }, o, opts, planIdentity(env, opts));
    plannedSteps.set(env.aws, parts.steps);
    const mode = opts.force ? ' (forced)' : opts.planned ? ' (planned)' : '';
    const text = [
      `${o.toSecondary ? 'Failover' : 'Failback'} of ${t.userPoolId}: ${o.source} → ${o.target} (${dns.strategy} DNS)${mode}${opts.reason ? `; reason: ${opts.reason}` : ''}`,
      `Users will notice on ${o.target}:`,
      ...parts.impact.map((line) => `  - ${line}`),
      '',
    ];
    const { pool: _pool, ...targetHealth } = o.targetHealth;
    const evidence = { dns: o.dns, lock: o.lock ?? null, antiFlap: o.antiFlap, targetHealth, lastMoves: o.lastMoves, drift: o.drift, sourceReachable: o.sourceReachable, replicaStatus: o.replicaStatus ?? null };
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
      report: { text, data: { direction: o.toSecondary ? 'failover' : 'failback', source: o.source, target: o.target, strategy: dns.strategy, impact: parts.impact, evidence, nothingToDo: parts.nothingToDo } },
      confirm: { question: `move the users of ${t.userPoolId} from ${o.source} to ${o.target}`, typeToConfirm: o.target },
      refused: parts.refused,
    };
  },
  waits: trafficWaits,
  async verify(env, _opts, result) {
    const out = new Map(result.results.map((r) => [r.stepId, (r.output ?? {}) as JsonObject]));
    const dnsCheck = out.get(FAILOVER_STEP.verify);
    const post = out.get(FAILOVER_STEP.postChecks);
    const lines: string[] = [];
    if (dnsCheck?.answer) lines.push(`${dnsCheck.ok ? '✓' : '✗'} Route 53 answers ${(dnsCheck.answer as string[]).join(', ') || dnsCheck.responseCode} (expected ${(dnsCheck.expected as string[]).join(', ')})`);
    else if (dnsCheck) lines.push(`${dnsCheck.ok ? '✓' : '✗'} health check reports ${dnsCheck.healthy ? 'healthy' : 'unhealthy'} (expected ${dnsCheck.expectedHealthy ? 'healthy' : 'unhealthy'})`);
    for (const c of (post?.checks ?? []) as JsonObject[]) lines.push(`${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '-'} ${c.message}`);
    const steps = plannedSteps.get(env.aws) ?? [];
    lines.push(...renderTimeline({ steps }, result));
    return { ok: dnsCheck?.ok !== false && post?.ok !== false, lines };
  },
};

/** Runs the stop-cleanup (history if traffic moved, lock release if ours) through the journal. Returns lines for the result. */
async function cleanUp(env: MutationEnv, command: string, steps: Step[], done: string[]): Promise<string[]> {
  const dns = requireDns(env);
  const route53 = readersFor(env.aws).route53;
  const lock = findLock(await route53.listRecordSets(dns.hostedZoneId, lockRecordName(dns.recordName)));
  const todo = cleanupSteps({ steps }, done, lock);
  if (todo.length === 0) return [];
  const plan = createPlan({ command, ...env.topology, observed: { cleanupOf: done }, steps: todo }, { now: env.ctx.clock.now() });
  // No abort signal: after Ctrl-C the lock must still be released.
  const result = await applyPlan(plan, { execute: createAwsExecutor(env.aws.clients).execute, journal: journalFor(env.ctx), clock: env.ctx.clock, actor: operatorName(env.ctx.env) });
  return result.results.map((r) => `${r.status === 'failed' ? '✗' : '✓'} after the stop: ${todo.find((s) => s.id === r.stepId)?.summary}${r.error ? `: ${r.error.name}: ${r.error.message}` : ''}`);
}

const CAS_CONFLICTS = new Set(['InvalidChangeBatch', 'HealthCheckVersionMismatch', 'PriorRequestNotComplete']);

/** Turns a lost lock race or a failed compare-and-swap into exit 4, naming who holds the lock. */
async function conflicts(env: MutationEnv, result: CommandResult, dryRun: boolean): Promise<CommandResult> {
  const data = result.data as { plan?: Plan; result?: ApplyResult };
  const failed = data.result?.results.find((r) => r.status === 'failed');
  const conflict = (code: DiagnosticCode, message: string): CommandResult => ({ ...result, ok: false, exitCode: ExitCode.conflict, diagnostics: [{ severity: 'error', code, message }] });
  if (failed?.stepId === FAILOVER_STEP.takeLock && failed.error?.name === 'InvalidChangeBatch') {
    const dns = requireDns(env);
    const lock = findLock(await readersFor(env.aws).route53.listRecordSets(dns.hostedZoneId, lockRecordName(dns.recordName)).catch(() => []));
    return conflict('MRR_FAILOVER_E004', `another operator took the lock first: ${lock ? describeLock(lock) : 'it is held (and was released since)'}; nothing was changed`);
  }
  if (failed?.stepId === FAILOVER_STEP.moveTraffic && CAS_CONFLICTS.has(failed.error?.name ?? '')) {
    return conflict('MRR_FAILOVER_E005', `DNS changed since it was read (${failed.error?.name}: ${failed.error?.message}); Route 53 refused the compare-and-swap, so DNS is as it was. Re-run to plan from the current state`);
  }
  const lockGuard = data.plan?.guards?.find((g) => g.id === 'lock' && !g.ok);
  if (lockGuard && !dryRun && data.result === undefined) return conflict('MRR_FAILOVER_E004', `${lockGuard.evidence}; nothing was changed`);
  return result;
}

/** runMutation plus what a traffic move needs around it: cleanup after a stop, and conflicts as exit 4. */
export async function runTrafficMove<O extends JsonObject>(env: MutationEnv, definition: MutationDefinition<O>, options: O, flags: MutationFlags): Promise<CommandResult> {
  let steps: Step[] | undefined;
  const tracked: MutationDefinition<O> = {
    ...definition,
    prepare: async (e, o) => {
      const prepared = await definition.prepare(e, o);
      steps = prepared.draft.steps;
      return prepared;
    },
  };
  let result: CommandResult;
  try {
    result = await runMutation(env, tracked, options, flags);
  } catch (err) {
    // Declined or bad input: nothing was applied. Anything else may have stopped mid-apply.
    if (steps && !(err instanceof NotConfirmedError) && !(err instanceof UsageError)) await cleanUp(env, definition.command, steps, []).catch(() => []);
    throw err;
  }
  const applied = (result.data as { result?: ApplyResult }).result;
  if (steps && applied && !applied.ok) {
    const done = applied.results.filter((r) => r.status !== 'failed').map((r) => r.stepId);
    const lines = await cleanUp(env, definition.command, steps, done).catch((err: Error) => [`✗ after the stop: the lock could not be released (${err.name}: ${err.message}); it expires on its own, or use --break-lock after that`]);
    result = { ...result, text: [...result.text, ...lines] };
    for (const line of lines) env.ctx.log(line);
  }
  return conflicts(env, result, Boolean(flags.dryRun));
}

interface FailoverFlags {
  to?: string;
  planned?: boolean;
  force?: boolean;
  forceUnhealthyTarget?: boolean;
  breakLock?: boolean;
  reason?: string;
  timeout: string;
  dryRun?: boolean;
  planOut?: string;
}

/**
 * Who plans, when, and the lock's id are fixed once, when the command is typed, and travel in the
 * plan's options: `mrrctl apply FILE` then recomputes exactly the steps that were saved (same lock
 * record, same history entry) instead of steps that differ only by a fresh id and time.
 */
export function newPlanIdentity(ctx: { env: Record<string, string | undefined>; clock: { now(): Date } }): JsonObject {
  return { actor: operatorName(ctx.env), lockId: randomUUID(), plannedAt: ctx.clock.now().toISOString() };
}

export function planIdentity(env: MutationEnv, opts: JsonObject): { actor: string; lockId: string; now: Date } {
  const id = opts.identity as { actor?: string; lockId?: string; plannedAt?: string } | undefined;
  if (id?.actor && id.lockId && id.plannedAt) return { actor: id.actor, lockId: id.lockId, now: new Date(id.plannedAt) };
  return { actor: operatorName(env.ctx.env), lockId: randomUUID(), now: env.ctx.clock.now() };
}

export function failoverOptions(flags: FailoverFlags): FailoverOptions {
  if (!flags.to) throw new InputError('MRR_INPUT_E030', 'flags', '--to', undefined, 'the Region to move users to, e.g. --to eu-west-1');
  const reason = flags.reason?.trim() ?? '';
  for (const flag of ['planned', 'force'] as const) {
    if (flags[flag] && reason === '') throw new InputError('MRR_INPUT_E031', 'flags', '--reason', flags.reason, `a non-empty reason with --${flag} (it goes into the journal and the zone's history)`);
  }
  return {
    to: flags.to,
    planned: Boolean(flags.planned),
    force: Boolean(flags.force),
    forceUnhealthyTarget: Boolean(flags.forceUnhealthyTarget),
    breakLock: Boolean(flags.breakLock),
    reason,
    timeoutSeconds: parseTimeout(flags.timeout),
  };
}

export function registerFailover(program: Command, hooks: ProgramHooks): void {
  program
    .command('failover')
    .description('guarded DNS failover to a Region (failback: --to <primary>), activating the target replica when needed')
    .option('--to <region>', 'the Region to move users to')
    .option('--planned', 'a drill or maintenance: waive the anti-flap guard (needs --reason)')
    .option('--force', 'waive the anti-flap, cooldown, drift and issuer guards (needs --reason)')
    .option('--force-unhealthy-target', 'move users even though the target fails its health probes')
    .option('--break-lock', 'replace an EXPIRED failover lock left by a run that died')
    .option('--reason <text>', 'why: recorded in the journal, the lock and the zone history')
    .option('--timeout <seconds>', 'how long to wait for the replica, DNS INSYNC and the health check', '600')
    .option('--dry-run', 'show the plan and every guard with its evidence, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .addHelpText('after', '\nExamples:\n  mrrctl failover --to eu-west-1 --dry-run\n  mrrctl failover --to eu-west-1 --planned --reason "quarterly drill"\n  mrrctl failover --to us-east-1            # failback')
    .action(
      actionFor<FailoverFlags>(hooks, async (ctx, _args, flags) => {
        const options = { ...failoverOptions(flags), identity: newPlanIdentity(ctx) };
        const env = await commandEnv(ctx);
        try {
          return await runTrafficMove(env, failoverDefinition, options, { dryRun: flags.dryRun, planOut: flags.planOut });
        } finally {
          env.aws.clients.destroy();
        }
      }),
    );
}
