/**
 * The drift check: the drift command's report, and the guard other commands call (replica activate,
 * failover's drift guard). Observes both Regions, applies the config's drift.allow entries, and
 * returns the report. It never writes and never throws for drift — look at `report.ok` (or
 * failingFindings(report, 'error')).
 */
import type { DriftReaders } from '../../core/drift/observe.js';
import { runDriftCheck } from '../../core/drift/run.js';
import { ReadLog } from '../../core/unreadable.js';
import type { DriftReport, DriftSeverity } from '../../core/drift/types.js';
import type { MutationEnv } from '../mutation/definition.js';

export interface CheckDriftOptions {
  /** Compare every app client's full configuration (DescribeUserPoolClient in both Regions). */
  deep?: boolean;
  /** The severity that makes `report.ok` false (default error). */
  failOn?: DriftSeverity;
  /** Wait before re-reading a replicated setting that differs (default 5000 ms). */
  recheckDelayMs?: number;
  /**
   * Calls in flight per Region (Cognito; the other services), default 3 and 4. The Cognito token
   * buckets pace each quota category to its documented rate whatever this is: a small check (a guard's)
   * may send its few reads in one wave instead of several.
   */
  concurrency?: { cognito?: number; other?: number };
  /** Start the secondary's web ACL listing with the first reads (ObserveOptions.listWebAclsEarly). */
  listWebAclsEarly?: boolean;
}

export function driftReaders(env: Pick<MutationEnv, 'ports'>): DriftReaders {
  return { cognito: env.ports.cognito, parity: env.ports.parity };
}

/**
 * For the guards (replica activate, failover): a read that fails throws, as it always has, so a guard
 * never passes on a report with unread parts (failover turns the error into "drift not checked").
 */
export async function checkDrift(env: MutationEnv, opts: CheckDriftOptions = {}): Promise<DriftReport> {
  return runReport(env, opts);
}

/**
 * For `mrrctl drift`: a read that fails becomes an unreadable check and the rest is compared; the
 * report is then not ok (exit 3) whatever --fail-on says.
 */
export async function driftReport(env: MutationEnv, opts: CheckDriftOptions = {}): Promise<DriftReport> {
  return runReport(env, opts, new ReadLog(env.ctx.signal));
}

async function runReport(env: MutationEnv, opts: CheckDriftOptions, reads?: ReadLog): Promise<DriftReport> {
  const { report } = await runDriftCheck(driftReaders(env), env.topology, {
    ...(reads ? { reads } : {}),
    deep: Boolean(opts.deep),
    failOn: opts.failOn ?? 'error',
    recheckDelayMs: opts.recheckDelayMs,
    ...(opts.concurrency?.cognito !== undefined ? { cognitoConcurrency: opts.concurrency.cognito } : {}),
    ...(opts.concurrency?.other !== undefined ? { otherConcurrency: opts.concurrency.other } : {}),
    ...(opts.listWebAclsEarly ? { listWebAclsEarly: true } : {}),
    clock: env.ctx.clock,
    signal: env.ctx.signal,
    allowances: env.config.drift.allow,
  });
  return report;
}
