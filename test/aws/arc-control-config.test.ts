/**
 * mrrctl's own control-config reads (signed GETs through a cluster client's signer and HTTP handler)
 * against the sandbox, side by side with the real @aws-sdk/client-route53-recovery-control-config
 * client: the same answers prove the wire (paths, ARN labels, paging, error types) is the same.
 */
import { DescribeClusterCommand, ListAssociatedRoute53HealthChecksCommand, ListSafetyRulesCommand } from '@aws-sdk/client-route53-recovery-control-config';
import { afterEach, describe, expect, it } from 'vitest';
import { arcControlConfig, controlPanelOf } from '../../src/aws/arc-control-config.js';
import { AwsClients } from '../../src/aws/clients.js';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { startTestSandbox } from '../helpers/sandbox.js';
import { buildArcWorld } from '../sandbox/arc-fixtures.js';

const handles: SandboxHandle[] = [];
const clients: Array<{ destroy(): void }> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const h of handles.splice(0)) await h.stop();
});

describe('ARC control-config reads without the control-config SDK package', () => {
  it('DescribeCluster, ListSafetyRules and ListAssociatedRoute53HealthChecks answer as the real client reads them', async () => {
    const sb = await startTestSandbox();
    handles.push(sb);
    const arc = await buildArcWorld(sb);
    clients.push(arc.config);
    const aws = new AwsClients({ target: { sandbox: true, endpoint: sb.url } as never });
    clients.push(aws);
    const reader = arcControlConfig(aws);

    const mine = await reader.describeCluster(arc.clusterArn);
    const sdk = (await arc.config.send(new DescribeClusterCommand({ ClusterArn: arc.clusterArn }))).Cluster!;
    expect(mine.endpoints).toEqual(sdk.ClusterEndpoints!.map((e) => ({ region: e.Region, url: e.Endpoint })));
    expect(mine.endpoints.map((e) => e.region).sort()).toEqual(['ap-northeast-1', 'ap-southeast-2', 'eu-west-1', 'us-east-1', 'us-west-2']);
    expect(mine.name).toBe('demo-cluster');

    expect(controlPanelOf(arc.east)).toBe(arc.panelArn);
    const rules = await reader.listSafetyRules(arc.panelArn);
    expect(rules.map((r) => [r.kind, r.name, r.arn])).toEqual([
      ['ASSERTION', 'at-least-one-on', arc.atLeastOneOn],
      ['GATING', 'batch-needs-gate', arc.gatingRule],
    ]);
    const sdkRules = (await arc.config.send(new ListSafetyRulesCommand({ ControlPanelArn: arc.panelArn }))).SafetyRules!;
    expect(sdkRules.map((r) => r.ASSERTION?.SafetyRuleArn ?? r.GATING?.SafetyRuleArn)).toEqual([arc.atLeastOneOn, arc.gatingRule]);
    expect(rules[0]!.controls).toEqual([arc.east, arc.west]);

    const control = await reader.describeRoutingControl(arc.east);
    expect(control.name).toBe('auth-us-east-1');
    const checks = await reader.listAssociatedHealthChecks(arc.east);
    const sdkChecks = (await arc.config.send(new ListAssociatedRoute53HealthChecksCommand({ RoutingControlArn: arc.east }))).HealthCheckIds ?? [];
    expect(checks).toEqual(sdkChecks);

    // Signed for route53-recovery-control-config in us-west-2: the sandbox logged the reads under that service.
    const logged = sb.calls().filter((c) => c.service === 'route53-recovery-control-config' && c.operation === 'DescribeCluster');
    // The fixture's DescribeCluster, the real client's and ours.
    expect(logged.map((c) => c.region)).toEqual(['us-west-2', 'us-west-2', 'us-west-2']);
  });

  it('an unknown cluster is the API\'s ResourceNotFoundException, by name', async () => {
    const sb = await startTestSandbox();
    handles.push(sb);
    const aws = new AwsClients({ target: { sandbox: true, endpoint: sb.url } as never });
    clients.push(aws);
    const err = await arcControlConfig(aws).describeCluster('arn:aws:route53-recovery-control::111122223333:cluster/nope').catch((e: Error) => e);
    expect((err as Error).name).toBe('ResourceNotFoundException');
  });
});
