/** The body of `mrrctl health` (loaded by ../health.ts when the command runs, not for its --help). */
import { ExitCode } from '../../../core/errors.js';
import type { HealthReport } from '../../../core/health/report.js';
import { renderHealthText } from '../../../ui/health/health-text.js';
import { observeHealth } from '../../../app/health/observe.js';
import { resolveEnv } from '../../../app/env.js';
import type { CommandResult } from '../../../ui/output.js';
import type { CommandContext } from '../../context.js';

export function healthResult(report: HealthReport): CommandResult<HealthReport> {
  const unhealthy = report.regions.filter((r) => r.verdict === 'unhealthy');
  const issuerBroken = report.issuerOk === false;
  const ok = report.healthy;
  return {
    command: 'health',
    ok,
    data: report,
    diagnostics: [
      ...unhealthy.map((r) => ({ severity: 'error' as const, code: 'MRR_HEALTH_E001' as const, message: `${r.region} is unhealthy: ${r.problems.join('; ')}` })),
      ...(issuerBroken ? [{ severity: 'error' as const, code: 'MRR_HEALTH_E002' as const, message: `the issuer ${report.issuer?.url} does not serve its discovery document` }] : []),
    ],
    text: renderHealthText(report),
    exitCode: ok ? ExitCode.ok : ExitCode.findings,
  };
}

export async function runHealth(ctx: CommandContext): Promise<CommandResult> {
  return healthResult(await observeHealth(await resolveEnv(ctx)));
}
