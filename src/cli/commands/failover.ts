/**
 * `mrrctl failover --to <region>`: the guarded DNS failover (and failback, `--to <primary>`). The
 * definition (src/app/traffic/failover.ts) observes, plans, waits and verifies; its stop hooks
 * (src/app/traffic/stop-hooks.ts) add the cleanup after a stop and the lock conflicts. This file wires the flags.
 */
import type { Command } from 'commander';
import type { MutationFlags } from '../../app/mutation/definition.js';
import type { FailoverFlags } from '../../app/traffic/failover.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { loadMutationFlow } from '../lazy-flow.js';

export function registerFailover(program: Command, hooks: ProgramHooks): void {
  program
    .command('failover')
    .description('guarded DNS failover to a Region (failback: --to <primary>), activating the target replica when needed')
    .option('--to <region>', 'the Region to move users to')
    .option('--planned', 'a drill or maintenance: waive the anti-flap guard (needs --reason)')
    .option('--force', 'waive the anti-flap, cooldown, drift and issuer guards (needs --reason)')
    .option('--force-unhealthy-target', 'move users even though the target fails its health probes')
    .option('--break-lock', 'replace an EXPIRED failover lock left by a run that died')
    .option('--override-safety-rule <name>', 'arc-routing-control break-glass: override this ARC safety rule (name or ARN; repeatable; needs --reason)', (v: string, all: string[] = []) => [...all, v])
    .option('--reason <text>', 'why: recorded in the journal, the lock and the zone history')
    .option('--timeout <seconds>', 'how long to wait for the replica, DNS INSYNC and the health check', '600')
    .option('--dry-run', 'show the plan and every guard with its evidence, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .addHelpText('after', '\nExamples:\n  mrrctl failover --to eu-west-1 --dry-run\n  mrrctl failover --to eu-west-1 --planned --reason "quarterly drill"\n  mrrctl failover --to us-east-1            # failback')
    .action(
      actionFor<FailoverFlags & MutationFlags>(hooks, async (ctx, _args, flags) => {
        // The body (and all it imports) loads only when the command runs, not for `failover --help`.
        const [{ bindMutation, resolveEnv, runMutation }, { failover }] = await Promise.all([loadMutationFlow(), import('../../app/traffic/failover.js')]);
        const mutation = bindMutation(failover, failover.fromFlags(flags, ctx));
        return runMutation(await resolveEnv(ctx), mutation, { dryRun: flags.dryRun, planOut: flags.planOut });
      }),
    );
}
