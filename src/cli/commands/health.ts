/**
 * `mrrctl health`: probes both Regions side by side — the Route 53 health check (share of checkers
 * reporting healthy), the Region's issuer discovery document and JWKS, and the token endpoint (latency
 * and errors) — plus the pool's issuer as apps see it. Exit 3 when a Region is unhealthy. A Region that
 * is down costs seconds (short probe timeouts), and never hides the other Region's results.
 */
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.js';
import { healthCheckFor } from '../../core/failover/dns-state.js';
import { probeRegionHealth } from '../../core/health/region.js';
import { healthReport, type HealthReport } from '../../core/health/report.js';
import { renderHealthText } from '../../ui/health/health-text.js';
import { discoveryUrl, issuerTypeOf, updatedIssuerUrl } from '../../core/issuer/urls.js';
import { oidcProbes } from '../../aws/oidc-probe.js';
import type { CommandResult } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { commandEnv } from '../command-env.js';
import type { MutationEnv } from '../mutation.js';
import { readersFor } from '../readers.js';
import { probeCredentials, probeOptions } from './failover.js';

export async function observeHealth(env: MutationEnv): Promise<HealthReport> {
  const t = env.topology;
  const regions = { primary: t.primaryRegion, secondary: t.secondaryRegion };
  const readers = readersFor(env.aws);
  const probes = oidcProbes(probeOptions(env));
  const ports = { cognito: readers.cognito, route53: readers.route53, probes };
  const credentials = probeCredentials(env);
  const [primary, secondary] = await Promise.all(
    (['primary', 'secondary'] as const).map((role) =>
      probeRegionHealth(ports, {
        region: regions[role],
        role,
        userPoolId: t.userPoolId,
        primaryRegion: t.primaryRegion,
        healthCheckId: healthCheckFor(env.config.dns, regions[role], regions),
        credentials,
      }),
    ),
  );
  // The pool's issuer as apps trust it: with UPDATED one URL, served by whichever Region is up.
  const pool = primary.pool ?? secondary.pool;
  let issuer: HealthReport['issuer'];
  if (pool && issuerTypeOf(pool) === 'UPDATED') {
    const url = updatedIssuerUrl(t.primaryRegion, t.userPoolId);
    issuer = { type: 'UPDATED', url, discovery: await probes.fetchDiscovery(discoveryUrl(url)) };
  }
  return healthReport(t.userPoolId, [primary, secondary], issuer);
}

export function healthResult(report: HealthReport): CommandResult<HealthReport> {
  const unhealthy = report.regions.filter((r) => r.status === 'unhealthy');
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
      actionFor(hooks, async (ctx) => {
        const env = await commandEnv(ctx);
        try {
          return healthResult(await observeHealth(env));
        } finally {
          env.aws.clients.destroy();
        }
      }),
    );
}
