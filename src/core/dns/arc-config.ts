/**
 * The `arc-routing-control` strategy's config section (dns.arc), as the failover, status and preflight
 * code reads it. The schema itself (validation, messages) lives in src/core/config; this is the
 * reader's view, so the ARC modules do not depend on how the schema spells optional fields.
 */
import type { ArcConfig, ArcEndpointConfig, DnsConfig } from '../config/schema.js';

export type { ArcConfig } from '../config/schema.js';
/** One Regional cluster endpoint: its URL and the Region a request to it is signed for (aws-conformance G3). */
export type ArcEndpoint = ArcEndpointConfig;

export const ARC_STRATEGY = 'arc-routing-control';

/** The dns.arc section when the strategy is arc-routing-control; undefined for the other strategies. */
export function arcConfigOf(dns: DnsConfig | undefined): ArcConfig | undefined {
  return dns?.strategy === ARC_STRATEGY ? dns.arc : undefined;
}

export function isArcStrategy(dns: DnsConfig | undefined): boolean {
  return dns?.strategy === ARC_STRATEGY;
}

/** The Region whose routing control this ARN is (reverse lookup in the config). */
export function regionOfControl(arc: ArcConfig, arn: string): string | undefined {
  return Object.entries(arc.routingControls).find(([, a]) => a === arn)?.[0];
}
