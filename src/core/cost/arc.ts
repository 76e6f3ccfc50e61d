/**
 * The Route 53 ARC cluster's price, added by `cost` when dns.strategy is arc-routing-control
 * (aws-conformance G3): a cluster is billed per hour whatever the traffic, and one cluster can serve several
 * accounts through AWS RAM, so the price is per cluster, not per pool. The hourly figure is [INF]:
 * about 2.50 USD, to be checked on the ARC pricing page; it lives here so a correction is one line.
 */
export const ARC_PRICE = {
  usdPerClusterHour: 2.5,
  /** Hours in an average month (365 × 24 / 12), the convention of AWS's pricing pages. */
  hoursPerMonth: 730,
  inferred: true,
  source: 'Amazon Route 53 Application Recovery Controller pricing page (about 2.50 USD per cluster-hour; [INF], check the current page)',
} as const;

export interface ArcCostEstimate {
  clusterUsdPerHour: number;
  clusterUsdPerMonth: number;
  inferred: boolean;
  priceSource: string;
  sharedAcrossAccounts: string;
}

export function estimateArcCost(): ArcCostEstimate {
  return {
    clusterUsdPerHour: ARC_PRICE.usdPerClusterHour,
    clusterUsdPerMonth: Math.round(ARC_PRICE.usdPerClusterHour * ARC_PRICE.hoursPerMonth * 100) / 100,
    inferred: ARC_PRICE.inferred,
    priceSource: ARC_PRICE.source,
    sharedAcrossAccounts: 'one cluster can be shared with other accounts through AWS RAM: its price is per cluster, not per user pool',
  };
}
