/** The bodies of `mrrctl issuer switch|status` (loaded by ../issuer.ts when a subcommand runs, not for its --help). */
import { issuerStatusData } from '../../../core/contract/plain.js';
import { FILE_MODES, checkWritable, writeFileSafely } from '../../../app/files/safe-write.js';
import { resolve } from 'node:path';
import { resolveEnv } from '../../../app/env.js';
import { issuerProbes, issuerSwitch, type IssuerSwitchFlags } from '../../../app/issuer/switch.js';
import { bindMutation, type BoundMutation, type MutationFlags } from '../../../app/mutation/definition.js';
import { runMutation } from '../../../app/mutation/run.js';
import { ExitCode } from '../../../core/errors.js';
import type { IssuerImpact } from '../../../core/issuer/impact.js';
import { readIssuerStatus } from '../../../core/issuer/status.js';
import { renderImpactMarkdown } from '../../../ui/issuer/impact-text.js';
import { renderIssuerStatus } from '../../../ui/issuer/status-text.js';
import { ReadLog } from '../../../core/unreadable.js';
import type { CommandResult, Diagnostic } from '../../../ui/output.js';
import type { CommandContext } from '../../context.js';

/** The same definition, plus writing the impact report to FILE (dry-run included: it is for the ticket). */
function withReportFile(ctx: CommandContext, file: string, mutation: BoundMutation): BoundMutation {
  return {
    ...mutation,
    async prepare(env) {
      // The impact report is for a ticket: shared (0644); refused before anything is read if unwritable.
      const path = resolve(ctx.cwd, file);
      const target = { path, what: 'the issuer impact report (--report)', mode: FILE_MODES.shared };
      await checkWritable(target);
      const prepared = await mutation.prepare(env);
      const impact = prepared.report?.data as IssuerImpact;
      await writeFileSafely(target, renderImpactMarkdown(impact, { generatedAt: ctx.clock.now().toISOString() }));
      ctx.log(`Impact report written to ${path}`);
      return prepared;
    },
  };
}

export interface SwitchFlags extends IssuerSwitchFlags, MutationFlags {
  report?: string;
}

export async function runIssuerSwitch(ctx: CommandContext, flags: SwitchFlags): Promise<CommandResult> {
  const bound = bindMutation(issuerSwitch, issuerSwitch.fromFlags(flags, ctx));
  const env = await resolveEnv(ctx);
  const mutation = flags.report ? withReportFile(ctx, flags.report, bound) : bound;
  // Relative to the command's cwd (main() may run in-process with a cwd other than process.cwd()).
  const planOut = flags.planOut ? resolve(ctx.cwd, flags.planOut) : undefined;
  return runMutation(env, mutation, { dryRun: flags.dryRun, planOut });
}

export async function runIssuerStatus(ctx: CommandContext): Promise<CommandResult> {
  const env = await resolveEnv(ctx);
  const status = await readIssuerStatus(env.ports.cognito, issuerProbes(env), env.topology, new ReadLog(ctx.signal));
  const failing = status.regions.flatMap((r) => r.checks.filter((c) => c.status === 'fail').map((c) => ({ region: r.region, check: c })));
  const diagnostics: Diagnostic[] = [
    ...status.unreadable.map((u): Diagnostic => ({ severity: 'error', code: 'MRR_UNREADABLE_E001', message: u.message })),
    ...(status.stale ? [{ severity: 'warning', code: 'MRR_UNREADABLE_W002', message: `${env.topology.primaryRegion} did not answer: read from ${status.answeredBy}; the view may be stale` } as Diagnostic] : []),
    ...failing.map(({ region, check }): Diagnostic => ({
      severity: check.id.endsWith('.jwks') ? 'error' : 'warning',
      code: check.id.endsWith('.jwks') ? 'MRR_ISSUER_E101' : 'MRR_ISSUER_W102',
      message: `${region}: ${check.message}`,
    })),
  ];
  return {
    command: 'issuer status',
    ok: status.ok,
    data: issuerStatusData(status),
    diagnostics,
    text: renderIssuerStatus(status),
    exitCode: status.ok ? ExitCode.ok : ExitCode.findings,
  };
}
