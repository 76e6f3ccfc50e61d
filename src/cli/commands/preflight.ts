/** `mrrctl preflight`: every prerequisite for MRR and a safe failover, as a checklist; exit 3 on a fail. */
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.js';
import { observePreflight } from '../../core/preflight/observe.js';
import { preflightChecks } from '../../core/preflight/checks.js';
import { renderChecks } from '../../ui/preflight/checks-text.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { resolveEnv } from '../../app/env.js';
import { arcPreflight } from '../../app/traffic/arc-preflight.js';

export function registerPreflight(program: Command, hooks: ProgramHooks): void {
  program
    .command('preflight')
    .description('every prerequisite for MRR and a safe failover, as a checklist (exit 3 if any fails)')
    .addHelpText('after', '\nExample:\n  mrrctl preflight --output json | jq \'.data.checks[] | select(.status=="fail")\'')
    .action(
      actionFor(hooks, async (ctx) => {
        const env = await resolveEnv(ctx);
        const checks = preflightChecks(env.topology, await observePreflight(env.ports, env.topology));
        // arc-routing-control: the cluster endpoints, RECOVERY_CONTROL records and safety rules (app/traffic/arc-preflight.ts).
        checks.push(...(await arcPreflight(env)));
        const failed = checks.filter((c) => c.status === 'fail');
        return {
          command: 'preflight',
          ok: failed.length === 0,
          data: { checks },
          diagnostics:
            failed.length > 0
              ? [{ severity: 'error' as const, code: 'MRR_PREFLIGHT_E001', message: `${failed.length} check(s) failed: ${failed.map((c) => c.id).join(', ')}` }]
              : [],
          text: renderChecks(checks),
          exitCode: failed.length > 0 ? ExitCode.findings : ExitCode.ok,
        };
      }),
    );
}
