/**
 * The monthly add-on cost of keeping a replica Region (aws-conformance A6). Prices change: they live in
 * one table with their source and date, so a wrong or stale figure is a one-line fix.
 */
export type Tier = 'essentials' | 'plus';

export const PRICE_TABLE = {
  source: 'AWS News Blog, "Improve your application resilience with Amazon Cognito multi-Region replication" (2026-06); Amazon Cognito pricing page (M2M token requests)',
  asOf: '2026-06-04',
  currency: 'USD',
  /** Per monthly active user, per replica Region. */
  perMau: { essentials: 0.0045, plus: 0.006 } satisfies Record<Tier, number>,
  /** Standard first-tier price of one client-credentials token request. */
  m2mTokenRequest: 0.00225,
  /** The replica adds this share on top of the standard M2M token price. */
  m2mReplicaSurcharge: 0.3,
} as const;

export interface CostInput {
  mau: number;
  m2mTokens: number;
  tier: Tier;
}

export interface CostEstimate {
  tier: Tier;
  mau: number;
  m2mTokens: number;
  userAuthAddOn: number;
  m2mAddOn: number;
  total: number;
  currency: string;
  priceSource: string;
  priceAsOf: string;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function estimateReplicaCost(input: CostInput): CostEstimate {
  const userAuthAddOn = input.mau * PRICE_TABLE.perMau[input.tier];
  const m2mAddOn = input.m2mTokens * PRICE_TABLE.m2mTokenRequest * PRICE_TABLE.m2mReplicaSurcharge;
  return {
    tier: input.tier,
    mau: input.mau,
    m2mTokens: input.m2mTokens,
    userAuthAddOn: cents(userAuthAddOn),
    m2mAddOn: cents(m2mAddOn),
    total: cents(userAuthAddOn + m2mAddOn),
    currency: PRICE_TABLE.currency,
    priceSource: PRICE_TABLE.source,
    priceAsOf: PRICE_TABLE.asOf,
  };
}
