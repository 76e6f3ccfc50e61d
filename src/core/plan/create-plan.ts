import { fingerprintOf } from './fingerprint.js';
import type { GuardResult, Plan, PlanDraft } from './types.js';

export type { PlanDraft } from './types.js';

/** How long a new plan stays valid (its expiresAt); matches the `--max-age` default. */
export const DEFAULT_PLAN_TTL_SECONDS = 3600;

export function createPlan(draft: PlanDraft, opts: { now: Date; ttlSeconds?: number }): Plan {
  const ttlSeconds = opts.ttlSeconds ?? DEFAULT_PLAN_TTL_SECONDS;
  const plan: Plan = {
    schemaVersion: 1,
    command: draft.command,
    createdAt: opts.now.toISOString(),
    expiresAt: new Date(opts.now.getTime() + ttlSeconds * 1000).toISOString(),
    userPoolId: draft.userPoolId,
    primaryRegion: draft.primaryRegion,
    secondaryRegion: draft.secondaryRegion,
    fingerprint: fingerprintOf(draft.observed),
    steps: draft.steps,
  };
  if (draft.notes !== undefined && draft.notes.length > 0) plan.notes = draft.notes;
  if (draft.guards !== undefined && draft.guards.length > 0) plan.guards = withChecked(draft.guards);
  return plan;
}

/** Every guard of a plan says whether its evidence was read: a guard that does not say, read it. */
export function withChecked(guards: GuardResult[]): GuardResult[] {
  return guards.map((g) => ({ ...g, checked: g.checked ?? true }));
}
