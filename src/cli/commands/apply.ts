/**
 * `mrrctl apply <planfile>`: apply a plan saved with --plan-out. The flags are wired here; what apply
 * checks and how it re-plans live is the use-case in src/app/mutation/apply-saved.ts.
 */
import type { Command } from 'commander';
import { wholeSeconds } from '../../app/flag-values.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';

/** Same as DEFAULT_PLAN_MAX_AGE_SECONDS in core/plan/plan-file.ts, kept here so --help stays light. */
const DEFAULT_MAX_AGE_SECONDS = 3600;

interface ApplyFlags {
  maxAge: string;
  planned?: boolean;
  force?: boolean;
  forceUnhealthyTarget?: boolean;
  breakLock?: boolean;
  allowDrift?: boolean;
  reason?: string;
}

export function registerApply(program: Command, hooks: ProgramHooks): void {
  program
    .command('apply')
    .description('apply a plan saved with --plan-out: re-planned and re-guarded live, refused if stale, altered or made elsewhere')
    .argument('<planfile>', 'the plan file')
    .option('--max-age <seconds>', 'refuse a plan older than this', String(DEFAULT_MAX_AGE_SECONDS))
    .option('--planned', 're-state the --planned waiver the plan was made with')
    .option('--force', 're-state the --force waiver the plan was made with')
    .option('--force-unhealthy-target', 're-state the --force-unhealthy-target waiver the plan was made with')
    .option('--break-lock', 're-state the --break-lock the plan was made with')
    .option('--allow-drift', 're-state the --allow-drift waiver the plan was made with')
    .option('--reason <text>', 'the reason the plan\'s waivers were given with (required with them)')
    .addHelpText(
      'after',
      '\nExamples:\n  mrrctl keys setup --plan-out keys.plan && mrrctl apply keys.plan --yes\n  mrrctl failover --to eu-west-1 --planned --reason "drill" --plan-out f.plan\n  mrrctl apply f.plan --planned --reason "drill"   # waivers are given again',
    )
    .action(
      actionFor<ApplyFlags>(hooks, async (ctx, [file], flags) => {
        const maxAgeSeconds = wholeSeconds('--max-age', flags.maxAge, 'MRR_INPUT_E004');
        const waivers = { '--planned': flags.planned, '--force': flags.force, '--force-unhealthy-target': flags.forceUnhealthyTarget, '--break-lock': flags.breakLock, '--allow-drift': flags.allowDrift };
        // Loaded when the command runs: `apply --help` needs none of it.
        const { applySavedPlan } = await import('../../app/mutation/apply-saved.js');
        return applySavedPlan(ctx, { file, maxAgeSeconds, waivers, reason: flags.reason });
      }),
    );
}
