/**
 * What the demo seed returns, and the `mrrctl.yaml` that matches it (cli-contract.md) for the DNS
 * strategy it was seeded with. The M2M client's secret is never in the summary or the config: configs
 * and summaries are shared, secrets come from MRRCTL_PROBE_CLIENT_SECRET.
 */
import { stringify } from 'yaml';

export const DEMO_DNS_STRATEGIES = ['weighted', 'cognito-domain', 'arc-routing-control'] as const;
export type DemoDnsStrategy = (typeof DEMO_DNS_STRATEGIES)[number];

export interface DemoRecord {
  type: 'CNAME';
  value: string;
  healthCheckId: string;
  /** weighted records */
  weight?: number;
  /** failover records (arc-routing-control) */
  failover?: 'PRIMARY' | 'SECONDARY';
}

export interface DemoArc {
  clusterArn: string;
  controlPanelArn: string;
  endpoints: Array<{ region: string; url: string }>;
  /** Region → routing control ARN. */
  routingControls: Record<string, string>;
  safetyRules: Array<{ name: string; arn: string }>;
}

export interface DemoDns {
  strategy: DemoDnsStrategy;
  hostedZoneId: string;
  /** Record per Region (none for cognito-domain, whose single CNAME follows the custom domain). */
  records: Record<string, DemoRecord>;
  /** cognito-domain: the primary's health check, for the custom domain's Routing.Failover. */
  healthCheckId?: string;
  arc?: DemoArc;
}

export interface DemoSummary {
  dnsStrategy: DemoDnsStrategy;
  userPoolId: string;
  userPoolArn: string;
  primaryRegion: string;
  secondaryRegion: string;
  hostedZoneId: string;
  recordName: string;
  records: Record<string, DemoRecord>;
  /** Health check id per Region (the primary's only, for cognito-domain). */
  healthChecks: Record<string, string>;
  /** arc-routing-control only. */
  arc?: DemoArc;
  m2mClientId: string;
  clientIds: { web: string; mobile: string; m2m: string };
  domains: { custom: string; prefix: string };
  /** The alias the runbook's `keys setup` will create (no key exists yet: the pool is on an AWS-owned key). */
  keyAlias: string;
}

function dnsSection(summary: DemoSummary): Record<string, unknown> {
  const base = { strategy: summary.dnsStrategy, hostedZoneId: summary.hostedZoneId, recordName: summary.recordName };
  switch (summary.dnsStrategy) {
    case 'weighted':
      return {
        ...base,
        records: Object.fromEntries(
          Object.entries(summary.records).map(([region, r]) => [region, { type: r.type, value: r.value, healthCheckId: r.healthCheckId }]),
        ),
      };
    case 'cognito-domain':
      return { ...base, healthCheckId: summary.healthChecks[summary.primaryRegion] };
    case 'arc-routing-control': {
      const arc = summary.arc!;
      return {
        ...base,
        arc: { clusterArn: arc.clusterArn, endpoints: arc.endpoints, routingControls: arc.routingControls, safetyRules: arc.safetyRules.map((r) => r.name) },
      };
    }
  }
}

export function renderDemoConfig(summary: DemoSummary): string {
  const config = {
    userPoolId: summary.userPoolId,
    primaryRegion: summary.primaryRegion,
    secondaryRegion: summary.secondaryRegion,
    key: { alias: summary.keyAlias },
    dns: dnsSection(summary),
    guards: { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true },
    probe: { clientId: summary.m2mClientId },
  };
  const header = [
    `# mrrctl topology for the sandbox demo world (mrrctl sandbox seed --dns-strategy ${summary.dnsStrategy}).`,
    '# The probe client secret is not stored here: set MRRCTL_PROBE_CLIENT_SECRET (`sandbox seed` prints the line).',
  ].join('\n');
  return `${header}\n${stringify(config)}`;
}
