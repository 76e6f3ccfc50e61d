import {
  CreateSafetyRuleCommand,
  DescribeRoutingControlCommand,
  DescribeSafetyRuleCommand,
  ListClustersCommand,
  ListControlPanelsCommand,
  ListRoutingControlsCommand,
  ListSafetyRulesCommand,
} from '@aws-sdk/client-route53-recovery-control-config';
import { GetRoutingControlStateCommand, UpdateRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { rejectionOf, startTestSandbox } from '../helpers/sandbox.js';
import { buildArcWorld, configClient, endpointClient } from './arc-fixtures.js';

const handles: SandboxHandle[] = [];
const clients: Array<{ destroy(): void }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const h of handles.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(stateFile?: string) {
  const sb = await startTestSandbox({}, { stateFile });
  handles.push(sb);
  return sb;
}

describe('ARC control-config reads (the real v3.332 client)', () => {
  it('lists clusters, control panels (with the default one), routing controls and safety rules', async () => {
    const sb = await start();
    const arc = await buildArcWorld(sb);
    clients.push(arc.config);
    const clusters = await arc.config.send(new ListClustersCommand({}));
    expect(clusters.Clusters?.map((c) => [c.Name, c.Status, c.ClusterEndpoints?.length])).toEqual([['demo-cluster', 'DEPLOYED', 5]]);
    const panels = await arc.config.send(new ListControlPanelsCommand({ ClusterArn: arc.clusterArn }));
    expect(panels.ControlPanels?.map((p) => [p.Name, p.DefaultControlPanel, p.RoutingControlCount, p.Status])).toEqual([
      ['DefaultControlPanel', true, 0, 'DEPLOYED'],
      ['auth', false, 4, 'DEPLOYED'],
    ]);
    const controls = await arc.config.send(new ListRoutingControlsCommand({ ControlPanelArn: arc.panelArn }));
    expect(controls.RoutingControls?.map((c) => c.Name)).toEqual(['auth-us-east-1', 'auth-eu-west-1', 'maintenance-gate', 'batch-jobs']);
    expect(controls.RoutingControls?.[0].RoutingControlArn).toBe(arc.east);
    expect(arc.east).toMatch(/^arn:aws:route53-recovery-control::\d{12}:controlpanel\/[0-9a-f]{32}\/routingcontrol\/[0-9a-f]{14}$/);
    const described = await arc.config.send(new DescribeRoutingControlCommand({ RoutingControlArn: arc.west }));
    expect(described.RoutingControl).toEqual({ ControlPanelArn: arc.panelArn, Name: 'auth-eu-west-1', RoutingControlArn: arc.west, Status: 'DEPLOYED' });

    const rules = await arc.config.send(new ListSafetyRulesCommand({ ControlPanelArn: arc.panelArn }));
    expect(rules.SafetyRules).toEqual([
      {
        ASSERTION: {
          AssertedControls: [arc.east, arc.west],
          ControlPanelArn: arc.panelArn,
          Name: 'at-least-one-on',
          RuleConfig: { Inverted: false, Threshold: 1, Type: 'ATLEAST' },
          SafetyRuleArn: arc.atLeastOneOn,
          Status: 'DEPLOYED',
          WaitPeriodMs: 0,
        },
      },
      {
        GATING: {
          ControlPanelArn: arc.panelArn,
          GatingControls: [arc.gate],
          Name: 'batch-needs-gate',
          RuleConfig: { Inverted: false, Threshold: 1, Type: 'OR' },
          SafetyRuleArn: arc.gatingRule,
          Status: 'DEPLOYED',
          TargetControls: [arc.gated],
          WaitPeriodMs: 0,
        },
      },
    ]);
    const rule = await arc.config.send(new DescribeSafetyRuleCommand({ SafetyRuleArn: arc.gatingRule }));
    expect(rule.GatingRule?.Name).toBe('batch-needs-gate');
    expect(rule.AssertionRule).toBeUndefined();
  });

  it('refuses a safety rule over controls of another panel, and unknown resources', async () => {
    const sb = await start();
    const arc = await buildArcWorld(sb);
    clients.push(arc.config);
    const refused = await rejectionOf(
      arc.config.send(
        new CreateSafetyRuleCommand({
          AssertionRule: {
            Name: 'bad',
            ControlPanelArn: arc.panelArn,
            AssertedControls: [`${arc.panelArn}/routingcontrol/ffffffffffffff`],
            RuleConfig: { Type: 'ATLEAST', Threshold: 1, Inverted: false },
            WaitPeriodMs: 0,
          },
        }),
      ),
    );
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toContain('is not a routing control of control panel');
    const missing = await rejectionOf(arc.config.send(new DescribeRoutingControlCommand({ RoutingControlArn: `${arc.panelArn}/routingcontrol/ffffffffffffff` })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFoundException', 404]);
  });

  it('keeps clusters and routing control states across a restart with --state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-arc-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    const first = await start(file);
    const arc = await buildArcWorld(first);
    arc.config.destroy();
    const east = endpointClient(arc.endpoints[0]);
    await east.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.east, RoutingControlState: 'On' }));
    east.destroy();
    await first.stop();
    handles.splice(0);

    const second = await start(file);
    const config = configClient(second);
    clients.push(config);
    const clusters = await config.send(new ListClustersCommand({}));
    expect(clusters.Clusters?.[0].ClusterArn).toBe(arc.clusterArn);
    // The endpoints follow the new port.
    const endpoint = clusters.Clusters![0].ClusterEndpoints!.find((e) => e.Region === 'eu-west-1')!;
    expect(endpoint.Endpoint).toBe(`${second.url}/_arc/${arc.clusterArn.split('/').pop()}/eu-west-1/v1`);
    const client = endpointClient({ Endpoint: endpoint.Endpoint!, Region: 'eu-west-1' });
    clients.push(client);
    expect((await client.send(new GetRoutingControlStateCommand({ RoutingControlArn: arc.east }))).RoutingControlState).toBe('On');
  });
});
