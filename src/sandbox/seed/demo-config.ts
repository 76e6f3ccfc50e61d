/**
 * What the demo seed returns, and the `mrrctl.yaml` that matches it (cli-contract.md, weighted DNS
 * strategy). The M2M client's secret is deliberately absent: configs and summaries are shared,
 * secrets come from MRRCTL_PROBE_CLIENT_SECRET.
 */
import { stringify } from 'yaml';

export interface DemoSummary {
  userPoolId: string;
  userPoolArn: string;
  primaryRegion: string;
  secondaryRegion: string;
  hostedZoneId: string;
  recordName: string;
  /** Weighted record per Region, as the config's dns.records expects. */
  records: Record<string, { type: 'CNAME'; value: string; healthCheckId: string; weight: number }>;
  /** Health check id per Region. */
  healthChecks: Record<string, string>;
  m2mClientId: string;
  clientIds: { web: string; mobile: string; m2m: string };
  domains: { custom: string; prefix: string };
  /** The alias the runbook's `keys setup` will create (no key exists yet: the pool is on an AWS-owned key). */
  keyAlias: string;
}

export function renderDemoConfig(summary: DemoSummary): string {
  const config = {
    userPoolId: summary.userPoolId,
    primaryRegion: summary.primaryRegion,
    secondaryRegion: summary.secondaryRegion,
    key: { alias: summary.keyAlias },
    dns: {
      strategy: 'weighted',
      hostedZoneId: summary.hostedZoneId,
      recordName: summary.recordName,
      records: Object.fromEntries(
        Object.entries(summary.records).map(([region, r]) => [region, { type: r.type, value: r.value, healthCheckId: r.healthCheckId }]),
      ),
    },
    guards: { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true },
    probe: { clientId: summary.m2mClientId },
  };
  const header = [
    '# mrrctl topology for the sandbox demo world (mrrctl sandbox seed --scenario demo).',
    '# The probe client secret is not stored here: set MRRCTL_PROBE_CLIENT_SECRET.',
  ].join('\n');
  return `${header}\n${stringify(config)}`;
}
