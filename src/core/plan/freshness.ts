/**
 * A saved plan is only valid for the world it was computed from. `apply` re-observes, fingerprints
 * what it sees the same way the planner did, and refuses to go on if the two differ.
 */
import { ConflictError } from '../errors.js';
import type { Plan } from './types.js';

export function isStale(plan: Plan, currentFingerprint: string): boolean {
  return plan.fingerprint !== currentFingerprint;
}

/** Throws ConflictError MRR_PLAN_E007 (exit 4) when the observed state changed since planning. */
export function assertFresh(plan: Plan, currentFingerprint: string): void {
  if (!isStale(plan, currentFingerprint)) return;
  throw new ConflictError(
    'MRR_PLAN_E007',
    `the world changed since this plan was made at ${plan.createdAt}: the state of ${plan.userPoolId} in ` +
      `${plan.primaryRegion} and ${plan.secondaryRegion} no longer matches what the plan was computed from ` +
      `(fingerprint ${plan.fingerprint.slice(0, 12)}…, now ${currentFingerprint.slice(0, 12)}…); nothing was changed — ` +
      `re-plan with \`mrrctl ${plan.command} --plan-out FILE\` and review the new plan`,
    { planFingerprint: plan.fingerprint, currentFingerprint, command: plan.command, userPoolId: plan.userPoolId },
  );
}
