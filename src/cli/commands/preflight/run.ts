/** The body of `mrrctl preflight` (loaded by ../preflight.ts when the command runs, not for its --help). */
import { ExitCode } from '../../../core/errors.js';
import { observePreflight } from '../../../core/preflight/observe.js';
import { preflightChecks } from '../../../core/preflight/checks.js';
import { runCheckGroups, type PreflightCheckGroup } from '../../../core/preflight/check.js';
import { ReadLog } from '../../../core/unreadable.js';
import { renderChecks } from '../../../ui/preflight/checks-text.js';
import type { CommandResult, Diagnostic } from '../../../ui/output.js';
import { resolveEnv } from '../../../app/env.js';
import { arcPreflight } from '../../../app/traffic/arc-preflight.js';
import { arcConfigOf } from '../../../core/dns/arc-config.js';
import type { MutationEnv } from '../../../app/mutation/definition.js';
import type { CommandContext } from '../../context.js';

/**
 * The check groups preflight runs after its own (see PreflightCheckGroup): add a group here, e.g. the
 * ARC routing-control checks, one line each.
 */
function checkGroups(env: MutationEnv): PreflightCheckGroup[] {
  // arc-routing-control: the cluster endpoints, RECOVERY_CONTROL records and safety rules (app/traffic/arc-preflight.ts).
  return [{ name: 'arc', run: () => arcPreflight(env) }];
}

export async function runPreflight(ctx: CommandContext): Promise<CommandResult> {
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
}
