/**
 * Route 53's side of ARC: RECOVERY_CONTROL health checks follow their routing control (On = healthy),
 * failover and weighted records carrying them answer accordingly (TestDNSAnswer), and the custom
 * domain's token endpoint is served by the Region its routing control selects — also while us-east-1,
 * Route 53's control plane included, is down: the routing controls change through the ARC data plane.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  CreateUserPoolReplicaCommand,
  CreateResourceServerCommand,
  UpdateUserPoolReplicaCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient } from '@aws-sdk/client-kms';
import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  GetHealthCheckStatusCommand,
  Route53Client,
  TestDNSAnswerCommand,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { ListAssociatedRoute53HealthChecksCommand } from '@aws-sdk/client-route53-recovery-control-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { toSandboxUrl } from '../../src/sandbox/url-map.js';
import { manualSandboxClock, rejectionOf, sandboxAdmin, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { buildArcWorld, endpointClient, type ArcWorld } from './arc-fixtures.js';
import { multiRegionKey } from './kms-fixtures.js';

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';
const CUSTOM = 'auth.example.com';
const clock = manualSandboxClock();
let sb: SandboxHandle;
let arc: ArcWorld;
let zoneId: string;
const checks: Record<string, string> = {};
let client: { id: string; secret: string };
const route53 = () => sandboxClient(Route53Client, sb, PRIMARY);

async function swap(on: string, off: string, via = SECONDARY) {
  const endpoint = endpointClient(arc.endpoints.find((e) => e.Region === via)!);
  await endpoint.send(
    new UpdateRoutingControlStatesCommand({
      UpdateRoutingControlStateEntries: [
        { RoutingControlArn: on, RoutingControlState: 'On' },
        { RoutingControlArn: off, RoutingControlState: 'Off' },
      ],
    }),
  );
  endpoint.destroy();
}

async function answer(name: string): Promise<string[] | undefined> {
  return (await route53().send(new TestDNSAnswerCommand({ HostedZoneId: zoneId, RecordName: name, RecordType: 'CNAME' }))).RecordData;
}

/** Route 53's data plane, asked in-process: no call, so no fault applies (it is global). */
async function dataPlaneAnswer(name: string): Promise<string> {
  const query = new URLSearchParams({ hostedzoneid: zoneId, recordname: name, recordtype: 'CNAME' });
  const { response } = await sb.world.invokeRest({ method: 'GET', path: '/2013-04-01/testdnsanswer', query, headers: {}, body: '' }, PRIMARY);
  return /<RecordData>\s*<RecordDataEntry>([^<]+)<\/RecordDataEntry>/.exec(response.body ?? '')?.[1] ?? '';
}

async function tokenRegion(): Promise<string | null> {
  const basic = Buffer.from(`${client.id}:${client.secret}`).toString('base64');
  const response = await fetch(toSandboxUrl(`https://${CUSTOM}/oauth2/token`, sb.url), {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(response.status).toBe(200);
  return response.headers.get('x-sandbox-region');
}

beforeAll(async () => {
  sb = await startTestSandbox({ replicaDelayMs: 1000 }, { clock });
  arc = await buildArcWorld(sb);
  for (const [region, arn] of [[PRIMARY, arc.east], [SECONDARY, arc.west]] as const) {
    checks[region] = (
      await route53().send(new CreateHealthCheckCommand({ CallerReference: `arc-${region}`, HealthCheckConfig: { Type: 'RECOVERY_CONTROL', RoutingControlArn: arn } }))
    ).HealthCheck!.Id!;
  }
  zoneId = (await route53().send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'zone' }))).HostedZone!.Id!.replace('/hostedzone/', '');
  const record = (name: string, region: string, extra: Record<string, unknown>) => ({
    Action: 'CREATE' as const,
    ResourceRecordSet: { Name: name, Type: 'CNAME' as const, SetIdentifier: region, TTL: 60, ResourceRecords: [{ Value: `auth-${region}.example.net` }], HealthCheckId: checks[region], ...extra },
  });
  await route53().send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          record('failover.example.com', PRIMARY, { Failover: 'PRIMARY' }),
          record('failover.example.com', SECONDARY, { Failover: 'SECONDARY' }),
          record('weighted.example.com', PRIMARY, { Weight: 1 }),
          record('weighted.example.com', SECONDARY, { Weight: 1 }),
        ],
      },
    }),
  );

  // A pool with a replica and a custom domain whose failover follows the primary's routing control check.
  const idp = sandboxClient(CognitoIdentityProviderClient, sb, PRIMARY);
  const key = await multiRegionKey(sandboxClient(KMSClient, sb, PRIMARY), [SECONDARY], { clock, ms: 1000 });
  const id = (await idp.send(new CreateUserPoolCommand({ PoolName: 'arc', KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.Arn } }))).UserPool!.Id!;
  await idp.send(new CreateResourceServerCommand({ UserPoolId: id, Identifier: 'api', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
  const created = (
    await idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'm2m', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'], AllowedOAuthFlowsUserPoolClient: true }),
    )
  ).UserPoolClient!;
  client = { id: created.ClientId!, secret: created.ClientSecret! };
  await idp.send(new CreateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY }));
  clock.advance(1000);
  // The runbook activates the replica before traffic may reach it.
  await sandboxClient(CognitoIdentityProviderClient, sb, SECONDARY).send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'ACTIVE' }));
  await idp.send(
    new CreateUserPoolDomainCommand({
      UserPoolId: id,
      Domain: CUSTOM,
      CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
      Routing: { Failover: { SecondaryRegion: SECONDARY, PrimaryRoute53HealthCheckId: checks[PRIMARY] } },
    }),
  );
});
afterAll(() => sb.stop());

describe('RECOVERY_CONTROL health checks', () => {
  it('report their routing control: new controls are Off, so the checks are unhealthy', async () => {
    const status = await route53().send(new GetHealthCheckStatusCommand({ HealthCheckId: checks[PRIMARY] }));
    expect(status.HealthCheckObservations?.[0].StatusReport?.Status).toBe('Failure: Routing control state is Off');
  });

  it('follow their control; records carrying them answer by it; the custom domain is served where the control is On', async () => {
    await swap(arc.east, arc.west);
    const status = await route53().send(new GetHealthCheckStatusCommand({ HealthCheckId: checks[PRIMARY] }));
    expect(status.HealthCheckObservations?.[0].StatusReport?.Status).toBe('Success: Routing control state is On');
    expect(await answer('failover.example.com')).toEqual(['auth-us-east-1.example.net']);
    expect(await answer('weighted.example.com')).toEqual(['auth-us-east-1.example.net']);
    expect(await tokenRegion()).toBe(PRIMARY);

    await swap(arc.west, arc.east, 'us-west-2');
    expect(await answer('failover.example.com')).toEqual(['auth-eu-west-1.example.net']);
    expect(await answer('weighted.example.com')).toEqual(['auth-eu-west-1.example.net']);
    expect(await tokenRegion()).toBe(SECONDARY);
    await swap(arc.east, arc.west);
  });

  it("give the CloudWatch HealthCheckStatus timeline their control's history", async () => {
    const model = sb.world.service('route53') as unknown as { healthTimeline(id: string, from: number, to: number, ctx: unknown): Array<{ healthy: boolean }> };
    const from = clock.now();
    clock.advance(60_000);
    await swap(arc.west, arc.east);
    clock.advance(60_000);
    await swap(arc.east, arc.west);
    clock.advance(60_000);
    const timeline = model.healthTimeline(checks[PRIMARY], from, clock.now(), sb.world.context(PRIMARY));
    expect(timeline.map((s) => s.healthy)).toEqual([true, false, true]);
  });

  it('cannot be updated (they follow their routing control)', async () => {
    const refused = await rejectionOf(route53().send(new UpdateHealthCheckCommand({ HealthCheckId: checks[PRIMARY], Inverted: true })));
    expect(refused.name).toBe('InvalidInput');
  });

  it('are listed by the control-config API for their routing control', async () => {
    const listed = await arc.config.send(new ListAssociatedRoute53HealthChecksCommand({ RoutingControlArn: arc.west }));
    expect(listed.HealthCheckIds).toEqual([checks[SECONDARY]]);
  });
});

describe('a us-east-1 outage (Route 53 control plane included)', () => {
  it('does not stop DNS answers and the custom domain from following a failover made through the ARC data plane', async () => {
    await sandboxAdmin(sb, 'POST', 'faults', { region: PRIMARY, kind: 'outage' });
    // The control plane is down…
    await expect(answer('failover.example.com')).rejects.toThrow();
    // …but a failover through the eu-west-1 endpoint moves the answers.
    await swap(arc.west, arc.east, SECONDARY);
    expect(await dataPlaneAnswer('failover.example.com')).toBe('auth-eu-west-1.example.net');
    expect(await tokenRegion()).toBe(SECONDARY);
    await sandboxAdmin(sb, 'DELETE', 'faults');
    expect(await answer('failover.example.com')).toEqual(['auth-eu-west-1.example.net']);
  });
});
