/**
 * `mrrctl apply FILE` as a use-case: a plan file carries no trust. It is checked (format, SHA-256, pool,
 * age, endpoint — exit 2 or 4), its waivers must be typed again, and then the world is observed and the
 * plan made AGAIN through the same command definition from the recorded command and options: every
 * guard is evaluated live (its live evidence is what is shown), a changed world is refused as stale
 * (exit 4), and steps that differ from the live plan are refused as edited (exit 4). The file's guards
 * and notes are never shown or trusted.
 */
import { resolve } from 'node:path';
import { ConflictError, UsageError } from '../../core/errors.js';
import { canonicalJson } from '../../core/plan/canonical-json.js';
import { assertSameEndpoint, planEndpoint } from '../../core/plan/endpoint.js';
import { fingerprintOf } from '../../core/plan/fingerprint.js';
import { withChecked } from '../../core/plan/create-plan.js';
import { assertFresh } from '../../core/plan/freshness.js';
import type { Plan } from '../../core/plan/types.js';
import type { CommandResult } from '../../ui/output.js';
import type { CommandContext } from '../context.js';
import { loadPlanFile } from '../files/plan-file-io.js';
import { MUTATIONS } from './registry.js';
import { applyPrepared } from './run.js';
import { checkWaivers } from './waivers.js';

export interface SavedPlanRequest {
  /** The plan file as the operator named it (messages name it so). */
  file: string;
  maxAgeSeconds: number;
  /** The waiver flags typed on `apply`, by flag name. */
  waivers: Record<string, boolean | undefined>;
  reason?: string;
}

export async function applySavedPlan(ctx: CommandContext, request: SavedPlanRequest): Promise<CommandResult> {
  const { file } = request;
  const loaded = await ctx.config();
  const expect = { userPoolId: loaded.config.userPoolId, primaryRegion: loaded.config.primaryRegion, secondaryRegion: loaded.config.secondaryRegion };
  const plan = await loadPlanFile(resolve(ctx.cwd, file), { now: ctx.clock.now(), maxAgeSeconds: request.maxAgeSeconds, expect });
  const load = MUTATIONS[plan.command];
  if (!load) throw new UsageError('MRR_PLAN_E010', `${file}: command: got "${plan.command}", expected a plan made by a mutating mrrctl command`);
  const handle = await load();
  const saved = plan.options ?? {};
  // Before any AWS call: the waivers are the operator's, typed now, not the file's.
  checkWaivers(plan.command, handle.waivers, saved, { flags: request.waivers, reason: request.reason });
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
    ...(now.draft.guards && now.draft.guards.length > 0 ? { guards: withChecked(now.draft.guards) } : {}),
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
}
