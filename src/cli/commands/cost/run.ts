/** The body of `mrrctl cost` (loaded by ../cost.ts when the command runs, not for its --help). */
import { InputError } from '../../../core/errors.js';
import { estimateReplicaCost, type Tier } from '../../../core/cost/estimate.js';
import { estimateArcCost } from '../../../core/cost/arc.js';
import type { CommandResult } from '../../../ui/output.js';
import type { CommandContext } from '../../context.js';

export interface CostOptions {
  mau: string;
  m2mTokens: string;
  tier: Tier;
}

/**
 * Upper bounds far above any user pool (Cognito's largest are in the hundreds of millions of users)
 * and below where the arithmetic stops being exact: `--mau 1e26` used to print 4.49e+23.
 */
export const COST_LIMITS = { '--mau': 10_000_000_000, '--m2m-tokens': 1_000_000_000_000 } as const;

export function parseCount(flag: keyof typeof COST_LIMITS, raw: string): number {
  const max = COST_LIMITS[flag];
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > max) {
    throw new InputError('MRR_INPUT_E001', 'flags', flag, raw, `a whole number of 0 or more, at most ${max}`);
  }
  return Number(raw);
}

export async function runCost(ctx: CommandContext, opts: CostOptions): Promise<CommandResult> {
  const estimate = estimateReplicaCost({
    mau: parseCount('--mau', opts.mau),
    m2mTokens: parseCount('--m2m-tokens', opts.m2mTokens),
    tier: opts.tier,
  });
  const usd = (n: number) => `$${n.toFixed(2)}`;
  // With ARC routing controls the cluster is a fixed hourly cost on top (core/cost/arc.ts).
  const arc = (await ctx.config()).config.dns?.strategy === 'arc-routing-control' ? estimateArcCost() : undefined;
  const arcLines = arc
    ? [
        `Route 53 ARC cluster (dns.strategy arc-routing-control): ${usd(arc.clusterUsdPerHour)} per hour, ${usd(arc.clusterUsdPerMonth)} per month [INF: check the ARC pricing page]`,
        `  not in the total above: ${arc.sharedAcrossAccounts}`,
      ]
    : [];
  return {
    command: 'cost',
    ok: true,
    // Every key present (docs/json.md): arc is null unless the strategy is arc-routing-control.
    data: { ...estimate, arc: arc ?? null },
    diagnostics: [],
    text: [
      `Replica Region add-on (${estimate.tier}), per month:`,
      `  user authentication  ${estimate.mau} MAU          ${usd(estimate.userAuthAddOn)}`,
      `  M2M tokens           ${estimate.m2mTokens} requests  ${usd(estimate.m2mAddOn)}`,
      `  total                                   ${usd(estimate.total)} ${estimate.currency}`,
      `Prices as of ${estimate.priceAsOf}; check the current Amazon Cognito pricing page.`,
      ...arcLines,
    ],
  };
}
