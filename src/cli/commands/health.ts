/**
 * `mrrctl health`: probes both Regions side by side — the Route 53 health check (share of checkers
 * reporting healthy), the Region's issuer discovery document and JWKS, and the token endpoint (latency
 * and errors) — plus the pool's issuer as apps see it. Exit 3 when a Region is unhealthy. A Region that
 * is down costs seconds (short probe timeouts), and never hides the other Region's results.
 */
import type { Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';

export function registerHealth(program: Command, hooks: ProgramHooks): void {
  program
    .command('health')
    .description('probe both Regions: Route 53 health checks, issuer discovery and JWKS, token endpoint; exit 3 if a Region is unhealthy')
    .addHelpText('after', `\nThe token check needs probe.clientId in the config and the client's secret in MRRCTL_PROBE_CLIENT_SECRET.\n\nExamples:\n  mrrctl health\n  mrrctl health --output json`)
    .action(
      // The probes (jose, the SDK) load only when the command runs (./health/run.ts).
      actionFor(hooks, async (ctx) => (await import('./health/run.js')).runHealth(ctx)),
    );
}
