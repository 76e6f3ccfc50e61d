/**
 * `mrrctl preflight`: every prerequisite for MRR and a safe failover, as a checklist. Exit 3 when a
 * check fails or could not be read (an unreadable check is reported and the others still run).
 */
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.js';
import { observePreflight } from '../../core/preflight/observe.js';
import { preflightChecks } from '../../core/preflight/checks.js';
import { runCheckGroups, type PreflightCheckGroup } from '../../core/preflight/check.js';
import { ReadLog } from '../../core/unreadable.js';
import { renderChecks } from '../../ui/preflight/checks-text.js';
import type { Diagnostic } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { resolveEnv } from '../../app/env.js';
import { arcPreflight } from '../../app/traffic/arc-preflight.js';
import type { MutationEnv } from '../../app/mutation/definition.js';
import { arcConfigOf } from '../../core/dns/arc-config.js';

/**
 * The check groups preflight runs after its own (see PreflightCheckGroup): add a group here, e.g. the
 * ARC routing-control checks, one line each.
 */
function checkGroups(env: MutationEnv): PreflightCheckGroup[] {
  // arc-routing-control: the cluster endpoints, RECOVERY_CONTROL records and safety rules (app/traffic/arc-preflight.ts).
  return [{ name: 'arc', run: () => arcPreflight(env) }];
}

export function registerPreflight(program: Command, hooks: ProgramHooks): void {
  program
    .command('preflight')
    .description('every prerequisite for MRR and a safe failover, as a checklist (exit 3 if any fails or cannot be read)')
    .addHelpText('after', '\nExample:\n  mrrctl preflight --output json | jq \'.data.checks[] | select(.status=="fail" or .status=="unreadable")\'')
    .action(
      actionFor(hooks, async (ctx) => {
        const env = await resolveEnv(ctx);
        const reads = new ReadLog(ctx.signal);
        const arcPrimaryControl = arcConfigOf(env.config.dns)?.routingControls[env.topology.primaryRegion];
        const checks = preflightChecks(env.topology, await observePreflight(env.ports, env.topology, reads), arcPrimaryControl);
        checks.push(...(await runCheckGroups(checkGroups(env), reads)));
        const failed = checks.filter((c) => c.status === 'fail');
        const diagnostics: Diagnostic[] = reads.items.map((u) => ({ severity: 'error', code: 'MRR_UNREADABLE_E001', message: u.message }));
        if (failed.length > 0) diagnostics.unshift({ severity: 'error', code: 'MRR_PREFLIGHT_E001', message: `${failed.length} check(s) failed: ${failed.map((c) => c.id).join(', ')}` });
        const ok = diagnostics.length === 0 && !checks.some((c) => c.status === 'unreadable');
        return {
          command: 'preflight',
          ok,
          data: { checks, unreadable: reads.items },
          diagnostics,
          text: renderChecks(checks),
          exitCode: ok ? ExitCode.ok : ExitCode.findings,
        };
      }),
    );
}
