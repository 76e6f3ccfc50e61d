/**
 * `mrrctl apply <planfile>`: apply a plan saved with --plan-out. A plan file carries no trust: it is
 * checked (format, SHA-256, pool, age, endpoint — exit 2 or 4), its waivers must be typed again here,
 * and then the world is observed and the plan made AGAIN through the same command definition from the
 * recorded command and options: every guard is evaluated live (its live evidence is what is shown),
 * a changed world is refused as stale (exit 4), and steps that differ from the live plan are refused
 * as edited (exit 4). The file's guards and notes are never shown or trusted.
 */
import type { Command } from 'commander';
import { ConflictError, UsageError } from '../../core/errors.js';
import { fingerprintOf } from '../../core/plan/fingerprint.js';
import { assertFresh } from '../../core/plan/freshness.js';
import { canonicalJson } from '../../core/plan/canonical-json.js';
import { assertSameEndpoint, planEndpoint } from '../../core/plan/endpoint.js';
import type { Plan } from '../../core/plan/types.js';
import { resolve } from 'node:path';
import { wholeSeconds } from '../../app/flag-values.js';
import { MUTATIONS } from '../../app/mutation/registry.js';
import { applyPrepared } from '../../app/mutation/run.js';
import { checkWaivers } from '../../app/mutation/waivers.js';
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
        const { loadPlanFile } = await import('../../app/files/plan-file-io.js');
        const loaded = await ctx.config();
        const expect = { userPoolId: loaded.config.userPoolId, primaryRegion: loaded.config.primaryRegion, secondaryRegion: loaded.config.secondaryRegion };
        const plan = await loadPlanFile(resolve(ctx.cwd, file), { now: ctx.clock.now(), maxAgeSeconds, expect });
        const load = MUTATIONS[plan.command];
        if (!load) throw new UsageError('MRR_PLAN_E010', `${file}: command: got "${plan.command}", expected a plan made by a mutating mrrctl command`);
        const handle = await load();
        const saved = plan.options ?? {};
        // Before any AWS call: the waivers are the operator's, typed now, not the file's.
        const given = { '--planned': flags.planned, '--force': flags.force, '--force-unhealthy-target': flags.forceUnhealthyTarget, '--break-lock': flags.breakLock, '--allow-drift': flags.allowDrift };
        checkWaivers(plan.command, handle.waivers, saved, { flags: given, reason: flags.reason });
        const mutation = handle.fromSaved(saved);
        const aws = await ctx.aws();
        assertSameEndpoint(plan, planEndpoint(aws.target.endpoint, plan.primaryRegion), file);
        const topology = { userPoolId: plan.userPoolId, primaryRegion: plan.primaryRegion, secondaryRegion: plan.secondaryRegion };
        const env = { ctx, aws, ports: ctx.ports, topology, config: loaded.config };
        const now = await mutation.prepare(env);
        assertFresh(plan, fingerprintOf(now.draft.observed));
        // What runs and what is shown: the file's steps, the LIVE guards and notes — never the file's.
        const { guards: _fileGuards, notes: _fileNotes, ...rest } = plan;
        const live: Plan = {
          ...rest,
          ...(now.draft.notes && now.draft.notes.length > 0 ? { notes: now.draft.notes } : {}),
          ...(now.draft.guards && now.draft.guards.length > 0 ? { guards: now.draft.guards } : {}),
        };
        // A guard refusing now refuses the plan (exit 3, its live evidence shown), whatever the file says.
        if (now.refused) return applyPrepared(env, mutation, {}, live, now);
        // The checksum proves the file is intact, not that mrrctl wrote those steps: anyone can
        // recompute it. So the steps must be exactly what mrrctl plans for the same observed state.
        if (canonicalJson(plan.steps) !== canonicalJson(now.draft.steps)) {
          throw new ConflictError(
            'MRR_PLAN_E011',
            `${file}: the plan's steps differ from what mrrctl plans for the current state (the file was edited, or made by another version); nothing was changed — make a new plan with \`mrrctl ${plan.command} --plan-out\``,
          );
        }
        return applyPrepared(env, mutation, {}, live, now);
      }),
    );
}
