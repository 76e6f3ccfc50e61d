/**
 * The pseudo-operations (waits and checks) a failover or canary plan uses, and the token minted
 * before a failover that the post-checks verify afterwards.
 */
import { dnsWaits } from '../../aws/dns-waits.js';
import { createAwsExecutor } from '../../aws/step-executor.js';
import { ROUTE53_STEP_REGION } from '../../core/failover/steps.js';
import { actor } from '../journal.js';
import { localOwner, lockLease, type LockLease } from './lease.js';
import { fetchDiscovery, verifyAccessToken, type SecretToken } from '../../aws/oidc-probe.js';
import { replicaWaits } from '../../aws/replica-waits.js';
import type { WaitHandler } from '../../aws/step-executor.js';
import { runPostChecks, type PostCheckInput, type PostCheckResult } from '../../core/failover/post-checks.js';
import { markChecksPassed } from '../../core/failover/history.js';
import { plainHistoryStep } from '../../core/failover/steps.js';
import type { RecordSet } from '../../core/ports/route53.js';
import type { JsonObject, Step } from '../../core/plan/types.js';
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
  const handlers = { ...waitHandlers(env, lease.clock), RecordHistoryAndReleaseLock: historyAndRelease(env, lease) };
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

/** The history step's changes, its move marked checks=passed only if every ChecksPassed reference resolved to true. */
function markedHistory(step: Step): { plain: Step; batch: JsonObject; changes: JsonObject[]; passed: boolean } {
  const input = step.input as JsonObject;
  const passed = Array.isArray(input.ChecksPassed) && input.ChecksPassed.length > 0 && input.ChecksPassed.every((ok) => ok === true);
  const plain = plainHistoryStep(step);
  const batch = (plain.input as JsonObject).ChangeBatch as JsonObject;
  const changes = (batch.Changes as JsonObject[]).map((c) =>
    passed && c.Action === 'UPSERT' ? { ...c, ResourceRecordSet: markChecksPassed(c.ResourceRecordSet as unknown as RecordSet) as unknown as JsonObject } : c,
  );
  return { plain, batch, changes, passed };
}

/** The history UPSERT and the lock's DELETE in one change batch (core/failover/steps.ts historyAndReleaseStep). */
function historyAndRelease(env: MutationEnv, lease: LockLease): WaitHandler {
  return async (step, signal) => {
    const { batch, changes, passed } = markedHistory(step);
    const input = step.input as JsonObject;
    const output = await lease.releaseWith({ HostedZoneId: String(input.HostedZoneId), LockId: String(input.LockId) }, typeof batch.Comment === 'string' ? batch.Comment : undefined, changes, signal);
    return { status: 'applied', output: { ...output, checks: passed ? 'passed' : 'not passed' } };
  };
}

function waitHandlers(env: MutationEnv, clock: MutationEnv['ctx']['clock']): Record<string, WaitHandler> {
  const deps = { clock, emit: (event: CoreEvent) => env.ctx.log(eventLine(event)) };
  const opts = probeOptions(env);
  const postChecks = (input: PostCheckInput) => {
    const token = preFailoverTokens.get(env.aws);
    return runPostChecks(
      {
        fetchDiscovery: (url) => fetchDiscovery(url, opts),
        verifyPreFailoverToken: async (expect) => (token ? verifyAccessToken(token, expect, opts) : undefined),
      },
      input,
    );
  };
  // Post-checks started alongside a DNS check (core/failover/check-steps.ts checkSteps), by their input.
  const early = new Map<string, Promise<PostCheckResult>>();
  const withPostChecksAlongside = (waits: Record<string, WaitHandler>): Record<string, WaitHandler> =>
    Object.fromEntries(
      Object.entries(waits).map(([operation, handler]): [string, WaitHandler] => [
        operation,
        (step, signal) => {
          const along = (step.input as JsonObject).PostChecks;
          if (along && typeof along === 'object' && !Array.isArray(along)) {
            // runPostChecks reports failures as data, never throws; a rejection would be a bug, kept for the post-checks step.
            const started = postChecks(along as unknown as PostCheckInput);
            started.catch(() => undefined);
            early.set(JSON.stringify(along), started);
          }
          return handler(step, signal);
        },
      ]),
    );
  return {
    ...replicaWaits({ cognito: env.ports.cognito, ...deps }),
    ...withPostChecksAlongside(dnsWaits({ route53: env.ports.route53, metrics: env.ports.metrics, ...deps })),
    ...arcWaits(env),
    // The history UPSERT, its move marked checks=passed only if the verify and post-check outputs it
    // refers to (resolved by the executor) are all ok: true.
    RecordHistory: async (step, signal) => {
      const { plain, batch, changes, passed } = markedHistory(step);
      const outcome = await createAwsExecutor(env.aws.clients).execute({ ...plain, input: { ...(plain.input as JsonObject), ChangeBatch: { ...batch, Changes: changes } } }, signal);
      return { ...outcome, output: { ...((outcome.output ?? {}) as JsonObject), checks: passed ? 'passed' : 'not passed' } };
    },
    VerifyFailoverTokens: async (step) => {
      // Started alongside the DNS check when its input carried these post-checks; else run now.
      const key = JSON.stringify(step.input);
      const started = early.get(key);
      early.delete(key);
      const result = await (started ?? postChecks(step.input as unknown as PostCheckInput));
      for (const line of result.lines) env.ctx.log(`  ${line}`);
      return { status: 'applied', output: { ok: result.ok, checks: result.checks as unknown as JsonObject[] } };
    },
  };
}
