/**
 * The pseudo-operations (waits and checks) a failover or canary plan uses, and the token minted
 * before a failover that the post-checks verify afterwards.
 */
import { dnsWaits } from '../../aws/dns-waits.js';
import { fetchDiscovery, verifyAccessToken, type SecretToken } from '../../aws/oidc-probe.js';
import { replicaWaits } from '../../aws/replica-waits.js';
import type { WaitHandler } from '../../aws/step-executor.js';
import { runPostChecks, type PostCheckInput } from '../../core/failover/post-checks.js';
import type { JsonObject } from '../../core/plan/types.js';
import type { AwsAccess } from '../context.js';
import type { MutationEnv } from '../mutation/definition.js';
import { probeOptions } from '../probes.js';
import { eventLine } from '../../ui/events.js';
import type { CoreEvent } from '../../core/events.js';

/**
 * The token minted before a failover, per command run (keyed by the run's AWS access, which the
 * apply's copies of the env share): in memory only, never planned, printed or journaled.
 */
const preFailoverTokens = new WeakMap<AwsAccess, SecretToken>();

export function rememberPreFailoverToken(aws: AwsAccess, token: SecretToken): void {
  preFailoverTokens.set(aws, token);
}

export function trafficWaits(env: MutationEnv): Record<string, WaitHandler> {
  const deps = { clock: env.ctx.clock, emit: (event: CoreEvent) => env.ctx.log(eventLine(event)) };
  const opts = probeOptions(env);
  return {
    ...replicaWaits({ cognito: env.ports.cognito, ...deps }),
    ...dnsWaits({ route53: env.ports.route53, metrics: env.ports.metrics, ...deps }),
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
