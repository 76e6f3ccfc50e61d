/** `mrrctl status`: the topology at a glance — both Regions, replica, key, issuer, DNS. */
import type { Command } from 'commander';
import { observeStatus, renderStatusText } from '../../core/status/status.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { commandEnv } from '../command-env.js';
import { readersFor } from '../readers.js';

export function registerStatus(program: Command, hooks: ProgramHooks): void {
  program
    .command('status')
    .description('topology at a glance: both Regions, replica role/status, key, issuer, DNS target')
    .addHelpText('after', '\nExample:\n  mrrctl status --output json')
    .action(
      actionFor(hooks, async (ctx) => {
        const env = await commandEnv(ctx);
        try {
          const report = await observeStatus(readersFor(env.aws), env.topology, env.config);
          const unreachable = report.regions.filter((r) => !r.reachable).map((r) => r.region);
          return {
            command: 'status',
            ok: true,
            data: report,
            diagnostics: unreachable.map((region) => ({ severity: 'warning' as const, code: 'MRR_STATUS_W001', message: `${region} did not answer` })),
            text: renderStatusText(report),
          };
        } finally {
          env.aws.clients.destroy();
        }
      }),
    );
}
