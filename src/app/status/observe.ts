/**
 * `status`'s observation: the core's topology read, plus the health verdict per Region (the `health`
 * command's own use-case) and the drift counts (the `drift` command's own check), all started at once
 * over readers that share the pool and replica reads (shared-reads.ts): the dependency chain of the
 * whole observation is the drift check's own, described in docs/status.md ("How long status takes").
 *
 * Drift is the QUICK check: without --deep (no per-client DescribeUserPoolClient in both Regions) and
 * without the replication re-check wait (5 s otherwise), so status answers within seconds and a
 * `--watch` refresh stays well inside Cognito's read quotas; the report labels it `scope: quick`, and
 * `mrrctl drift` gives the findings. A setting still replicating can show as an error here that the
 * drift command's re-check would resolve.
 */
import { observeStatus, type DriftCounts, type RegionHealthSummary, type StatusReport } from '../../core/status/status.js';
import { arcConfigOf } from '../../core/dns/arc-config.js';
import { runDriftCheck } from '../../core/drift/run.js';
import type { ArcStates } from '../../core/failover/arc-states.js';
import { readArcStatesOf } from '../traffic/arc-serving.js';
import { driftReaders } from '../drift/check.js';
import { observeHealth } from '../health/observe.js';
import type { MutationEnv } from '../mutation/definition.js';
import { judgeLockOwner } from '../traffic/lock-owner.js';
import { sharedCognitoReads, sharedRoute53Reads } from './shared-reads.js';

/**
 * Calls in flight per Region for the quick check. Its widest step is one Region's snapshot: 7 Cognito
 * reads (8 in the secondary, whose pool is read there too), so 8 lets each step start at once; the
 * drift limiter's per-category token buckets still pace them (a burst of 14 per category, more than
 * the quick check asks for). The drift command's default of 3 is for --deep's hundreds of reads.
 */
export const QUICK_COGNITO_IN_FLIGHT = 8;
/** Lambda, SES, Logs, Firehose and WAF reads in flight per Region: the resources the settings name (a few per trigger). */
export const QUICK_OTHER_IN_FLIGHT = 16;

async function healthByRegion(env: MutationEnv, arcStates?: () => Promise<ArcStates | undefined>): Promise<Record<string, RegionHealthSummary>> {
  const report = await observeHealth(env, arcStates ? { arcStates } : {});
  return Object.fromEntries(report.regions.map((r) => [r.region, { verdict: r.verdict, problems: r.problems }]));
}

/** The drift command's check (as checkDrift runs it for the guards: a failed read fails the check), quick and wide. */
export async function quickDriftCounts(env: MutationEnv): Promise<DriftCounts> {
  const { report } = await runDriftCheck(driftReaders(env), env.topology, {
    deep: false,
    failOn: 'error',
    recheckDelayMs: 0,
    clock: env.ctx.clock,
    signal: env.ctx.signal,
    allowances: env.config.drift.allow,
    cognitoConcurrency: QUICK_COGNITO_IN_FLIGHT,
    otherConcurrency: QUICK_OTHER_IN_FLIGHT,
  });
  const { errors, warnings, infos, allowed } = report.summary;
  return { errors, warnings, infos, allowed, checkedAt: report.checkedAt, scope: 'quick' };
}

export interface StatusOptions {
  /** Replaces the quick drift check (the --watch loop passes one that reuses recent counts). */
  drift?: (env: MutationEnv) => Promise<DriftCounts>;
}

export function statusOf(base: MutationEnv, opts: StatusOptions = {}): Promise<StatusReport> {
  // New shared readers per observation: a refresh reads fresh state.
  const env: MutationEnv = { ...base, ports: { ...base.ports, cognito: sharedCognitoReads(base.ports.cognito), route53: sharedRoute53Reads(base.ports.route53) } };
  const regions = { primary: env.topology.primaryRegion, secondary: env.topology.secondaryRegion };
  const drift = opts.drift ?? quickDriftCounts;
  // arc-routing-control: one read of the routing control states, for the DNS answer and the health probes.
  let arcRead: Promise<ArcStates | undefined> | undefined;
  const arcStates = () => (arcRead ??= readArcStatesOf(env.aws.clients, env.config.dns, regions));
  return observeStatus(
    {
      cognito: env.ports.cognito,
      route53: env.ports.route53,
      health: () => healthByRegion(env, arcStates),
      drift: () => drift(env),
      ...(arcConfigOf(env.config.dns) ? { arcStates: async () => (await arcStates()) as ArcStates } : {}),
      judgeLock: (lock) => judgeLockOwner(lock) ?? lock,
      now: () => env.ctx.clock.now(),
    },
    env.topology,
    env.config,
  );
}
