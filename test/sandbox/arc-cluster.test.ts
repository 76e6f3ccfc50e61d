import {
  GetRoutingControlStateCommand,
  ListRoutingControlsCommand,
  Route53RecoveryClusterClient,
  UpdateRoutingControlStateCommand,
  UpdateRoutingControlStatesCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { DescribeClusterCommand } from '@aws-sdk/client-route53-recovery-control-config';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { rejectionOf, sandboxAdmin, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { buildArcWorld, configClient, endpointClient, type ArcWorld } from './arc-fixtures.js';

const handles: SandboxHandle[] = [];
const clients: Array<{ destroy(): void }> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const h of handles.splice(0)) await h.stop();
});

async function world(options: { clock?: VirtualClock; waitPeriodMs?: number } = {}): Promise<{ sb: SandboxHandle; arc: ArcWorld; at: (region: string) => Route53RecoveryClusterClient }> {
  const sb = await startTestSandbox({}, { clock: options.clock?.sandbox });
  handles.push(sb);
  const arc = await buildArcWorld(sb, options.waitPeriodMs);
  clients.push(arc.config);
  const at = (region: string) => {
    const endpoint = arc.endpoints.find((e) => e.Region === region)!;
    const client = endpointClient(endpoint);
    clients.push(client);
    return client;
  };
  return { sb, arc, at };
}

const state = async (client: Route53RecoveryClusterClient, arn: string) =>
  (await client.send(new GetRoutingControlStateCommand({ RoutingControlArn: arn }))).RoutingControlState;

describe('ARC cluster endpoints on the sandbox port', () => {
  it('DescribeCluster lists five Regional endpoints, each a path on the sandbox port', async () => {
    const { sb, arc } = await world();
    const id = arc.clusterArn.split('/').pop();
    expect(arc.clusterArn).toMatch(/^arn:aws:route53-recovery-control::\d{12}:cluster\/[0-9a-f-]{36}$/);
    expect(arc.endpoints).toEqual(
      ['us-east-1', 'ap-southeast-2', 'eu-west-1', 'us-west-2', 'ap-northeast-1'].map((region) => ({
        Endpoint: `${sb.url}/_arc/${id}/${region}/v1`,
        Region: region,
      })),
    );
  });

  it('gets, lists and updates routing control states through any endpoint; new controls are Off', async () => {
    const { arc, at } = await world();
    expect(await state(at('us-east-1'), arc.east)).toBe('Off');
    await at('eu-west-1').send(
      new UpdateRoutingControlStatesCommand({
        UpdateRoutingControlStateEntries: [
          { RoutingControlArn: arc.east, RoutingControlState: 'On' },
          { RoutingControlArn: arc.west, RoutingControlState: 'Off' },
        ],
      }),
    );
    // A second endpoint sees the change (one cluster, five endpoints).
    expect(await state(at('ap-northeast-1'), arc.east)).toBe('On');
    const listed = await at('us-west-2').send(new ListRoutingControlsCommand({ ControlPanelArn: arc.panelArn, MaxResults: 2 }));
    expect(listed.RoutingControls?.map((c) => [c.RoutingControlName, c.RoutingControlState, c.ControlPanelName])).toEqual([
      ['auth-us-east-1', 'On', 'auth'],
      ['auth-eu-west-1', 'Off', 'auth'],
    ]);
    expect(listed.NextToken).toBeDefined();
    const rest = await at('us-west-2').send(new ListRoutingControlsCommand({ ControlPanelArn: arc.panelArn, NextToken: listed.NextToken }));
    expect(rest.RoutingControls?.map((c) => c.RoutingControlName)).toEqual(['maintenance-gate', 'batch-jobs']);
    expect(rest.NextToken).toBeUndefined();
  });

  it('refuses a transaction that breaks an assertion rule, naming the rule; SafetyRulesToOverride breaks the glass', async () => {
    const { sb, arc, at } = await world();
    const east = at('us-east-1');
    await east.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.east, RoutingControlState: 'On' }));
    const writes = sb.calls().filter((c) => c.write).length;
    const refused = await rejectionOf(east.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.east, RoutingControlState: 'Off' })));
    expect(refused.name).toBe('ConflictException');
    expect(refused.$metadata.httpStatusCode).toBe(409);
    expect(refused.message).toContain(`Safety rule ${arc.atLeastOneOn} (at-least-one-on, assertion rule: at least 1 On of its asserted controls) blocked the update`);
    expect(refused.resourceId).toBe(arc.atLeastOneOn);
    expect(await state(east, arc.east)).toBe('On');
    expect(sb.calls().filter((c) => c.write && c.status < 400)).toHaveLength(writes);

    // Swapping in one transaction keeps one On: allowed.
    await east.send(
      new UpdateRoutingControlStatesCommand({
        UpdateRoutingControlStateEntries: [
          { RoutingControlArn: arc.east, RoutingControlState: 'Off' },
          { RoutingControlArn: arc.west, RoutingControlState: 'On' },
        ],
      }),
    );
    expect([await state(east, arc.east), await state(east, arc.west)]).toEqual(['Off', 'On']);

    await east.send(
      new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.west, RoutingControlState: 'Off', SafetyRulesToOverride: [arc.atLeastOneOn] }),
    );
    expect(await state(east, arc.west)).toBe('Off');
  });

  it('a gating rule lets its targets change only while the gate is On (the gate may turn On in the same transaction)', async () => {
    const { arc, at } = await world();
    const client = at('eu-west-1');
    const refused = await rejectionOf(client.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.gated, RoutingControlState: 'On' })));
    expect(refused.name).toBe('ConflictException');
    expect(refused.message).toContain(`Safety rule ${arc.gatingRule} (batch-needs-gate, gating rule: at least one On of its gating controls)`);
    await client.send(
      new UpdateRoutingControlStatesCommand({
        UpdateRoutingControlStateEntries: [
          { RoutingControlArn: arc.gate, RoutingControlState: 'On' },
          { RoutingControlArn: arc.gated, RoutingControlState: 'On' },
        ],
      }),
    );
    expect(await state(client, arc.gated)).toBe('On');
  });

  it("refuses changes within a rule's wait period, and accepts them once it has passed", async () => {
    const clock = new VirtualClock();
    const { arc, at } = await world({ clock, waitPeriodMs: 5000 });
    const client = at('us-west-2');
    await client.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.east, RoutingControlState: 'On' }));
    clock.advance(4999);
    const refused = await rejectionOf(client.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.west, RoutingControlState: 'On' })));
    expect(refused.name).toBe('ConflictException');
    expect(refused.message).toContain('wait period of 5000 ms');
    clock.advance(1);
    await client.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.west, RoutingControlState: 'On' }));
    expect(await state(client, arc.west)).toBe('On');
  });

  it('validates its input with the modelled errors', async () => {
    const { arc, at } = await world();
    const client = at('us-east-1');
    const missing = `${arc.panelArn}/routingcontrol/00000000000000`;
    const notFound = await rejectionOf(client.send(new GetRoutingControlStateCommand({ RoutingControlArn: missing })));
    expect([notFound.name, notFound.$metadata.httpStatusCode, notFound.resourceId]).toEqual(['ResourceNotFoundException', 404, missing]);
    const badState = await rejectionOf(
      client.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.east, RoutingControlState: 'Maybe' as 'On' })),
    );
    expect([badState.name, badState.reason]).toEqual(['ValidationException', 'fieldValidationFailed']);
    const badOverride = await rejectionOf(
      client.send(new UpdateRoutingControlStateCommand({ RoutingControlArn: arc.east, RoutingControlState: 'On', SafetyRulesToOverride: ['at-least-one-on'] })),
    );
    expect(badOverride.name).toBe('ValidationException');
    expect(badOverride.message).toContain('SafetyRulesToOverride names "at-least-one-on", which is not a safety rule ARN');
  });

  it('refuses a client signed for another Region than its endpoint, and a call that names no endpoint', async () => {
    const { sb, arc } = await world();
    const east = arc.endpoints.find((e) => e.Region === 'us-east-1')!;
    // The us-east-1 endpoint's URL with a client signing for eu-west-1.
    const wrong = sandboxClient(Route53RecoveryClusterClient, east.Endpoint, 'eu-west-1');
    clients.push(wrong);
    const refused = await rejectionOf(wrong.send(new GetRoutingControlStateCommand({ RoutingControlArn: arc.east })));
    expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['InvalidSignatureException', 403]);
    const plain = sandboxClient(Route53RecoveryClusterClient, sb, 'us-east-1');
    clients.push(plain);
    const noEndpoint = await rejectionOf(plain.send(new GetRoutingControlStateCommand({ RoutingControlArn: arc.east })));
    expect(noEndpoint.name).toBe('ValidationException');
    expect(noEndpoint.message).toContain('served on the cluster endpoints only');
  });
});

describe('faults by Region take down that Region\'s endpoint (and us-east-1 the Route 53 control plane and CloudWatch)', () => {
  it('an endpoint in a faulted Region fails while the others answer; the rotation needs nothing more', async () => {
    const { sb, arc, at } = await world();
    const fault = await sandboxAdmin(sb, 'POST', 'faults', { region: 'us-east-1', kind: 'outage' });
    expect(fault.status).toBe(201);
    const down = await rejectionOf(at('us-east-1').send(new GetRoutingControlStateCommand({ RoutingControlArn: arc.east })));
    expect(down.code ?? down.name).toMatch(/ECONNRESET|socket hang up|TimeoutError/);
    // Route 53's control plane and CloudWatch in us-east-1 are down with it.
    const route53 = sandboxClient(Route53Client, sb, 'us-east-1');
    const cloudwatch = sandboxClient(CloudWatchClient, sb, 'us-east-1');
    clients.push(route53, cloudwatch);
    await expect(route53.send(new ListHostedZonesCommand({}))).rejects.toThrow();
    await expect(cloudwatch.send(new ListMetricsCommand({}))).rejects.toThrow();

    // A second Region down: three endpoints remain, and a failover through one of them works.
    await sandboxAdmin(sb, 'POST', 'faults', { region: 'ap-southeast-2', kind: 'outage' });
    await expect(at('ap-southeast-2').send(new GetRoutingControlStateCommand({ RoutingControlArn: arc.east }))).rejects.toThrow();
    await at('eu-west-1').send(
      new UpdateRoutingControlStatesCommand({
        UpdateRoutingControlStateEntries: [
          { RoutingControlArn: arc.east, RoutingControlState: 'Off' },
          { RoutingControlArn: arc.west, RoutingControlState: 'On' },
        ],
        SafetyRulesToOverride: [arc.atLeastOneOn],
      }),
    );
    for (const region of ['eu-west-1', 'us-west-2', 'ap-northeast-1']) {
      expect(await state(at(region), arc.west)).toBe('On');
    }
    // The control-config API (us-west-2) is untouched by a us-east-1 fault.
    const described = await arc.config.send(new DescribeClusterCommand({ ClusterArn: arc.clusterArn }));
    expect(described.Cluster?.Status).toBe('DEPLOYED');
    const logged = sb.calls().filter((c) => c.service === 'route53-recovery-cluster' && c.error === 'ConnectionReset').map((c) => c.region);
    expect(logged).toEqual(['us-east-1', 'ap-southeast-2']);
  });

  it('a fault scoped to one Region and the cluster service takes only that endpoint down', async () => {
    const { sb, arc, at } = await world();
    await sandboxAdmin(sb, 'POST', 'faults', { region: 'eu-west-1', service: 'route53-recovery-cluster', kind: 'error', status: 503 });
    await expect(at('eu-west-1').send(new GetRoutingControlStateCommand({ RoutingControlArn: arc.east }))).rejects.toThrow();
    expect(await state(at('us-west-2'), arc.east)).toBe('Off');
  });
});

describe('the control-config API', () => {
  it('answers in us-west-2 only', async () => {
    const { sb, arc } = await world();
    const east = configClient(sb, 'us-east-1');
    clients.push(east);
    const refused = await rejectionOf(east.send(new DescribeClusterCommand({ ClusterArn: arc.clusterArn })));
    expect(refused.name).toBe('UnknownEndpointException');
    expect(refused.message).toContain('served in us-west-2 only');
  });
});
