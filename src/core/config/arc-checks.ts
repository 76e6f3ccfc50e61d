/**
 * Relations inside `dns.arc` (the arc-routing-control strategy) and between it and the topology: one
 * routing control per topology Region and no other, distinct controls, endpoints in distinct Regions,
 * and no `arc` mapping under another strategy (it would be silently ignored). Values arrive
 * unvalidated; anything malformed is skipped because the schema reports it.
 */
import type { ConfigIssue } from './config-error.js';
import { isRegionName, regionExpectation } from './regions.js';

export interface ArcCheckInput {
  dns: Record<string, unknown>;
  at: (field: string, value: unknown, expected: string) => ConfigIssue;
  /** The primary and the secondary, when both are valid Region names. */
  regions?: { primary: string; secondary: string; describe: (role: 'primary' | 'secondary') => string };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function arcIssues({ dns, at, regions }: ArcCheckInput): ConfigIssue[] {
  const arc = dns.arc;
  if (dns.strategy !== 'arc-routing-control') {
    if (arc === undefined) return [];
    const strategy = typeof dns.strategy === 'string' ? dns.strategy : 'this';
    return [
      at(
        'dns.arc',
        arc,
        `no arc mapping with the ${strategy} strategy: dns.arc is read only with strategy arc-routing-control (remove it, or change dns.strategy)`,
      ),
    ];
  }
  if (arc === undefined) {
    return [
      at(
        'dns.arc',
        undefined,
        'a mapping with clusterArn and routingControls (one routing control ARN per Region) for the arc-routing-control strategy',
      ),
    ];
  }
  if (!isObject(arc)) return [];
  return [...routingControlIssues(arc, at, regions), ...endpointIssues(arc, at)];
}

function routingControlIssues(arc: Record<string, unknown>, at: ArcCheckInput['at'], regions: ArcCheckInput['regions']): ConfigIssue[] {
  const controls = arc.routingControls;
  if (!isObject(controls)) return [];
  const issues: ConfigIssue[] = [];
  const topology = regions ? [regions.primary, regions.secondary] : undefined;
  const seen = new Map<string, string>();
  for (const [region, arn] of Object.entries(controls)) {
    const field = `dns.arc.routingControls.${region}`;
    if (!isRegionName(region)) {
      issues.push(at(field, region, `a Region name as the key: ${regionExpectation(region)}`));
    } else if (regions && topology && !topology.includes(region)) {
      issues.push(at(field, region, `a routing control for the primary ${regions.primary} or the secondary ${regions.secondary} only`));
    }
    if (typeof arn === 'string') {
      const other = seen.get(arn);
      if (other !== undefined) {
        issues.push(
          at(field, arn, `a routing control of its own: the same ARN is given for ${other}, and one switch cannot route two Regions`),
        );
      } else {
        seen.set(arn, region);
      }
    }
  }
  if (regions && regions.primary !== regions.secondary) {
    for (const role of ['primary', 'secondary'] as const) {
      const region = regions[role];
      if (controls[region] === undefined) {
        issues.push(
          at(
            `dns.arc.routingControls.${region}`,
            undefined,
            `the routing control ARN of the ${role} Region ${region} (${regions.describe(role)}): the arc-routing-control strategy needs one per Region`,
          ),
        );
      }
    }
  }
  return issues;
}

function endpointIssues(arc: Record<string, unknown>, at: ArcCheckInput['at']): ConfigIssue[] {
  if (!Array.isArray(arc.endpoints)) return [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  arc.endpoints.forEach((endpoint: unknown, index) => {
    if (!isObject(endpoint) || !isRegionName(endpoint.region)) return;
    const first = seen.get(endpoint.region);
    if (first !== undefined) {
      issues.push(
        at(
          `dns.arc.endpoints[${index}].region`,
          endpoint.region,
          `a Region not listed yet: dns.arc.endpoints[${first}] is already the ${endpoint.region} endpoint (a cluster has one endpoint per Region)`,
        ),
      );
    } else {
      seen.set(endpoint.region, index);
    }
  });
  return issues;
}
