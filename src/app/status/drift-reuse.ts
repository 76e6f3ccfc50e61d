/**
 * `status --watch` reuses the quick drift counts for a minute. The drift check is most of a refresh's
 * calls (the pool's settings, app clients, groups, identity providers, functions, identities, logs and
 * web ACL in both Regions, 46 calls against the demo world with the rest of status): run every 5 s it
 * would spend Cognito's read quotas — shared with the applications — on counts that change only when
 * someone changes the pool. The topology, health, DNS, history and lock stay fresh on every refresh;
 * the dashboard says how old the counts are ("quick check, 40 s ago").
 *
 * Time comes from the injected clock (the counts' checkedAt is that clock's reading when the check
 * finished). Only counts are reused: a check that failed is tried again on the next refresh.
 */
import type { Clock } from '../../core/clock.js';
import type { DriftCounts } from '../../core/status/status.js';
import type { MutationEnv } from '../mutation/definition.js';
import { quickDriftCounts } from './observe.js';

/** How long --watch shows the same drift counts before checking again. */
export const DRIFT_REUSE_MS = 60_000;

export function reusedDriftCounts(clock: Pick<Clock, 'now'>, check: (env: MutationEnv) => Promise<DriftCounts> = quickDriftCounts, maxAgeMs = DRIFT_REUSE_MS): (env: MutationEnv) => Promise<DriftCounts> {
  let last: DriftCounts | undefined;
  return async (env) => {
    if (last && clock.now().getTime() - Date.parse(last.checkedAt) < maxAgeMs) return last;
    last = await check(env);
    return last;
  };
}
