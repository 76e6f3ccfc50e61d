/**
 * Who plans, when, and the lock's id are fixed once, when the command is typed, and travel in the
 * plan's options: `mrrctl apply FILE` then recomputes exactly the steps that were saved (same lock
 * record, same history entry) instead of steps that differ only by a fresh id and time.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../core/plan/types.js';
import { actor } from '../journal.js';

/** The operator's name in locks and history: the same user@host the journal records. */
export const operatorName = actor;

export function newPlanIdentity(ctx: { env: Record<string, string | undefined>; clock: { now(): Date } }): JsonObject {
  return { actor: operatorName(ctx.env), lockId: randomUUID(), plannedAt: ctx.clock.now().toISOString() };
}

export function planIdentity(env: { ctx: { env: Record<string, string | undefined>; clock: { now(): Date } } }, opts: JsonObject): { actor: string; lockId: string; now: Date } {
  const id = opts.identity;
  if (id && typeof id === 'object' && !Array.isArray(id)) {
    const { actor: who, lockId, plannedAt } = id;
    if (typeof who === 'string' && who && typeof lockId === 'string' && lockId && typeof plannedAt === 'string' && plannedAt) return { actor: who, lockId, now: new Date(plannedAt) };
  }
  return { actor: operatorName(env.ctx.env), lockId: randomUUID(), now: env.ctx.clock.now() };
}
