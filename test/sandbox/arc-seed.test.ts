/**
 * `mrrctl sandbox seed --dns-strategy …` through the real CLI against an in-process sandbox: the ARC
 * demo world (checked with the real SDK clients), the config it writes (exactly), the probe secret's
 * export line, and a second seed refused before any write.
 */
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { ListSafetyRulesCommand, ListControlPanelsCommand } from '@aws-sdk/client-route53-recovery-control-config';
import { GetHealthCheckCommand, ListResourceRecordSetsCommand, Route53Client, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { runCli } from '../helpers/run-cli.js';
import { sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { configClient, endpointClient } from './arc-fixtures.js';

const handles: SandboxHandle[] = [];
const dirs: string[] = [];
const clients: Array<{ destroy(): void }> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const h of handles.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup() {
  const sb = await startTestSandbox();
  handles.push(sb);
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-seed-'));
  dirs.push(dir);
  const run = (argv: string[]) => runCli(['--sandbox', sb.url, ...argv], { cwd: dir, env: { HOME: dir } });
  return { sb, dir, run };
}

// Ids are derived from a counter, so a fresh sandbox always seeds these (docs/sandbox.md lists them).
const ACCOUNT = '000000000000';
const CLUSTER = `arn:aws:route53-recovery-control::${ACCOUNT}:cluster/`;

describe('sandbox seed --dns-strategy arc-routing-control', () => {
  it('builds the ARC demo world and writes a config with the dns.arc block and the five endpoints', async () => {
    const { sb, dir, run } = await setup();
    const seeded = await run(['sandbox', 'seed', '--dns-strategy', 'arc-routing-control', '--write-config', 'mrrctl.yaml']);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    const text = readFileSync(join(dir, 'mrrctl.yaml'), 'utf8');
    const config = parse(text);
    const clusterArn: string = config.dns.arc.clusterArn;
    const clusterId = clusterArn.split('/').pop();
    const panelId = config.dns.arc.routingControls['us-east-1'].split('/')[1];
    expect(clusterArn.startsWith(CLUSTER.replace(ACCOUNT, sb.world.settings.accountId))).toBe(true);
    expect(config.dns).toEqual({
      strategy: 'arc-routing-control',
      hostedZoneId: expect.stringMatching(/^[A-Z0-9]+$/),
      recordName: 'auth.example.com',
      arc: {
        clusterArn,
        endpoints: ['us-east-1', 'ap-southeast-2', 'eu-west-1', 'us-west-2', 'ap-northeast-1'].map((region) => ({
          region,
          url: `${sb.url}/_arc/${clusterId}/${region}/v1`,
        })),
        routingControls: {
          'us-east-1': expect.stringMatching(new RegExp(`^arn:aws:route53-recovery-control::${sb.world.settings.accountId}:controlpanel/${panelId}/routingcontrol/[0-9a-f]{14}$`)),
          'eu-west-1': expect.stringMatching(new RegExp(`^arn:aws:route53-recovery-control::${sb.world.settings.accountId}:controlpanel/${panelId}/routingcontrol/[0-9a-f]{14}$`)),
        },
        safetyRules: ['at-least-one-on'],
      },
    });
    expect(config.probe.clientId).toMatch(/\w+/);
    // The written file is a valid mrrctl config (the arc-routing-control shape of src/core/config).
    expect(validateConfig(config, { source: 'mrrctl.yaml' }).dns?.arc?.endpoints).toHaveLength(5);
    expect(text.split('\n')[0]).toBe('# mrrctl topology for the sandbox demo world (mrrctl sandbox seed --dns-strategy arc-routing-control).');

    // What the CLI printed: the ARC resources and the export line for the sandbox's own secret.
    expect(seeded.stdout).toContain(`ARC cluster ${clusterArn} (5 endpoints; control-config in us-west-2)`);
    expect(seeded.stdout).toContain(`routing control us-east-1: ${config.dns.arc.routingControls['us-east-1']} (On)`);
    expect(seeded.stdout).toContain(`routing control eu-west-1: ${config.dns.arc.routingControls['eu-west-1']} (Off)`);
    expect(seeded.stdout).toContain("this sandbox's own throwaway secret (not a real credential)");
    const exported = /export MRRCTL_PROBE_CLIENT_SECRET='([^']+)'/.exec(seeded.stdout)?.[1];
    expect(exported).toBeTruthy();

    // The world, through the real SDK clients.
    const arcConfig = configClient(sb);
    clients.push(arcConfig);
    const panels = await arcConfig.send(new ListControlPanelsCommand({ ClusterArn: clusterArn }));
    expect(panels.ControlPanels?.map((p) => [p.Name, p.RoutingControlCount])).toEqual([
      ['DefaultControlPanel', 0],
      ['mrrctl-demo-auth', 2],
    ]);
    const rules = await arcConfig.send(new ListSafetyRulesCommand({ ControlPanelArn: panels.ControlPanels![1].ControlPanelArn }));
    expect(rules.SafetyRules?.[0].ASSERTION).toMatchObject({
      Name: 'at-least-one-on',
      AssertedControls: [config.dns.arc.routingControls['us-east-1'], config.dns.arc.routingControls['eu-west-1']],
      RuleConfig: { Type: 'ATLEAST', Threshold: 1, Inverted: false },
      WaitPeriodMs: 5000,
    });
    const endpoint = endpointClient({ Endpoint: config.dns.arc.endpoints[2].url, Region: 'eu-west-1' });
    clients.push(endpoint);
    const states = [];
    for (const region of ['us-east-1', 'eu-west-1']) {
      states.push((await endpoint.send(new GetRoutingControlStateCommand({ RoutingControlArn: config.dns.arc.routingControls[region] }))).RoutingControlState);
    }
    expect(states).toEqual(['On', 'Off']);

    const route53 = sandboxClient(Route53Client, sb, 'us-east-1');
    clients.push(route53);
    const records = (await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: config.dns.hostedZoneId }))).ResourceRecordSets!.filter((r) => r.Type === 'CNAME');
    expect(records.map((r) => [r.SetIdentifier, r.Failover])).toEqual([
      ['eu-west-1', 'SECONDARY'],
      ['us-east-1', 'PRIMARY'],
    ]);
    for (const record of records) {
      const check = await route53.send(new GetHealthCheckCommand({ HealthCheckId: record.HealthCheckId }));
      expect(check.HealthCheck?.HealthCheckConfig).toMatchObject({ Type: 'RECOVERY_CONTROL', RoutingControlArn: config.dns.arc.routingControls[record.SetIdentifier!] });
    }
    const answer = await route53.send(new TestDNSAnswerCommand({ HostedZoneId: config.dns.hostedZoneId, RecordName: 'auth.example.com', RecordType: 'CNAME' }));
    expect(answer.RecordData).toEqual([records.find((r) => r.SetIdentifier === 'us-east-1')!.ResourceRecords![0].Value]);
  });

  it('refuses a second seed before any write, pointing at sandbox reset', async () => {
    const { sb, run } = await setup();
    expect((await run(['sandbox', 'seed', '--dns-strategy', 'arc-routing-control'])).code).toBe(0);
    const before = JSON.stringify({ ...sb.world.snapshot(), savedAt: undefined });
    const lastSeq = sb.calls().at(-1)?.seq ?? 0;
    const again = await run(['sandbox', 'seed']);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('MRR_SANDBOX_E007');
    expect(again.stderr).toContain('the sandbox world is already seeded (user pool us-east-1_');
    expect(again.stderr).toContain('hosted zone example.com, ARC cluster mrrctl-demo); nothing was changed. Run `mrrctl sandbox reset` to empty it, then seed again.');
    // No write: the call log holds no write since, and every model's state is unchanged.
    expect(sb.calls().filter((c) => c.seq > lastSeq && c.write)).toEqual([]);
    expect(JSON.stringify({ ...sb.world.snapshot(), savedAt: undefined })).toBe(before);
    // After a reset, seeding works again.
    expect((await run(['sandbox', 'reset'])).code).toBe(0);
    expect((await run(['sandbox', 'seed'])).code).toBe(0);
  });
});

describe('sandbox seed --dns-strategy cognito-domain', () => {
  it("writes the primary's health check for the custom domain's failover routing, and no records", async () => {
    const { sb, dir, run } = await setup();
    const seeded = await run(['sandbox', 'seed', '--dns-strategy', 'cognito-domain', '--write-config', 'c.yaml']);
    expect(seeded.code).toBe(0);
    const config = parse(readFileSync(join(dir, 'c.yaml'), 'utf8'));
    expect(Object.keys(config.dns)).toEqual(['strategy', 'hostedZoneId', 'recordName', 'healthCheckId']);
    expect(config.dns.strategy).toBe('cognito-domain');
    const route53 = sandboxClient(Route53Client, sb, 'us-east-1');
    clients.push(route53);
    const check = await route53.send(new GetHealthCheckCommand({ HealthCheckId: config.dns.healthCheckId }));
    expect(check.HealthCheck?.HealthCheckConfig?.FullyQualifiedDomainName).toBe('cognito-idp.us-east-1.amazonaws.com');
    expect(validateConfig(config, { source: 'c.yaml' }).dns?.healthCheckId).toBe(config.dns.healthCheckId);
  });

  it('refuses an unknown strategy with exit 2 before anything is seeded', async () => {
    const { sb, run } = await setup();
    const bad = await run(['sandbox', 'seed', '--dns-strategy', 'failover']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('weighted, cognito-domain, arc-routing-control');
    const pools = (await (await fetch(`${sb.url}/_sandbox/state`)).json()) as { pools: unknown[] };
    expect(pools.pools).toEqual([]);
  });
});
