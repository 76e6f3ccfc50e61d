/**
 * What one acceptance run costs, printed before anything is created. Prices live in this one table
 * with their sources (docs/acceptance.md repeats them); the Cognito replica's add-on comes from
 * mrrctl's own estimate (src/core/cost) for the run's 0 monthly active users.
 */
import { estimateReplicaCost } from '../../../src/core/cost/estimate.js';

export const ACCEPTANCE_PRICES = {
  asOf: '2026-06',
  /** $1/month per KMS key, each multi-Region primary and replica alike, prorated hourly; none while pending deletion. */
  kmsKeyMonth: { usd: 1, source: 'https://aws.amazon.com/kms/pricing/' },
  /** $0.50/month per hosted zone, not prorated; nothing when deleted within 12 hours of creation. */
  hostedZoneMonth: { usd: 0.5, source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/troubleshooting-billed-twice.html' },
  /** Health check of an AWS endpoint ($0.50) plus the HTTPS option ($1.00); billed monthly (proration not documented: assume a month). */
  healthCheckMonth: { usd: 1.5, source: 'https://aws.amazon.com/route53/pricing/ (health checks: AWS endpoints, optional features)' },
  hoursPerMonth: 730,
} as const;

export interface CostLine {
  item: string;
  count: number;
  /** What the run costs when cleanup runs within a few hours. */
  expectedUsd: number;
  /** What it costs when cleanup never runs until the month is over. */
  worstMonthUsd: number;
  note: string;
}

export interface AcceptanceCost {
  lines: CostLine[];
  expectedUsd: number;
  worstMonthUsd: number;
}

const cents = (n: number) => Math.ceil(n * 100) / 100;

export function acceptanceCost(runHours = 2): AcceptanceCost {
  const p = ACCEPTANCE_PRICES;
  const replica = estimateReplicaCost({ mau: 0, m2mTokens: 0, tier: 'essentials' });
  const lines: CostLine[] = [
    {
      item: 'KMS multi-Region key + its replica key (mrrctl keys setup)',
      count: 2,
      expectedUsd: cents((2 * p.kmsKeyMonth.usd * runHours) / p.hoursPerMonth),
      worstMonthUsd: 2 * p.kmsKeyMonth.usd,
      note: 'prorated hourly; scheduled for deletion at cleanup (7-day minimum wait, not billed while pending)',
    },
    {
      item: 'Route 53 public hosted zone',
      count: 1,
      expectedUsd: 0,
      worstMonthUsd: p.hostedZoneMonth.usd,
      note: 'free when deleted within 12 hours; a full month after that',
    },
    {
      item: 'Route 53 HTTPS health checks (one per Region)',
      count: 2,
      expectedUsd: 2 * p.healthCheckMonth.usd,
      worstMonthUsd: 2 * p.healthCheckMonth.usd,
      note: 'counted as a full month: proration is not documented',
    },
    {
      item: 'Cognito user pool (Essentials, 0 users) and its replica',
      count: 2,
      expectedUsd: replica.total,
      worstMonthUsd: replica.total,
      note: `replica add-on for 0 monthly active users (mrrctl cost, prices as of ${replica.priceAsOf})`,
    },
  ];
  const sum = (key: 'expectedUsd' | 'worstMonthUsd') => cents(lines.reduce((total, l) => total + l[key], 0));
  return { lines, expectedUsd: sum('expectedUsd'), worstMonthUsd: sum('worstMonthUsd') };
}

export function renderCost(cost: AcceptanceCost, regions: string): string {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  return [
    `Expected cost of this acceptance run (${regions}; API calls stay in the free tiers):`,
    ...cost.lines.map((l) => `  ${l.count} × ${l.item}: ${usd(l.expectedUsd)} (at most ${usd(l.worstMonthUsd)} a month) — ${l.note}`),
    `  total: about ${usd(cost.expectedUsd)}; at most ${usd(cost.worstMonthUsd)} if cleanup never runs (then run --cleanup <runId>).`,
  ].join('\n');
}
