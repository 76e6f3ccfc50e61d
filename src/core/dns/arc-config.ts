/**
 * The `arc-routing-control` strategy's config section (dns.arc), as the failover, status and preflight
 * code reads it. The schema itself (validation, messages) lives in src/core/config; this is the
 * reader's view, so the ARC modules do not depend on how the schema spells optional fields.
 */
import type { DnsConfig } from '../config/schema.js';

/** One Regional cluster endpoint: its URL and the Region a request to it is signed for (aws-facts G3). */
export interface ArcEndpoint {
  region: string;
  url: string;
}

export interface ArcConfig {
  clusterArn: string;
  /** Recorded ahead of time (preflight fills them in): DescribeCluster is a control-config call in us-west-2. */
  endpoints?: ArcEndpoint[];
  /** The routing control ARN per Region of the pool. */
  routingControls: Record<string, string>;
  /** Safety rule names (or ARNs) the config expects on the control panel. */
  safetyRules?: string[];
}

export const ARC_STRATEGY = 'arc-routing-control';

/** The dns.arc section when the strategy is arc-routing-control; undefined for the other strategies. */
export function arcConfigOf(dns: DnsConfig | undefined): ArcConfig | undefined {
  if (!dns || (dns.strategy as string) !== ARC_STRATEGY) return undefined;
  const arc = (dns as unknown as { arc?: ArcConfig }).arc;
  return arc && typeof arc === 'object' ? arc : undefined;
}

export function isArcStrategy(dns: DnsConfig | undefined): boolean {
  return (dns?.strategy as string | undefined) === ARC_STRATEGY;
}

/** The Region whose routing control this ARN is (reverse lookup in the config). */
export function regionOfControl(arc: ArcConfig, arn: string): string | undefined {
  return Object.entries(arc.routingControls).find(([, a]) => a === arn)?.[0];
}
