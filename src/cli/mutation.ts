/**
 * The one flow every mutating command follows: observe → plan → show → (dry-run stops here) →
 * confirm → apply step by step, journaled → verify → result. Commands supply a MutationDefinition;
 * `mrrctl apply FILE` replays a saved plan through the same definition after re-observing.
 */
import { homedir, hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { ExitCode } from '../core/errors.js';
import { applyPlan } from '../core/plan/apply.js';
import { createPlan, type PlanDraft } from '../core/plan/create-plan.js';
import type { ApplyResult, JsonObject, Plan } from '../core/plan/types.js';
import { createAwsExecutor, type WaitHandler } from '../aws/step-executor.js';
import type { Topology } from '../core/config/topology.js';
import type { MrrConfig } from '../core/config/schema.js';
import type { CommandResult, Diagnostic } from '../ui/output.js';
import { planResultText, showPlan, startProgress } from '../ui/render-live.js';
import type { ProgressLog } from '../ui/wait-progress.js';
import type { AwsAccess } from './aws-context.js';
import { confirmOrThrow, type ConfirmRequest } from './confirm.js';
import type { CommandContext } from './context.js';
import { defaultJournalPath, FileJournal } from './journal-file.js';

/**
 * The context a definition sees. While applying, `log` also takes the waits' typed progress
 * (see ui/wait-progress.ts): pass `log: env.ctx.log` to a wait so the live view gets both.
 */
export interface MutationContext extends CommandContext {
  log: ProgressLog;
}

/** Everything a definition may use to observe, wait and verify. */
export interface MutationEnv {
  ctx: MutationContext;
  aws: AwsAccess;
  topology: Topology;
  config: MrrConfig;
}

export interface Prepared {
  draft: PlanDraft;
  /** Shown before the plan (e.g. the issuer impact report); part of the JSON data. */
  report?: { text: string[]; data: unknown };
  confirm: ConfirmRequest;
  /** A guard refuses: dry-run exits 3, apply refuses with 3. */
  refused?: boolean;
}

export interface Verification {
  ok: boolean;
  lines: string[];
  data?: unknown;
}

export interface MutationDefinition<O extends JsonObject = JsonObject> {
  command: string;
  prepare(env: MutationEnv, options: O): Promise<Prepared>;
  waits?(env: MutationEnv): Record<string, WaitHandler>;
  verify?(env: MutationEnv, options: O, result: ApplyResult): Promise<Verification>;
}

export interface MutationFlags {
  dryRun?: boolean;
  planOut?: string;
}

/** Who applies, as the journal, locks and history name them: user@host. */
export function actor(env: Record<string, string | undefined>): string {
  let user = env.USER ?? env.LOGNAME;
  try {
    user ??= userInfo().username;
  } catch {
    user ??= 'unknown';
  }
  return `${user}@${hostname()}`;
}

/** The operator's journal: MRRCTL_JOURNAL, else ~/.mrrctl/journal.jsonl. */
export function journalFor(ctx: Pick<CommandContext, 'env'>): FileJournal {
  return new FileJournal(defaultJournalPath(ctx.env, ctx.env.HOME ?? homedir()));
}

/** Plans, shows, confirms and applies. Returns the command's result; throws only input errors. */
export async function runMutation<O extends JsonObject>(
  env: MutationEnv,
  definition: MutationDefinition<O>,
  options: O,
  flags: MutationFlags,
): Promise<CommandResult> {
  const prepared = await definition.prepare(env, options);
  const plan = { ...createPlan(prepared.draft, { now: env.ctx.clock.now() }), options };
  return applyPrepared(env, definition, options, flags, plan, prepared);
}

export async function applyPrepared<O extends JsonObject>(
  env: MutationEnv,
  definition: MutationDefinition<O>,
  options: O,
  flags: MutationFlags,
  plan: Plan,
  prepared: Pick<Prepared, 'report' | 'confirm' | 'refused'>,
): Promise<CommandResult> {
  const { ctx } = env;
  const reportLines = prepared.report?.text ?? [];
  const baseData = { plan, report: prepared.report?.data };
  if (flags.planOut) await (await import('./plan-file-io.js')).savePlanFile(resolve(ctx.cwd, flags.planOut), plan);

  const refusedDiag: Diagnostic[] = prepared.refused
    ? [{ severity: 'error', code: 'MRR_GUARD_E001', message: 'a guard refuses this change; see the guard results in the plan' }]
    : [];
  // Saving a plan is planning, as with `terraform plan -out`: it is applied later, by `mrrctl apply`.
  if (flags.dryRun || flags.planOut || plan.steps.length === 0 || prepared.refused) {
    const saved = flags.planOut && plan.steps.length > 0 && !prepared.refused ? [`Saved the plan to ${flags.planOut}; apply it with \`mrrctl apply ${flags.planOut}\`.`] : [];
    return {
      command: definition.command,
      ok: !prepared.refused,
      data: { ...baseData, dryRun: Boolean(flags.dryRun || flags.planOut), changes: plan.steps.length, ...(flags.planOut ? { planFile: flags.planOut } : {}) },
      diagnostics: refusedDiag,
      text: [...(await planResultText(ctx, plan, reportLines)), ...saved],
      exitCode: prepared.refused ? ExitCode.findings : ExitCode.ok,
    };
  }

  // The plan and report go to stderr before the prompt: they are not the result.
  await showPlan(ctx, plan, reportLines);
  await confirmOrThrow(ctx, { ...prepared.confirm, warning: prepared.confirm.warning ?? riskOf(plan) });

  const progress = await startProgress(ctx);
  // The waits log through the env they are built from: route their lines (and typed progress) to the view.
  const applyEnv: MutationEnv = { ...env, ctx: { ...ctx, log: progress.log } };
  const executor = createAwsExecutor(env.aws.clients, definition.waits?.(applyEnv) ?? {});
  let result: ApplyResult;
  try {
    result = await applyPlan(plan, {
      execute: executor.execute,
      journal: journalFor(ctx),
      clock: ctx.clock,
      actor: actor(ctx.env),
      signal: ctx.signal,
      onEvent: progress.onEvent,
    });
  } finally {
    await progress.close();
  }
  const verification = result.ok && definition.verify ? await definition.verify(env, options, result) : undefined;
  return applyOutcome(definition.command, plan, result, verification, baseData);
}

/** "This plan has 1 destructive step.": what the confirmation warns about; undefined when neither. */
function riskOf(plan: Plan): string | undefined {
  const destructive = plan.steps.filter((step) => step.destructive).length;
  const traffic = plan.steps.filter((step) => step.trafficMoving === true).length;
  const parts = [
    ...(destructive > 0 ? [`${destructive} destructive step${destructive === 1 ? '' : 's'}`] : []),
    ...(traffic > 0 ? [`${traffic} step${traffic === 1 ? '' : 's'} moving traffic`] : []),
  ];
  return parts.length > 0 ? `This plan has ${parts.join(' and ')}.` : undefined;
}

function applyOutcome(
  command: string,
  plan: Plan,
  result: ApplyResult,
  verification: Verification | undefined,
  baseData: Record<string, unknown>,
): CommandResult {
  const applied = result.results.filter((r) => r.status === 'applied').map((r) => r.stepId);
  const data = { ...baseData, result, verification: verification ?? null };
  if (result.interrupted) {
    return {
      command,
      ok: false,
      data,
      diagnostics: [{ severity: 'error', code: 'MRR_APPLY_E130', message: `interrupted; applied so far: ${applied.join(', ') || 'nothing'}; re-run to continue` }],
      text: [],
      exitCode: ExitCode.interrupted,
    };
  }
  if (!result.ok) {
    const failed = result.results.find((r) => r.status === 'failed');
    const timedOut = failed?.error?.name === 'WaitTimeoutError';
    return {
      command,
      ok: false,
      data,
      diagnostics: [
        {
          severity: 'error',
          code: timedOut ? 'MRR_APPLY_E006' : 'MRR_APPLY_E001',
          message:
            `step ${result.failedStep} failed: ${failed?.error?.name}: ${failed?.error?.message}; ` +
            `already applied: ${applied.join(', ') || 'nothing'}; not run: ${result.notRun.join(', ') || 'nothing'}. ` +
            (timedOut ? 'The change may still complete: `mrrctl status` tells.' : 'Re-run the command once the cause is fixed: it continues where it stopped.'),
        },
      ],
      text: [],
      exitCode: timedOut ? ExitCode.timeout : ExitCode.unexpected,
    };
  }
  const lines = [`Applied ${applied.length} step(s), ${result.results.length - applied.length} already in place (plan ${result.planHash.slice(0, 12)}).`];
  if (verification) lines.push(...verification.lines);
  return {
    command,
    ok: verification ? verification.ok : true,
    data,
    diagnostics: verification && !verification.ok ? [{ severity: 'error', code: 'MRR_VERIFY_E001', message: 'post-apply verification failed' }] : [],
    text: lines,
    exitCode: verification && !verification.ok ? ExitCode.findings : ExitCode.ok,
  };
}
