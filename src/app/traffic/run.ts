/**
 * A traffic move (failover, canary) is the mutation flow plus what the apply engine cannot do by
 * itself: release the lock and record the history when a later step failed or the run stopped, and
 * turn a lost lock race or a refused compare-and-swap into exit 4.
 */
import { createAwsExecutor } from '../../aws/step-executor.js';
import { ExitCode, NotConfirmedError, UsageError } from '../../core/errors.js';
import { cleanupSteps } from '../../core/failover/cleanup.js';
import { describeLock, findLock, lockRecordName } from '../../core/failover/lock.js';
import { FAILOVER_STEP } from '../../core/failover/plan.js';
import { applyPlan } from '../../core/plan/apply.js';
import { createPlan } from '../../core/plan/create-plan.js';
import type { ApplyResult, Plan, Step } from '../../core/plan/types.js';
import type { CommandResult } from '../../ui/output.js';
import { actor, journalFor } from '../journal.js';
import type { BoundMutation, MutationEnv, MutationFlags } from '../mutation/definition.js';
import { runMutation } from '../mutation/run.js';
import { requireDns } from './dns-config.js';
import type { DiagnosticCode } from '../../core/codes.js';

/** Runs the stop-cleanup (history if traffic moved, lock release if ours) through the journal. Returns lines for the result. */
async function cleanUp(env: MutationEnv, command: string, steps: Step[], done: string[]): Promise<string[]> {
  const dns = requireDns(env);
  const lock = findLock(await env.ports.route53.listRecordSets(dns.hostedZoneId, lockRecordName(dns.recordName)));
  const todo = cleanupSteps({ steps }, done, lock);
  if (todo.length === 0) return [];
  const plan = createPlan({ command, ...env.topology, observed: { cleanupOf: done }, steps: todo }, { now: env.ctx.clock.now() });
  // No abort signal: after Ctrl-C the lock must still be released.
  const result = await applyPlan(plan, { execute: createAwsExecutor(env.aws.clients).execute, journal: journalFor(env.ctx), clock: env.ctx.clock, actor: actor(env.ctx.env) });
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
    const lock = findLock(await env.ports.route53.listRecordSets(dns.hostedZoneId, lockRecordName(dns.recordName)).catch(() => []));
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
export async function runTrafficMove(env: MutationEnv, mutation: BoundMutation, flags: MutationFlags): Promise<CommandResult> {
  let steps: Step[] | undefined;
  const tracked: BoundMutation = {
    ...mutation,
    prepare: async (e) => {
      const prepared = await mutation.prepare(e);
      steps = prepared.draft.steps;
      return prepared;
    },
  };
  let result: CommandResult;
  try {
    result = await runMutation(env, tracked, flags);
  } catch (err) {
    // Declined or bad input: nothing was applied. Anything else may have stopped mid-apply.
    if (steps && !(err instanceof NotConfirmedError) && !(err instanceof UsageError)) await cleanUp(env, mutation.command, steps, []).catch(() => []);
    throw err;
  }
  const applied = (result.data as { result?: ApplyResult }).result;
  if (steps && applied && !applied.ok) {
    const done = applied.results.filter((r) => r.status !== 'failed').map((r) => r.stepId);
    const lines = await cleanUp(env, mutation.command, steps, done).catch((err: Error) => [`✗ after the stop: the lock could not be released (${err.name}: ${err.message}); it expires on its own, or use --break-lock after that`]);
    result = { ...result, text: [...result.text, ...lines] };
    for (const line of lines) env.ctx.log(line);
  }
  return conflicts(env, result, Boolean(flags.dryRun));
}
