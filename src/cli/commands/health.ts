/**
 * `mrrctl health`: probes both Regions side by side — the Route 53 health check (share of checkers
 * reporting healthy), the Region's issuer discovery document and JWKS, and the token endpoint (latency
 * and errors) — plus the pool's issuer as apps see it. Exit 3 when a Region is unhealthy. A Region that
 * is down costs seconds (short probe timeouts), and never hides the other Region's results.
 */
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.js';
import type { HealthReport } from '../../core/health/report.js';
import { renderHealthText } from '../../ui/health/health-text.js';
import { observeHealth } from '../../app/health/observe.js';
import { resolveEnv } from '../../app/env.js';
import type { CommandResult } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';

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

export function registerHealth(program: Command, hooks: ProgramHooks): void {
  program
    .command('health')
    .description('probe both Regions: Route 53 health checks, issuer discovery and JWKS, token endpoint; exit 3 if a Region is unhealthy')
    .addHelpText('after', `\nThe token check needs probe.clientId in the config and the client's secret in MRRCTL_PROBE_CLIENT_SECRET.\n\nExamples:\n  mrrctl health\n  mrrctl health --output json`)
    .action(
      actionFor(hooks, async (ctx) => healthResult(await observeHealth(await resolveEnv(ctx)))),
    );
}
