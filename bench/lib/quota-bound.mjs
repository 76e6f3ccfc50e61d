/**
 * The two lower bounds a drift run is judged against:
 * - quota bound: for each Region and Cognito quota category, the calls that succeeded ÷ the
 *   category's allowed rate (default RPS × the sandbox's quota scale); Regions and categories have
 *   separate quotas, so the bound is the largest of these.
 * - latency bound: the longest chain of calls that depend on one another × the added latency.
 */
import { dist } from './child.mjs';
import { isThrottled } from './call-log.mjs';

const { COGNITO_CATEGORY_RPS, cognitoQuotaCategory } = await dist('sandbox/quotas/cognito-categories.js');

export function quotaBound(records, scale) {
  const perKey = {};
  for (const r of records) {
    if (r.service !== 'cognito-idp' || isThrottled(r) || r.status >= 500) continue;
    const category = cognitoQuotaCategory(r.operation);
    if (!category) continue;
    const key = `${r.region} ${category}`;
    perKey[key] = (perKey[key] ?? 0) + 1;
  }
  let seconds = 0;
  let binding;
  for (const [key, calls] of Object.entries(perKey)) {
    const rate = COGNITO_CATEGORY_RPS[key.split(' ')[1]] * scale;
    if (calls / rate > seconds) {
      seconds = calls / rate;
      binding = { key, calls, rate };
    }
  }
  return { ms: seconds * 1000, binding, perKey };
}

/**
 * drift's dependent chain: DescribeUserPool and ListUserPoolReplicas (the secondary is read only if
 * the replica serves) → the longest paginated list (ListUserPoolClients, 60 per page) → with --deep,
 * DescribeUserPoolClient → the parity reads that need the pool's settings (GetFunction, then GetPolicy).
 */
export function driftLatencyChain({ appClients }, deep) {
  return 1 + Math.ceil(appClients / 60) + (deep ? 1 : 0) + 2;
}
