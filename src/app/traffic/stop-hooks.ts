/**
 * What a traffic move (failover, canary, canary stop) needs from the shared mutation flow around an
 * apply that stopped, whichever way it was run (`mrrctl failover`, `mrrctl canary`, `mrrctl apply
 * FILE`): record the history if traffic already moved, release the lock if it is still this run's,
 * and turn a lost race (the lock CREATE, the compare-and-swap) into exit 4 naming who got there first.
 */
import { createAwsExecutor } from '../../aws/step-executor.js';
import type { DiagnosticCode } from '../../core/codes.js';
import { cleanupSteps, plannedLockId } from '../../core/failover/cleanup.js';
import { describeLock, findLock, lockRecordName } from '../../core/failover/lock.js';
import { FAILOVER_STEP } from '../../core/failover/steps.js';
import { applyPlan } from '../../core/plan/apply.js';
import { createPlan } from '../../core/plan/create-plan.js';
import type { Step } from '../../core/plan/types.js';
import type { Diagnostic } from '../../ui/output.js';
import { actor, journalFor } from '../journal.js';
import type { MutationEnv, StopHooks } from '../mutation/definition.js';
import { requireDns } from './dns-config.js';
import { SAFETY_RULE_REFUSAL } from './arc-failover.js';

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

const CAS_CONFLICTS = new Set(['InvalidChangeBatch', 'HealthCheckVersionMismatch', 'PriorRequestNotComplete', 'ConcurrentModification']);

const diagnostic = (code: DiagnosticCode, message: string): Diagnostic => ({ severity: 'error', code, message });

/** The lock record as it is now (undefined when none, or when it cannot be read). */
async function readLock(env: MutationEnv): Promise<ReturnType<typeof findLock>> {
  const dns = requireDns(env);
  return findLock(await env.ports.route53.listRecordSets(dns.hostedZoneId, lockRecordName(dns.recordName)).catch(() => []));
}

/** Exit 4: another run's lock refused ours, naming its holder when it is still there. */
function lockTaken(lock: ReturnType<typeof findLock>): Diagnostic {
  return diagnostic('MRR_FAILOVER_E004', `another operator took the lock first: ${lock ? describeLock(lock) : 'it is held (and was released since)'}; nothing was changed`);
}

export function trafficHooks(command: string): StopHooks {
  return {
    afterStop: (env, steps, done) =>
      cleanUp(env, command, steps, done).catch((err: Error) => [
        `✗ after the stop: the lock could not be released (${err.name}: ${err.message}); its lease ends within a minute, then --break-lock removes it`,
      ]),
    async conflict(env, plan, result) {
      const failed = result?.results.find((r) => r.status === 'failed');
      if (failed?.stepId === FAILOVER_STEP.takeLock && failed.error?.name === 'InvalidChangeBatch') return lockTaken(await readLock(env));
      // The lock and the DNS change in one batch (AcquireLockAndChange), refused whole: a lock that
      // someone took since it was read is the reason that names a holder (exit 4, as a lost CREATE).
      const batched = plan.steps.find((s) => s.id === failed?.stepId && s.operation === 'AcquireLockAndChange');
      if (batched && failed?.error?.name === 'InvalidChangeBatch') {
        const lock = await readLock(env);
        const named = failed.error.message.includes(lockRecordName(requireDns(env).recordName));
        // Our own lock: the batch was applied by an attempt whose answer was lost, and a retry was
        // refused. Not a race: the step's own error is reported (exit 1), and the stop-cleanup records the move.
        if (lock && lock.info?.id === plannedLockId(plan)) return undefined;
        if (lock || named) return lockTaken(lock);
      }
      if (failed?.stepId === FAILOVER_STEP.moveTraffic && CAS_CONFLICTS.has(failed.error?.name ?? '')) {
        return diagnostic(
          'MRR_FAILOVER_E005',
          `DNS changed since it was read (${failed.error?.name}: ${failed.error?.message}); Route 53 refused the compare-and-swap, so DNS is as it was. Re-run to plan from the current state`,
        );
      }
      if (failed?.error?.name === 'LockLostError') {
        return diagnostic('MRR_FAILOVER_E006', `${failed.error.message}; it stopped at ${failed.stepId}${result?.results.some((r) => r.stepId === FAILOVER_STEP.moveTraffic && r.status === 'applied') ? ' after traffic moved: check `mrrctl status`' : ': traffic did not move'}`);
      }
      // A safety rule's refusal is a refusal (exit 3), like a guard's: the rule holds, nobody raced.
      if (failed?.error?.name === SAFETY_RULE_REFUSAL) return diagnostic('MRR_FAILOVER_E011', failed.error.message);
      const lockGuard = result === undefined ? plan.guards?.find((g) => g.id === 'lock' && !g.ok) : undefined;
      if (lockGuard) return diagnostic('MRR_FAILOVER_E004', `${lockGuard.evidence}; nothing was changed${lockGuard.remedy ? ` — ${lockGuard.remedy}` : ''}`);
      return undefined;
    },
  };
}
