/**
 * The demo's DNS for the arc-routing-control strategy, built through the ARC control-config API
 * (us-west-2) and Route 53 as an operator would: a cluster, a control panel, a routing control per
 * Region (primary On, secondary Off), an assertion rule "at least one On", a RECOVERY_CONTROL health
 * check per control, and failover records carrying them.
 */
import { ARC_CLUSTER_TARGET } from '../arc/cluster-api.js';
import { ARC_CONFIG_REGION } from '../arc/endpoints.js';
import type { JsonObject } from '../types.js';
import { xmlEscape } from '../wire/xml.js';
import type { World } from '../world.js';
import type { DemoArc, DemoDns, DemoRecord } from './demo-config.js';
import { RECORD_NAME, changeRecords, createHealthCheck, createZone } from './route53-call.js';

export const DEMO_ARC_NAMES = {
  cluster: 'mrrctl-demo',
  controlPanel: 'mrrctl-demo-auth',
  routingControl: (region: string) => `auth-${region}`,
  safetyRule: 'at-least-one-on',
  /** Flapping guard of the assertion rule: a second change within 5 s of the last is refused. */
  waitPeriodMs: 5000,
} as const;

async function arcConfig(world: World, baseUrl: string, method: string, path: string, body?: JsonObject): Promise<JsonObject> {
  const host = new URL(baseUrl).host;
  const { operation, response } = await world.invokeRest(
    { method, path, query: new URLSearchParams(), headers: { host, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : '' },
    ARC_CONFIG_REGION,
  );
  if (response.status >= 400) throw new Error(`ARC ${operation} answered ${response.status}: ${response.body ?? ''}`);
  return JSON.parse(response.body ?? '{}') as JsonObject;
}

export async function seedArcDns(
  world: World,
  ctx: { run: string; regions: [string, string]; primaryTarget: string; baseUrl: string },
): Promise<DemoDns> {
  const [primary, secondary] = ctx.regions;
  const cluster = (await arcConfig(world, ctx.baseUrl, 'POST', '/cluster', { ClusterName: DEMO_ARC_NAMES.cluster })).Cluster;
  const panel = (await arcConfig(world, ctx.baseUrl, 'POST', '/controlpanel', { ClusterArn: cluster.ClusterArn, ControlPanelName: DEMO_ARC_NAMES.controlPanel })).ControlPanel;
  const routingControls: Record<string, string> = {};
  for (const region of [primary, secondary]) {
    const created = await arcConfig(world, ctx.baseUrl, 'POST', '/routingcontrol', {
      ClusterArn: cluster.ClusterArn,
      ControlPanelArn: panel.ControlPanelArn,
      RoutingControlName: DEMO_ARC_NAMES.routingControl(region),
    });
    routingControls[region] = created.RoutingControl.RoutingControlArn;
  }
  // Traffic starts on the primary: its control On, through the cluster's own data plane.
  const clusterApi = world.jsonService(ARC_CLUSTER_TARGET)!;
  const clusterId = String(cluster.ClusterArn).split('/').pop()!;
  await clusterApi.handle(
    'UpdateRoutingControlState',
    { RoutingControlArn: routingControls[primary], RoutingControlState: 'On' },
    { ...world.context(ARC_CONFIG_REGION), arcEndpoint: { clusterId, region: ARC_CONFIG_REGION } },
  );
  world.changed();
  const rule = await arcConfig(world, ctx.baseUrl, 'POST', '/safetyrule', {
    AssertionRule: {
      Name: DEMO_ARC_NAMES.safetyRule,
      ControlPanelArn: panel.ControlPanelArn,
      AssertedControls: [routingControls[primary], routingControls[secondary]],
      RuleConfig: { Type: 'ATLEAST', Threshold: 1, Inverted: false },
      WaitPeriodMs: DEMO_ARC_NAMES.waitPeriodMs,
    },
  });
  const described = (await arcConfig(world, ctx.baseUrl, 'GET', `/cluster/${cluster.ClusterArn}`)).Cluster;

  const hostedZoneId = await createZone(world, ctx.run);
  const targets: Record<string, string> = { [primary]: ctx.primaryTarget, [secondary]: `auth-${secondary}.example.net` };
  const records: Record<string, DemoRecord> = {};
  for (const [region, failover] of [
    [primary, 'PRIMARY'],
    [secondary, 'SECONDARY'],
  ] as const) {
    const healthCheckId = await createHealthCheck(
      world,
      `mrrctl-demo-arc-${region}-${ctx.run}`,
      `<Type>RECOVERY_CONTROL</Type><RoutingControlArn>${xmlEscape(routingControls[region])}</RoutingControlArn>`,
    );
    records[region] = { type: 'CNAME', value: targets[region], healthCheckId, failover };
  }
  const changes = Object.entries(records)
    .map(
      ([region, r]) =>
        `<Change><Action>CREATE</Action><ResourceRecordSet><Name>${RECORD_NAME}</Name><Type>CNAME</Type>` +
        `<SetIdentifier>${region}</SetIdentifier><Failover>${r.failover}</Failover><TTL>60</TTL>` +
        `<ResourceRecords><ResourceRecord><Value>${xmlEscape(r.value)}</Value></ResourceRecord></ResourceRecords>` +
        `<HealthCheckId>${r.healthCheckId}</HealthCheckId></ResourceRecordSet></Change>`,
    )
    .join('');
  await changeRecords(world, hostedZoneId, 'mrrctl sandbox demo: failover auth records on ARC routing controls', changes);

  const arc: DemoArc = {
    clusterArn: cluster.ClusterArn,
    controlPanelArn: panel.ControlPanelArn,
    endpoints: (described.ClusterEndpoints as Array<{ Endpoint: string; Region: string }>).map((e) => ({ region: e.Region, url: e.Endpoint })),
    routingControls,
    safetyRules: [{ name: DEMO_ARC_NAMES.safetyRule, arn: rule.AssertionRule.SafetyRuleArn }],
  };
  return { strategy: 'arc-routing-control', hostedZoneId, records, arc };
}
