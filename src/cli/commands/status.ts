/**
 * `mrrctl status`: the topology at a glance — both Regions, replica, key, issuer, DNS. On a terminal
 * the result is the side-by-side dashboard, elsewhere plain lines (or JSON). `--watch` refreshes the
 * dashboard in place on stderr until Ctrl-C; without a live terminal it is refused (exit 2): a loop
 * that prints a new table every few seconds into a pipe or a JSON stream serves nobody well, and
 * `watch -n 5 mrrctl status` or a scheduler does that job better. A pool the primary Region does not
 * know exits 3 (MRR_STATUS_E003) instead of a table of "no replica".
 */
import type { Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { StatusFlags } from './status/run.js';

export function registerStatus(program: Command, hooks: ProgramHooks): void {
  program
    .command('status')
    .description('topology at a glance: both Regions, replica role/status, health, key, issuer, DNS target, drift counts, last failover, lock')
    .option('--watch', 'refresh the dashboard in place until Ctrl-C (needs a terminal)')
    .option('--interval <seconds>', 'seconds between refreshes with --watch', '5')
    .addHelpText('after', '\nExamples:\n  mrrctl status --output json\n  mrrctl status --watch --interval 10')
    .action(
      // The body (and the SDK, ink and the status model it imports) loads only when the command runs.
      actionFor<StatusFlags>(hooks, async (ctx, _args, flags) => (await import('./status/run.js')).runStatus(ctx, flags)),
    );
}
