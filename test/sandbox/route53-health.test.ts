/**
 * Route 53 health checks through the real SDK over HTTP: CallerReference idempotency, the
 * HealthCheckVersion optimistic lock, Inverted and Disabled, GetHealthCheckStatus following injected
 * outages, and TestDNSAnswer for weighted and failover records.
 */
import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  DeleteHealthCheckCommand,
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  Route53Client,
  TestDNSAnswerCommand,
  UpdateHealthCheckCommand,
  type HealthCheckConfig,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import type { Route53Model } from '../../src/sandbox/route53/model.js';
import { rejectionOf, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';

let sb: SandboxHandle;
let r53: Route53Client;

beforeEach(async () => {
  sb = await startTestSandbox();
  r53 = sandboxClient(Route53Client, sb, 'us-east-1');
});
afterEach(async () => {
  r53.destroy();
  await sb.stop();
});

/** A check on the Cognito endpoint of a Region, as the runbook sets up one per Region. */
const cognitoCheck = (region: string, extra: Partial<HealthCheckConfig> = {}): HealthCheckConfig => ({
  Type: 'HTTPS',
  FullyQualifiedDomainName: `cognito-idp.${region}.amazonaws.com`,
  ResourcePath: '/health',
  ...extra,
});

async function healthCheck(region: string, extra: Partial<HealthCheckConfig> = {}): Promise<string> {
  const created = await r53.send(new CreateHealthCheckCommand({ CallerReference: `hc-${region}-${Math.random()}`, HealthCheckConfig: cognitoCheck(region, extra) }));
  return created.HealthCheck!.Id!;
}

/** The check's own status, as DNS routing sees it (the sandbox's Route 53 model, in-process). */
function checkHealthy(id: string): boolean | undefined {
  return (sb.world.service('route53') as unknown as Route53Model).isHealthCheckHealthy(id, sb.world.context('us-east-1'));
}

async function statuses(id: string): Promise<string[]> {
  const status = await r53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
  return status.HealthCheckObservations!.map((o) => o.StatusReport!.Status!);
}

/** Outage of Cognito in a Region: the Route 53 API (us-east-1) stays reachable. */
function cognitoOutage(region: string): string {
  return sb.world.addFault({ region, service: 'cognito-idp', kind: 'outage' }).id;
}

describe('CreateHealthCheck, GetHealthCheck, ListHealthChecks', () => {
  it('creates version 1 with Route 53 defaults and a Location', async () => {
    const created = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'one', HealthCheckConfig: cognitoCheck('us-east-1') }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const id = created.HealthCheck!.Id!;
    expect(created.Location).toBe(`https://route53.amazonaws.com/2013-04-01/healthcheck/${id}`);
    expect(created.HealthCheck).toMatchObject({
      CallerReference: 'one',
      HealthCheckVersion: 1,
      HealthCheckConfig: { Type: 'HTTPS', Port: 443, RequestInterval: 30, FailureThreshold: 3, Inverted: false, Disabled: false, EnableSNI: true },
    });
    expect((await r53.send(new GetHealthCheckCommand({ HealthCheckId: id }))).HealthCheck).toEqual(created.HealthCheck);
    expect((await r53.send(new ListHealthChecksCommand({}))).HealthChecks?.map((h) => h.Id)).toEqual([id]);
  });

  it('is idempotent on CallerReference with the same settings, and refuses it with others', async () => {
    const first = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'same', HealthCheckConfig: cognitoCheck('us-east-1') }));
    const again = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'same', HealthCheckConfig: cognitoCheck('us-east-1') }));
    expect(again.HealthCheck?.Id).toBe(first.HealthCheck?.Id);
    const different = await rejectionOf(r53.send(new CreateHealthCheckCommand({ CallerReference: 'same', HealthCheckConfig: cognitoCheck('eu-west-1') })));
    expect(different.name).toBe('HealthCheckAlreadyExists');
    expect(different.$metadata.httpStatusCode).toBe(409);
    expect((await r53.send(new ListHealthChecksCommand({}))).HealthChecks).toHaveLength(1);
  });

  it('refuses incomplete configurations with InvalidInput', async () => {
    const noTarget = await rejectionOf(r53.send(new CreateHealthCheckCommand({ CallerReference: 'x', HealthCheckConfig: { Type: 'HTTPS' } })));
    expect(noTarget.name).toBe('InvalidInput');
    const badThreshold = await rejectionOf(r53.send(new CreateHealthCheckCommand({ CallerReference: 'y', HealthCheckConfig: cognitoCheck('us-east-1', { FailureThreshold: 11 }) })));
    expect(badThreshold.name).toBe('InvalidInput');
  });
});

describe('UpdateHealthCheck', () => {
  it('bumps the version, and refuses a stale HealthCheckVersion with HealthCheckVersionMismatch (409)', async () => {
    const id = await healthCheck('us-east-1');
    const updated = await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, Inverted: true, FailureThreshold: 1 }));
    expect(updated.HealthCheck).toMatchObject({ HealthCheckVersion: 2, HealthCheckConfig: { Inverted: true, FailureThreshold: 1, ResourcePath: '/health' } });
    const stale = await rejectionOf(r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, Inverted: false })));
    expect(stale.name).toBe('HealthCheckVersionMismatch');
    expect(stale.$metadata.httpStatusCode).toBe(409);
    const current = (await r53.send(new GetHealthCheckCommand({ HealthCheckId: id }))).HealthCheck!;
    expect(current).toMatchObject({ HealthCheckVersion: 2, HealthCheckConfig: { Inverted: true } });
  });

  it('resets elements and updates without a version', async () => {
    const id = await healthCheck('us-east-1');
    const updated = await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, ResetElements: ['ResourcePath'], Disabled: true }));
    expect(updated.HealthCheck?.HealthCheckConfig?.ResourcePath).toBeUndefined();
    expect(updated.HealthCheck).toMatchObject({ HealthCheckVersion: 2, HealthCheckConfig: { Disabled: true } });
    const missing = await rejectionOf(r53.send(new UpdateHealthCheckCommand({ HealthCheckId: '00000000-0000-0000-0000-000000000000', Inverted: true })));
    expect(missing.name).toBe('NoSuchHealthCheck');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });
});

describe('DeleteHealthCheck', () => {
  it('refuses a check still used by a record (HealthCheckInUse), then deletes it', async () => {
    const id = await healthCheck('us-east-1');
    const zone = (await r53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'z' }))).HostedZone!.Id!;
    const record: ResourceRecordSet = { Name: 'auth.example.com', Type: 'CNAME', SetIdentifier: 'east', Weight: 1, TTL: 60, ResourceRecords: [{ Value: 'east.example.net' }], HealthCheckId: id };
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: record }] } }));
    expect((await rejectionOf(r53.send(new DeleteHealthCheckCommand({ HealthCheckId: id })))).name).toBe('HealthCheckInUse');
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: record }] } }));
    await r53.send(new DeleteHealthCheckCommand({ HealthCheckId: id }));
    expect((await rejectionOf(r53.send(new GetHealthCheckCommand({ HealthCheckId: id })))).name).toBe('NoSuchHealthCheck');
  });
});

describe('GetHealthCheckStatus', () => {
  it('reports eight checker Regions, all Success while the watched Region is up', async () => {
    const id = await healthCheck('eu-west-1');
    const status = await r53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
    const observations = status.HealthCheckObservations!;
    expect(observations.map((o) => o.Region)).toEqual(['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1']);
    expect(observations.every((o) => o.StatusReport?.Status === 'Success: HTTP Status Code 200, OK')).toBe(true);
    expect(observations.every((o) => o.IPAddress && o.StatusReport?.CheckedTime instanceof Date)).toBe(true);
  });

  it('turns to Failure during an outage of the watched Region and back after it', async () => {
    const east = await healthCheck('us-east-1');
    const west = await healthCheck('eu-west-1');
    const fault = cognitoOutage('us-east-1');
    expect((await statuses(east)).every((s) => s.startsWith('Failure: Connection timed out'))).toBe(true);
    expect((await statuses(west)).every((s) => s.startsWith('Success:'))).toBe(true);
    sb.world.removeFault(fault);
    expect((await statuses(east)).every((s) => s.startsWith('Success:'))).toBe(true);
  });

  it('follows a Region-wide outage of a Region named in a custom host name', async () => {
    const created = await r53.send(
      new CreateHealthCheckCommand({ CallerReference: 'custom', HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'eu-west-1.auth.example.net' } }),
    );
    sb.world.addFault({ region: 'eu-west-1', kind: 'outage' });
    expect((await statuses(created.HealthCheck!.Id!)).every((s) => s.startsWith('Failure:'))).toBe(true);
  });

  it('reports the endpoint, not the check: Inverted and Disabled do not change the observations (aws-conformance G1)', async () => {
    const id = await healthCheck('us-east-1');
    await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: true }));
    // Inverted, the check itself is unhealthy (DNS and CloudWatch), but the checkers see a healthy endpoint.
    expect(await statuses(id)).toEqual(Array(8).fill('Success: HTTP Status Code 200, OK'));
    expect(checkHealthy(id)).toBe(false);
    cognitoOutage('us-east-1');
    expect((await statuses(id)).every((s) => s.startsWith('Failure: Connection timed out'))).toBe(true);
    expect(checkHealthy(id)).toBe(true);
    await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: false, Disabled: true }));
    expect((await statuses(id)).every((s) => s.startsWith('Failure:'))).toBe(true);
    expect(checkHealthy(id)).toBe(true);
  });

  it('refuses a CALCULATED check (read its CloudWatch metric instead)', async () => {
    const child = await healthCheck('us-east-1');
    const calc = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'calc', HealthCheckConfig: { Type: 'CALCULATED', ChildHealthChecks: [child], HealthThreshold: 1 } }));
    const err = await rejectionOf(r53.send(new GetHealthCheckStatusCommand({ HealthCheckId: calc.HealthCheck!.Id! })));
    expect(err.name).toBe('InvalidInput');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});

describe('UpdateHealthCheck by type', () => {
  it('refuses any update of a RECOVERY_CONTROL check, as Route 53 does (terraform-provider-aws #44247)', async () => {
    const arc = await r53.send(
      new CreateHealthCheckCommand({
        CallerReference: 'arc',
        HealthCheckConfig: { Type: 'RECOVERY_CONTROL', RoutingControlArn: 'arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/def' },
      }),
    );
    const id = arc.HealthCheck!.Id!;
    const err = await rejectionOf(r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: true })));
    expect(err.name).toBe('InvalidInput');
    expect(err.message).toBe('Invalid parameter : Update is not supported for this health check type.');
    expect((await r53.send(new GetHealthCheckCommand({ HealthCheckId: id }))).HealthCheck!.HealthCheckVersion).toBe(1);
  });
});

describe('TestDNSAnswer', () => {
  async function zoneWith(...recordSets: ResourceRecordSet[]): Promise<string> {
    const zone = (await r53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: `z-${Math.random()}` }))).HostedZone!.Id!;
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: recordSets.map((r) => ({ Action: 'CREATE', ResourceRecordSet: r })) } }));
    return zone;
  }
  const cname = (setId: string, value: string, extra: Partial<ResourceRecordSet>): ResourceRecordSet => ({
    Name: 'auth.example.com',
    Type: 'CNAME',
    SetIdentifier: setId,
    TTL: 60,
    ResourceRecords: [{ Value: value }],
    ...extra,
  });
  async function answer(zone: string): Promise<string[]> {
    const result = await r53.send(new TestDNSAnswerCommand({ HostedZoneId: zone, RecordName: 'auth.example.com', RecordType: 'CNAME' }));
    expect(result).toMatchObject({ ResponseCode: 'NOERROR', Protocol: 'UDP', RecordName: 'auth.example.com.', RecordType: 'CNAME' });
    return result.RecordData!;
  }

  it('answers the highest-weight healthy weighted record, and moves when its check fails', async () => {
    const eastCheck = await healthCheck('us-east-1');
    const westCheck = await healthCheck('eu-west-1');
    const zone = await zoneWith(
      cname('east', 'east.example.net', { Weight: 100, HealthCheckId: eastCheck }),
      cname('west', 'west.example.net', { Weight: 0, HealthCheckId: westCheck }),
    );
    expect(await answer(zone)).toEqual(['east.example.net']);
    const fault = cognitoOutage('us-east-1');
    expect(await answer(zone)).toEqual(['west.example.net']);
    // Every record unhealthy: Route 53 treats them all as healthy again.
    const westFault = cognitoOutage('eu-west-1');
    expect(await answer(zone)).toEqual(['east.example.net']);
    sb.world.removeFault(westFault);
    sb.world.removeFault(fault);
    await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: eastCheck, Inverted: true }));
    expect(await answer(zone)).toEqual(['west.example.net']);
  });

  it('answers failover records: primary while healthy, else a healthy secondary, else the primary', async () => {
    const primaryCheck = await healthCheck('us-east-1');
    const secondaryCheck = await healthCheck('eu-west-1');
    const zone = await zoneWith(
      cname('primary', 'primary.example.net', { Failover: 'PRIMARY', HealthCheckId: primaryCheck }),
      cname('secondary', 'secondary.example.net', { Failover: 'SECONDARY', HealthCheckId: secondaryCheck }),
    );
    expect(await answer(zone)).toEqual(['primary.example.net']);
    cognitoOutage('us-east-1');
    expect(await answer(zone)).toEqual(['secondary.example.net']);
    cognitoOutage('eu-west-1');
    expect(await answer(zone)).toEqual(['primary.example.net']);
  });

  it('answers NXDOMAIN for a name without records, and NoSuchHostedZone for an unknown zone', async () => {
    const zone = await zoneWith(cname('one', 'one.example.net', { Weight: 1 }));
    const missing = await r53.send(new TestDNSAnswerCommand({ HostedZoneId: zone, RecordName: 'nope.example.com', RecordType: 'A' }));
    expect(missing).toMatchObject({ ResponseCode: 'NXDOMAIN', RecordData: [] });
    const noZone = await rejectionOf(r53.send(new TestDNSAnswerCommand({ HostedZoneId: 'ZNOTHERE', RecordName: 'auth.example.com', RecordType: 'A' })));
    expect(noZone.name).toBe('NoSuchHostedZone');
  });
});
