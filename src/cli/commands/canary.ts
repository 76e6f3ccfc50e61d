/**
 * `mrrctl canary --to <region> --percent <n>` and `mrrctl canary stop`: drills on the weighted
 * strategy (definitions in src/app/traffic/canary.ts, run through the shared mutation flow). This file wires the flags.
 */
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import type { MutationFlags } from '../../app/mutation/definition.js';
import type { CanaryFlags } from '../../app/traffic/canary.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { loadMutationFlow } from '../lazy-flow.js';

function addOptions(cmd: Command): Command {
  return cmd
    .option('--force', 'allow more than 50 % (canary), or restore onto an unhealthy Region (stop)')
    .option('--break-lock', 'replace an EXPIRED lock left by a run that died')
    .option('--reason <text>', 'why: recorded in the journal, the lock and the zone history')
    .option('--timeout <seconds>', 'how long to wait for DNS INSYNC', '600')
    .option('--dry-run', 'show the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`');
}

/** The options given on the command line (not defaults). */
function explicit(cmd: Command): Record<string, unknown> {
  return Object.fromEntries(Object.entries(cmd.opts()).filter(([key]) => cmd.getOptionValueSource(key) === 'cli'));
}

export function registerCanary(program: Command, hooks: ProgramHooks): void {
  const run = (stop: boolean) =>
    actionFor<CanaryFlags & MutationFlags>(hooks, async (ctx, _args, own) => {
      // Unless the program parses options positionally, `canary stop --dry-run` hands --dry-run to
      // `canary` (which knows it too): take what was typed on either command, stop's own first.
      const flags = stop ? ({ ...own, ...explicit(canaryCommand), ...explicit(stopCommand) } as CanaryFlags & MutationFlags) : own;
      if (stop && (flags.to !== undefined || flags.percent !== undefined)) {
        throw new InputError('MRR_INPUT_E033', 'flags', flags.to !== undefined ? '--to' : '--percent', flags.to ?? flags.percent, 'nothing with `canary stop`: it restores the weights from before the canary');
      }
      // The body loads only when the command runs, not for `canary --help`.
      const [{ bindMutation, resolveEnv, runMutation }, { canary, canaryStop }] = await Promise.all([loadMutationFlow(), import('../../app/traffic/canary.js')]);
      const definition = stop ? canaryStop : canary;
      const mutation = bindMutation(definition, definition.fromFlags(flags, ctx));
      return runMutation(await resolveEnv(ctx), mutation, { dryRun: flags.dryRun, planOut: flags.planOut });
    });
  const canaryCommand = addOptions(
    program
      .command('canary')
      .description('send a small share of users to a Region for a drill (weighted DNS strategy); `canary stop` restores the weights')
      .option('--to <region>', 'the Region that receives the share')
      .option('--percent <n>', 'the share of users, 1–50 (more needs --force)'),
  )
    .addHelpText('after', '\nExamples:\n  mrrctl canary --to eu-west-1 --percent 5 --reason "drill"\n  mrrctl canary stop')
    .action(run(false));
  const stopCommand = addOptions(canaryCommand.command('stop').description('restore the weights from before the canary (primary 100 / secondary 0 when the history does not say)'))
    .addHelpText('after', '\nExample:\n  mrrctl canary stop --reason "drill over" --yes')
    .action(run(true));
}
