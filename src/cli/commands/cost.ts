/** `mrrctl cost --mau <n> [--m2m-tokens <n>] [--tier essentials|plus]`: the replica Region's add-on. */
import { Option, type Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { CostOptions } from './cost/run.js';

export function registerCost(program: Command, hooks: ProgramHooks): void {
  program
    .command('cost')
    .description('monthly add-on cost of the replica Region')
    .requiredOption('--mau <n>', 'monthly active users')
    .option('--m2m-tokens <n>', 'client-credentials token requests per month', '0')
    .addOption(new Option('--tier <tier>', 'feature plan').choices(['essentials', 'plus']).default('essentials'))
    .addHelpText('after', '\nExample:\n  mrrctl cost --mau 250000 --m2m-tokens 1000000 --tier plus')
    .action(
      // The price tables load only when the command runs (./cost/run.ts).
      actionFor<CostOptions>(hooks, async (ctx, _args, opts) => (await import('./cost/run.js')).runCost(ctx, opts)),
    );
}
