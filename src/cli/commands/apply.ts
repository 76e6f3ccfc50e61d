/**
 * `mrrctl apply <planfile>`: apply a plan saved with --plan-out. The file is checked (format,
 * SHA-256, pool, age — exit 2 or 4), the world is observed again through the same command definition,
 * and a plan whose observed state has changed since it was made is refused as stale (exit 4).
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { fingerprintOf } from '../../core/plan/fingerprint.js';
import { assertFresh } from '../../core/plan/freshness.js';
import { canonicalJson } from '../../core/plan/canonical-json.js';
import { ConflictError } from '../../core/errors.js';
import { resolve } from 'node:path';
import { wholeSeconds } from '../../app/flag-values.js';
import { MUTATIONS } from '../../app/mutation/registry.js';
import { applyPrepared } from '../../app/mutation/run.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';

/** Same as DEFAULT_PLAN_MAX_AGE_SECONDS in core/plan/plan-file.ts, kept here so --help stays light. */
const DEFAULT_MAX_AGE_SECONDS = 3600;

interface ApplyFlags {
  maxAge: string;
}


export function registerApply(program: Command, hooks: ProgramHooks): void {
  program
    .command('apply')
    .description('apply a plan saved with --plan-out, refusing one that is stale or altered')
    .argument('<planfile>', 'the plan file')
    .option('--max-age <seconds>', 'refuse a plan older than this', String(DEFAULT_MAX_AGE_SECONDS))
    .addHelpText('after', '\nExample:\n  mrrctl keys setup --plan-out keys.plan && mrrctl apply keys.plan --yes')
    .action(
      actionFor<ApplyFlags>(hooks, async (ctx, [file], flags) => {
        const maxAgeSeconds = wholeSeconds('--max-age', flags.maxAge, 'MRR_INPUT_E004');
        const { loadPlanFile } = await import('../../app/files/plan-file-io.js');
        const loaded = await ctx.config();
        const expect = { userPoolId: loaded.config.userPoolId, primaryRegion: loaded.config.primaryRegion, secondaryRegion: loaded.config.secondaryRegion };
        const plan = await loadPlanFile(resolve(ctx.cwd, file), { now: ctx.clock.now(), maxAgeSeconds, expect });
        const load = MUTATIONS[plan.command];
        if (!load) throw new UsageError('MRR_PLAN_E010', `${file}: command: got "${plan.command}", expected a plan made by a mutating mrrctl command`);
        const mutation = (await load()).fromSaved(plan.options ?? {});
        const topology = { userPoolId: plan.userPoolId, primaryRegion: plan.primaryRegion, secondaryRegion: plan.secondaryRegion };
        const env = { ctx, aws: await ctx.aws(), ports: ctx.ports, topology, config: loaded.config };
        const now = await mutation.prepare(env);
        assertFresh(plan, fingerprintOf(now.draft.observed));
        // The checksum proves the file is intact, not that mrrctl wrote those steps: anyone can
        // recompute it. So the steps must be exactly what mrrctl plans for the same observed state.
        if (canonicalJson(plan.steps) !== canonicalJson(now.draft.steps)) {
          throw new ConflictError(
            'MRR_PLAN_E011',
            `${file}: the plan's steps differ from what mrrctl plans for the current state (the file was edited, or made by another version); nothing was changed — make a new plan with \`mrrctl ${plan.command} --plan-out\``,
          );
        }
        return applyPrepared(env, mutation, {}, plan, now);
      }),
    );
}
