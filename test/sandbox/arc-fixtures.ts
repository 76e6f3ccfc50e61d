/**
 * An ARC world built through the real control-config client (us-west-2), as an operator would:
 * a cluster, a control panel, two routing controls (one per Region), an assertion rule "at least one
 * On", and a gating rule with its own gate. Plus a cluster client per endpoint URL.
 */
import {
  CreateClusterCommand,
  CreateControlPanelCommand,
  CreateRoutingControlCommand,
  CreateSafetyRuleCommand,
  DescribeClusterCommand,
  Route53RecoveryControlConfigClient,
} from '@aws-sdk/client-route53-recovery-control-config';
import { Route53RecoveryClusterClient } from '@aws-sdk/client-route53-recovery-cluster';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { sandboxClient, sandboxClientConfig } from '../helpers/sandbox.js';

export interface ArcWorld {
  clusterArn: string;
  panelArn: string;
  endpoints: Array<{ Endpoint: string; Region: string }>;
  east: string;
  west: string;
  gate: string;
  gated: string;
  atLeastOneOn: string;
  gatingRule: string;
  config: Route53RecoveryControlConfigClient;
}

export function configClient(sb: SandboxHandle, region = 'us-west-2'): Route53RecoveryControlConfigClient {
  return sandboxClient(Route53RecoveryControlConfigClient, sb, region);
}

/** The cluster client exactly as ARC's docs build it: the endpoint URL and that endpoint's Region. */
export function endpointClient(endpoint: { Endpoint: string; Region: string }): Route53RecoveryClusterClient {
  return new Route53RecoveryClusterClient({ ...sandboxClientConfig(endpoint.Endpoint, endpoint.Region), endpoint: endpoint.Endpoint });
}

export async function buildArcWorld(sb: SandboxHandle, waitPeriodMs = 0): Promise<ArcWorld> {
  const config = configClient(sb);
  const cluster = (await config.send(new CreateClusterCommand({ ClusterName: 'demo-cluster' }))).Cluster!;
  const panel = (await config.send(new CreateControlPanelCommand({ ClusterArn: cluster.ClusterArn, ControlPanelName: 'auth' }))).ControlPanel!;
  const control = async (name: string) =>
    (await config.send(new CreateRoutingControlCommand({ ClusterArn: cluster.ClusterArn, ControlPanelArn: panel.ControlPanelArn, RoutingControlName: name })))
      .RoutingControl!.RoutingControlArn!;
  const east = await control('auth-us-east-1');
  const west = await control('auth-eu-west-1');
  const gate = await control('maintenance-gate');
  const gated = await control('batch-jobs');
  const assertion = await config.send(
    new CreateSafetyRuleCommand({
      AssertionRule: {
        Name: 'at-least-one-on',
        ControlPanelArn: panel.ControlPanelArn,
        AssertedControls: [east, west],
        RuleConfig: { Type: 'ATLEAST', Threshold: 1, Inverted: false },
        WaitPeriodMs: waitPeriodMs,
      },
    }),
  );
  const gating = await config.send(
    new CreateSafetyRuleCommand({
      GatingRule: {
        Name: 'batch-needs-gate',
        ControlPanelArn: panel.ControlPanelArn,
        GatingControls: [gate],
        TargetControls: [gated],
        RuleConfig: { Type: 'OR', Threshold: 1, Inverted: false },
        WaitPeriodMs: 0,
      },
    }),
  );
  const described = (await config.send(new DescribeClusterCommand({ ClusterArn: cluster.ClusterArn }))).Cluster!;
  return {
    clusterArn: cluster.ClusterArn!,
    panelArn: panel.ControlPanelArn!,
    endpoints: described.ClusterEndpoints!.map((e) => ({ Endpoint: e.Endpoint!, Region: e.Region! })),
    east,
    west,
    gate,
    gated,
    atLeastOneOn: assertion.AssertionRule!.SafetyRuleArn!,
    gatingRule: gating.GatingRule!.SafetyRuleArn!,
    config,
  };
}
