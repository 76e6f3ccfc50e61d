/**
 * CloudWatch GetMetricData for AWS/Route53 HealthCheckStatus through the real
 * @aws-sdk/client-cloudwatch (awsJson1_0) over HTTP: the metric's history follows an injected outage
 * and the health check's own edits, period by period, on a hand-driven clock.
 */
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CreateHealthCheckCommand, Route53Client, UpdateHealthCheckCommand } from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { rejectionOf, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
let sb: SandboxHandle;
let now: number;
let r53: Route53Client;
let cw: CloudWatchClient;

beforeEach(async () => {
  now = T0;
  sb = await startTestSandbox({}, { clock: { now: () => now } });
  r53 = sandboxClient(Route53Client, sb, 'us-east-1');
  cw = sandboxClient(CloudWatchClient, sb, 'us-east-1');
});
afterEach(async () => {
  r53.destroy();
  cw.destroy();
  await sb.stop();
});

async function healthCheck(region = 'us-east-1'): Promise<string> {
  const created = await r53.send(
    new CreateHealthCheckCommand({ CallerReference: `hc-${now}`, HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: `cognito-idp.${region}.amazonaws.com` } }),
  );
  return created.HealthCheck!.Id!;
}

const statusQuery = (id: string, stat: string, period = 60, queryId = 'status'): MetricDataQuery => ({
  Id: queryId,
  MetricStat: { Metric: { Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', Dimensions: [{ Name: 'HealthCheckId', Value: id }] }, Period: period, Stat: stat },
});

async function series(client: CloudWatchClient, queries: MetricDataQuery[], from: number, to: number, ascending = true) {
  const out = await client.send(
    new GetMetricDataCommand({ StartTime: new Date(from), EndTime: new Date(to), MetricDataQueries: queries, ScanBy: ascending ? 'TimestampAscending' : undefined }),
  );
  return out.MetricDataResults!.map((r) => ({ id: r.Id, times: r.Timestamps!.map((t) => (t.getTime() - T0) / MINUTE), values: r.Values!, status: r.StatusCode }));
}

/** Outage of Cognito in us-east-1 from minute 5 to 8.5, then the clock stops at minute 12. */
async function outageHistory(): Promise<string> {
  const id = await healthCheck();
  now = T0 + 5 * MINUTE;
  const fault = sb.world.addFault({ region: 'us-east-1', service: 'cognito-idp', kind: 'outage' });
  now = T0 + 8.5 * MINUTE;
  sb.world.removeFault(fault.id);
  now = T0 + 12 * MINUTE;
  return id;
}

describe('GetMetricData HealthCheckStatus', () => {
  it('shows the outage minute by minute: Minimum 0 if ever unhealthy, Maximum 1 if ever healthy, Average the share', async () => {
    const id = await outageHistory();
    const [min, max, avg] = await series(cw, [statusQuery(id, 'Minimum', 60, 'min'), statusQuery(id, 'Maximum', 60, 'max'), statusQuery(id, 'Average', 60, 'avg')], T0, now);
    expect(min.times).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(min.values).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1]);
    expect(max.values).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1]);
    expect(avg.values).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0.5, 1, 1, 1]);
    expect(min.status).toBe('Complete');
  });

  it('aggregates longer periods and answers newest first by default', async () => {
    const id = await outageHistory();
    const [fiveMinutes] = await series(cw, [statusQuery(id, 'Minimum', 300)], T0, now, false);
    expect(fiveMinutes.times).toEqual([10, 5, 0]);
    expect(fiveMinutes.values).toEqual([1, 0, 1]);
  });

  it('has no datapoints before the check existed or after now', async () => {
    now = T0 + 3 * MINUTE;
    const id = await healthCheck();
    now = T0 + 6 * MINUTE;
    const [points] = await series(cw, [statusQuery(id, 'Minimum')], T0, T0 + 60 * MINUTE);
    expect(points.times).toEqual([3, 4, 5]);
  });

  it('follows the check’s own history: Inverted from the moment it was set', async () => {
    const id = await healthCheck();
    now = T0 + 4 * MINUTE;
    await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: true }));
    now = T0 + 6 * MINUTE;
    await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: false, Disabled: true }));
    now = T0 + 8 * MINUTE;
    const [points] = await series(cw, [statusQuery(id, 'Minimum')], T0, now);
    expect(points.values).toEqual([1, 1, 1, 1, 0, 0, 1, 1]);
  });

  it('returns empty values for other metrics, unknown checks, and outside us-east-1', async () => {
    const id = await outageHistory();
    const other: MetricDataQuery = { Id: 'cpu', MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' }, Period: 60, Stat: 'Average' } };
    const results = await series(cw, [other, statusQuery('00000000-0000-0000-0000-000000000000', 'Minimum', 60, 'unknown')], T0, now);
    expect(results.map((r) => r.values)).toEqual([[], []]);
    const west = sandboxClient(CloudWatchClient, sb, 'eu-west-1');
    const [fromWest] = await series(west, [statusQuery(id, 'Minimum')], T0, now);
    expect(fromWest.values).toEqual([]);
    west.destroy();
  });

  it('refuses a bad Period and metric math with InvalidParameterValueException', async () => {
    const id = await healthCheck();
    now += 5 * MINUTE;
    expect((await rejectionOf(series(cw, [statusQuery(id, 'Minimum', 45)], T0, now))).name).toBe('InvalidParameterValueException');
    expect((await rejectionOf(series(cw, [{ Id: 'm', Expression: 'SUM(METRICS())' }], T0, now))).name).toBe('InvalidParameterValueException');
  });

  it('throttles with CloudWatch own error (Throttling, 400)', async () => {
    const id = await healthCheck();
    sb.world.addFault({ service: 'monitoring', kind: 'throttle' });
    const err = await rejectionOf(series(cw, [statusQuery(id, 'Minimum')], T0, now + MINUTE));
    expect(err.name).toBe('Throttling');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});

describe('ListMetrics', () => {
  it('lists the HealthCheckStatus metric of each health check in us-east-1', async () => {
    const id = await healthCheck();
    const listed = await cw.send(new ListMetricsCommand({ Namespace: 'AWS/Route53' }));
    expect(listed.Metrics).toEqual([{ Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', Dimensions: [{ Name: 'HealthCheckId', Value: id }] }]);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'AWS/EC2' }))).Metrics).toEqual([]);
  });
});
