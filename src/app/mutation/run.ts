/**
 * The one flow every mutating command follows: observe → plan → show → (dry-run stops here) →
 * confirm → apply step by step, journaled → verify → result. Commands bind a definition
 * (./definition.ts); `mrrctl apply FILE` replays a saved plan through the same definition after
 * re-observing.
 */
import { resolve } from 'node:path';
import { createAwsExecutor } from '../../aws/step-executor.js';
import { CODES } from '../../core/codes.js';
import { ExitCode } from '../../core/errors.js';
import { applyResultOf } from '../../core/contract/plain.js';
import { applyPlan } from '../../core/plan/apply.js';
import { createPlan } from '../../core/plan/create-plan.js';
import { planEndpoint } from '../../core/plan/endpoint.js';
import type { ApplyResult, Plan } from '../../core/plan/types.js';
import { confirmOrThrow } from '../../ui/confirm.js';
import type { CommandResult, Diagnostic } from '../../ui/output.js';
import { planResultText, showPlan, startProgress } from '../../ui/render-live.js';
import { actor, journalFor } from '../journal.js';
import type { BoundMutation, MutationEnv, MutationFlags, Prepared, Verification } from './definition.js';

/** Plans, shows, confirms and applies. Returns the command's result; throws only input errors. */
export async function runMutation(env: MutationEnv, mutation: BoundMutation, flags: MutationFlags): Promise<CommandResult> {
  // A --plan-out path that cannot take the plan is an input error: say so before observing anything
  // (a plan its guards refuse is never written, so the save itself would not be reached to say it).
  if (flags.planOut) await (await import('../files/plan-file-io.js')).checkPlanOut(resolve(env.ctx.cwd, flags.planOut));
  const prepared = await mutation.prepare(env);
  const plan: Plan = {
    ...createPlan(prepared.draft, { now: env.ctx.clock.now() }),
    options: mutation.options,
    endpoint: planEndpoint(env.aws.target.endpoint, env.topology.primaryRegion),
  };
  return applyPrepared(env, mutation, flags, plan, prepared);
}

/** Shows, confirms and applies a plan already made (by runMutation, or re-made live by `apply FILE`). */
export async function applyPrepared(
  env: MutationEnv,
  mutation: BoundMutation,
  flags: MutationFlags,
  plan: Plan,
  prepared: Pick<Prepared, 'report' | 'confirm' | 'refused'>,
): Promise<CommandResult> {
  const { ctx } = env;
  const reportLines = prepared.report?.text ?? [];
  // One shape for every mutating command's data (docs/schemas/mutation.json): what does not apply is null.
  const baseData = { plan, report: prepared.report?.data ?? null };
  // A plan its guards refuse is never saved: a file is no place for a refusal someone could edit away.
  if (flags.planOut && !prepared.refused) await (await import('../files/plan-file-io.js')).savePlanFile(resolve(ctx.cwd, flags.planOut), plan);

  if (flags.dryRun || flags.planOut || plan.steps.length === 0 || prepared.refused) {
    const planning = Boolean(flags.dryRun || flags.planOut);
    // Not applying because another run holds what this one needs (a refusing lock guard, also when there
    // is nothing to move) is a conflict (exit 4), as the command's hooks judge it.
    const conflict = !planning ? await mutation.hooks?.conflict(env, plan, undefined) : undefined;
    const saved = flags.planOut && plan.steps.length > 0 && !prepared.refused ? [`Saved the plan to ${flags.planOut}; apply it with \`mrrctl apply ${flags.planOut}\`.`] : [];
    const notSaved = flags.planOut && prepared.refused ? [`The plan was not saved to ${flags.planOut}: a guard refuses it.`] : [];
    const diagnostics: Diagnostic[] = conflict
      ? [conflict]
      : prepared.refused
        ? [{ severity: 'error', code: 'MRR_GUARD_E001', message: 'a guard refuses this change; see the guard results in the plan' }]
        : [];
    return {
      command: mutation.command,
      ok: !prepared.refused && !conflict,
      data: {
        ...baseData,
        dryRun: planning,
        changes: plan.steps.length,
        planFile: flags.planOut && !prepared.refused ? flags.planOut : null,
        result: null,
        verification: null,
        afterStop: [],
      },
      diagnostics,
      text: [...(await planResultText(ctx, plan, reportLines)), ...saved, ...notSaved],
      exitCode: conflict ? ExitCode.conflict : prepared.refused ? ExitCode.findings : ExitCode.ok,
    };
  }

  // The plan and report go to stderr before the prompt: they are not the result.
  await showPlan(ctx, plan, reportLines);
  await confirmOrThrow(ctx, { ...prepared.confirm, warning: prepared.confirm.warning ?? riskOf(plan) });

  const progress = await startProgress(ctx);
  // The waits log through the env they are built from: route their lines (and typed progress) to the view.
  const applyEnv: MutationEnv = { ...env, ctx: { ...ctx, log: progress.log } };
  const executor = createAwsExecutor(env.aws.clients, mutation.waits?.(applyEnv) ?? {});
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
  } catch (err) {
    // The apply itself broke (e.g. the journal could not be written): what it holds must still be let go.
    await progress.close();
    await mutation.hooks?.afterStop(env, plan.steps, []);
    throw err;
  }
  await progress.close();
  let stopLines: string[] = [];
  if (!result.ok && mutation.hooks) {
    const done = result.results.filter((r) => r.status !== 'failed').map((r) => r.stepId);
    // Said once: they are the result's lines (stdout), not also a log line (stderr, which JSON mode keeps empty).
    stopLines = await mutation.hooks.afterStop(env, plan.steps, done);
  }
  const verification = result.ok && mutation.verify ? await mutation.verify(env, result) : undefined;
  const outcome = applyOutcome(mutation.command, plan, result, verification, { ...baseData, dryRun: false, changes: plan.steps.length, planFile: null, afterStop: stopLines });
  const withStop = { ...outcome, text: [...outcome.text, ...stopLines] };
  // An interrupted run stays 130 whatever stopped it; otherwise a lost race is exit 4, naming the winner.
  const conflict = !result.ok && !result.interrupted ? await mutation.hooks?.conflict(env, plan, result) : undefined;
  return conflict ? { ...withStop, ok: false, exitCode: exitOf(conflict), diagnostics: [conflict] } : withStop;
}

/** The stop hooks' diagnostic ends the run with its code's exit class: a lost race is 4, a refusal (an ARC safety rule) 3. */
function exitOf(diagnostic: Diagnostic): (typeof ExitCode)[keyof typeof ExitCode] {
  const exit = (CODES as Record<string, { exit: string }>)[diagnostic.code]?.exit;
  return exit === 'findings' ? ExitCode.findings : ExitCode.conflict;
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
  const data = { ...baseData, result: applyResultOf(result), verification: verification ? { ok: verification.ok, lines: verification.lines, data: verification.data ?? null } : null };
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
