/**
 * `mrrctl preflight`: every prerequisite for MRR and a safe failover, as a checklist. Exit 3 when a
 * check fails or could not be read (an unreadable check is reported and the others still run).
 */
import type { Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';

export function registerPreflight(program: Command, hooks: ProgramHooks): void {
  program
    .command('preflight')
    .description('every prerequisite for MRR and a safe failover, as a checklist (exit 3 if any fails or cannot be read)')
    .addHelpText('after', '\nExample:\n  mrrctl preflight --output json | jq \'.data.checks[] | select(.status=="fail" or .status=="unreadable")\'')
    .action(
      // The checks, the SDK and the ARC preflight load only when the command runs (./preflight/run.ts).
      actionFor(hooks, async (ctx) => (await import('./preflight/run.js')).runPreflight(ctx)),
    );
}
