/**
 * Where a plan was made, recorded in it so `mrrctl apply` refuses it anywhere else: the endpoint URL
 * (or `aws` when the SDK resolves AWS's own endpoints) and the partition of the plan's Regions. Both
 * are known without an AWS call; the account is not (it would need STS), so it is not recorded.
 */
import { partitionOfRegion } from '../config/regions.js';
import { UsageError } from '../errors.js';
import type { Plan, PlanEndpoint } from './types.js';

export function planEndpoint(endpointUrl: string | undefined, primaryRegion: string): PlanEndpoint {
  return { url: endpointUrl ?? 'aws', partition: partitionOfRegion(primaryRegion) };
}

/** Throws MRR_PLAN_E012 (exit 2) unless the plan was made for exactly this endpoint and partition. */
export function assertSameEndpoint(plan: Plan, current: PlanEndpoint, source: string): void {
  const made = plan.endpoint;
  if (made && made.url === current.url && made.partition === current.partition) return;
  const where = (e: PlanEndpoint) => `${e.url === 'aws' ? 'AWS' : e.url} (partition ${e.partition})`;
  throw new UsageError(
    'MRR_PLAN_E012',
    `${source}: the plan was made for ${made ? where(made) : 'an unrecorded endpoint (an older mrrctl)'}, but this run talks to ${where(current)}; ` +
      `nothing was changed — make the plan where it will be applied`,
    { source, planEndpoint: made ?? null, currentEndpoint: current },
  );
}
