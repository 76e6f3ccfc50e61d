/**
 * Who plans, when, and the lock's id are fixed once, when the command is typed, and travel in the
 * plan's options: `mrrctl apply FILE` then recomputes exactly the steps that were saved (same lock
 * record, same history entry) instead of steps that differ only by a fresh id and time.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../core/plan/types.js';
import { InputError } from '../../core/errors.js';
// Locks and history name the operator as the journal does: `actor` (user@host).
import { actor } from '../journal.js';
import { onlyKeys, savedObject, savedString } from '../mutation/saved-options.js';

export function newPlanIdentity(ctx: { env: Record<string, string | undefined>; clock: { now(): Date } }): JsonObject {
  return { actor: actor(ctx.env), lockId: randomUUID(), plannedAt: ctx.clock.now().toISOString() };
}

/** A saved plan's identity, checked field by field (exactly these three keys; plannedAt a real time). */
export function savedIdentity(saved: JsonObject): JsonObject | undefined {
  const id = savedObject(saved, 'identity');
  if (!id) return undefined;
  onlyKeys(id, ['actor', 'lockId', 'plannedAt'], 'plan.options.identity');
  const plannedAt = savedString(id, 'plannedAt');
  if (!Number.isFinite(Date.parse(plannedAt))) throw new InputError('MRR_PLAN_E002', 'plan file', 'plan.options.identity.plannedAt', plannedAt, 'an ISO 8601 time');
  return { actor: savedString(id, 'actor'), lockId: savedString(id, 'lockId'), plannedAt };
}

/**
 * The identity the steps carry (who, the lock id, the planned time: fixed when the plan was made, so
 * a saved plan re-plans to the same steps) and `checkedAt`, the time NOW, which every guard is
 * evaluated at — a plan applied later is judged by the time it is applied, never the time it was made.
 */
export function planIdentity(env: { ctx: { env: Record<string, string | undefined>; clock: { now(): Date } } }, opts: JsonObject): { actor: string; lockId: string; now: Date; checkedAt: Date } {
  const checkedAt = env.ctx.clock.now();
  const id = opts.identity;
  if (id && typeof id === 'object' && !Array.isArray(id)) {
    const { actor: who, lockId, plannedAt } = id;
    if (typeof who === 'string' && who && typeof lockId === 'string' && lockId && typeof plannedAt === 'string' && plannedAt) return { actor: who, lockId, now: new Date(plannedAt), checkedAt };
  }
  return { actor: actor(env.ctx.env), lockId: randomUUID(), now: checkedAt, checkedAt };
}
