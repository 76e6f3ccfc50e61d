/**
 * `status`'s observation: the core's topology read, plus the health verdict per Region (the `health`
 * command's own use-case) and the drift counts (the `drift` command's own check), all concurrently.
 *
 * Drift is the QUICK check: without --deep (no per-client DescribeUserPoolClient in both Regions) and
 * without the replication re-check wait (5 s otherwise), so status answers within seconds and a
 * `--watch` refresh stays well inside Cognito's read quotas; the report labels it `scope: quick`, and
 * `mrrctl drift` gives the findings. A setting still replicating can show as an error here that the
 * drift command's re-check would resolve.
 */
import { observeStatus, type DriftCounts, type RegionHealthSummary, type StatusReport } from '../../core/status/status.js';
import { arcConfigOf } from '../../core/dns/arc-config.js';
import type { ArcStates } from '../../core/failover/arc-states.js';
import { readArcStatesOf } from '../traffic/arc-serving.js';
import { checkDrift } from '../drift/check.js';
import { observeHealth } from '../health/observe.js';
import type { MutationEnv } from '../mutation/definition.js';
import { judgeLockOwner } from '../traffic/lock-owner.js';

async function healthByRegion(env: MutationEnv): Promise<Record<string, RegionHealthSummary>> {
  const report = await observeHealth(env);
  return Object.fromEntries(report.regions.map((r) => [r.region, { verdict: r.verdict, problems: r.problems }]));
}

async function driftCounts(env: MutationEnv): Promise<DriftCounts> {
  const report = await checkDrift(env, { deep: false, recheckDelayMs: 0 });
  const { errors, warnings, infos, allowed } = report.summary;
  return { errors, warnings, infos, allowed, checkedAt: report.checkedAt, scope: 'quick' };
}

export function statusOf(env: MutationEnv): Promise<StatusReport> {
  const regions = { primary: env.topology.primaryRegion, secondary: env.topology.secondaryRegion };
  return observeStatus(
    {
      cognito: env.ports.cognito,
      route53: env.ports.route53,
      health: () => healthByRegion(env),
      drift: () => driftCounts(env),
      ...(arcConfigOf(env.config.dns) ? { arcStates: async () => (await readArcStatesOf(env.aws.clients, env.config.dns, regions)) as ArcStates } : {}),
      judgeLock: (lock) => judgeLockOwner(lock) ?? lock,
      now: () => env.ctx.clock.now(),
    },
    env.topology,
    env.config,
  );
}
