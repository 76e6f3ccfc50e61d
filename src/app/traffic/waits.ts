/**
 * The pseudo-operations (waits and checks) a failover or canary plan uses, and the token minted
 * before a failover that the post-checks verify afterwards.
 */
import { dnsWaits } from '../../aws/dns-waits.js';
import { createAwsExecutor } from '../../aws/step-executor.js';
import { ROUTE53_STEP_REGION } from '../../core/failover/steps.js';
import { actor } from '../journal.js';
import { localOwner, lockLease } from './lease.js';
import { fetchDiscovery, verifyAccessToken, type SecretToken } from '../../aws/oidc-probe.js';
import { replicaWaits } from '../../aws/replica-waits.js';
import type { WaitHandler } from '../../aws/step-executor.js';
import { runPostChecks, type PostCheckInput } from '../../core/failover/post-checks.js';
import { markChecksPassed } from '../../core/failover/history.js';
import { plainHistoryStep } from '../../core/failover/steps.js';
import type { RecordSet } from '../../core/ports/route53.js';
import type { JsonObject } from '../../core/plan/types.js';
import type { AwsAccess } from '../context.js';
import type { MutationEnv } from '../mutation/definition.js';
import { probeOptions } from '../probes.js';
import { eventLine } from '../../ui/events.js';
import type { CoreEvent } from '../../core/events.js';
import { arcWaits } from './arc-failover.js';

/**
 * The token minted before a failover, per command run (keyed by the run's AWS access, which the
 * apply's copies of the env share): in memory only, never planned, printed or journaled.
 */
const preFailoverTokens = new WeakMap<AwsAccess, SecretToken>();

export function rememberPreFailoverToken(aws: AwsAccess, token: SecretToken): void {
  preFailoverTokens.set(aws, token);
}

/**
 * Built once per apply: the handlers share one lock lease, whose clock the waits sleep on (so a long
 * wait renews the lease) and which every other pseudo-operation renews first when it is due.
 */
export function trafficWaits(env: MutationEnv): Record<string, WaitHandler> {
  const plainExecutor = createAwsExecutor(env.aws.clients);
  const lease = lockLease({
    clock: env.ctx.clock,
    owner: localOwner(actor(env.ctx.env)),
    log: (line) => env.ctx.log(line),
    change: async (zone, comment, changes, signal) =>
      (
        await plainExecutor.execute(
          { id: 'route53.lock-lease', region: ROUTE53_STEP_REGION, service: 'route53', operation: 'ChangeResourceRecordSets', input: { HostedZoneId: zone, ChangeBatch: { Comment: comment.slice(0, 256), Changes: changes } }, summary: 'the lock lease', action: 'update', destructive: false },
          signal,
        )
      ).output,
  });
  const handlers = waitHandlers(env, lease.clock);
  const renewing = Object.fromEntries(
    Object.entries(handlers).map(([operation, handler]): [string, WaitHandler] => [
      operation,
      async (step, signal) => {
        await lease.renewIfDue(signal);
        return handler(step, signal);
      },
    ]),
  );
  return { ...renewing, ...lease.handlers };
}

function waitHandlers(env: MutationEnv, clock: MutationEnv['ctx']['clock']): Record<string, WaitHandler> {
  const deps = { clock, emit: (event: CoreEvent) => env.ctx.log(eventLine(event)) };
  const opts = probeOptions(env);
  return {
    ...replicaWaits({ cognito: env.ports.cognito, ...deps }),
    ...dnsWaits({ route53: env.ports.route53, metrics: env.ports.metrics, ...deps }),
    ...arcWaits(env),
    // The history UPSERT, its move marked checks=passed only if the verify and post-check outputs it
    // refers to (resolved by the executor) are all ok: true.
    RecordHistory: async (step, signal) => {
      const input = step.input as JsonObject;
      const passed = Array.isArray(input.ChecksPassed) && input.ChecksPassed.length > 0 && input.ChecksPassed.every((ok) => ok === true);
      const plain = plainHistoryStep(step);
      const batch = (plain.input as JsonObject).ChangeBatch as JsonObject;
      const changes = (batch.Changes as JsonObject[]).map((c) =>
        passed && c.Action === 'UPSERT' ? { ...c, ResourceRecordSet: markChecksPassed(c.ResourceRecordSet as unknown as RecordSet) as unknown as JsonObject } : c,
      );
      const outcome = await createAwsExecutor(env.aws.clients).execute({ ...plain, input: { ...(plain.input as JsonObject), ChangeBatch: { ...batch, Changes: changes } } }, signal);
      return { ...outcome, output: { ...((outcome.output ?? {}) as JsonObject), checks: passed ? 'passed' : 'not passed' } };
    },
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
