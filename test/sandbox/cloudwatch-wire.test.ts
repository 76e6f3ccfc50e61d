/**
 * CloudWatch over the wire with the real @aws-sdk/client-cloudwatch: GetMetricStatistics over
 * awsJson1_0, and the protocols the sandbox does not serve (the same client configured for awsQuery
 * and for Smithy RPC v2 CBOR) answered with an error each protocol's deserializer parses.
 */
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateHealthCheckCommand, Route53Client } from '@aws-sdk/client-route-53';
import { AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { awsClientConfig, rejectionOf, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
let sb: SandboxHandle;
let now: number;

beforeEach(async () => {
  now = T0;
  sb = await startTestSandbox({}, { clock: { now: () => now } });
});
afterEach(() => sb.stop());

async function healthCheckWithOutage(): Promise<string> {
  const r53 = sandboxClient(Route53Client, sb, 'us-east-1');
  const id = (
    await r53.send(new CreateHealthCheckCommand({ CallerReference: 'hc', HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'cognito-idp.us-east-1.amazonaws.com' } }))
  ).HealthCheck!.Id!;
  r53.destroy();
  now = T0 + 2 * MINUTE;
  const fault = sb.world.addFault({ region: 'us-east-1', service: 'cognito-idp', kind: 'outage' });
  now = T0 + 3.5 * MINUTE;
  sb.world.removeFault(fault.id);
  now = T0 + 5 * MINUTE;
  return id;
}

describe('GetMetricStatistics (awsJson1_0)', () => {
  it('answers one datapoint per period with each requested statistic', async () => {
    const id = await healthCheckWithOutage();
    const cw = sandboxClient(CloudWatchClient, sb, 'us-east-1');
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Route53',
        MetricName: 'HealthCheckStatus',
        Dimensions: [{ Name: 'HealthCheckId', Value: id }],
        StartTime: new Date(T0),
        EndTime: new Date(now),
        Period: 60,
        Statistics: ['Minimum', 'Average'],
      }),
    );
    expect(out.Label).toBe('HealthCheckStatus');
    const points = out.Datapoints!.map((d) => ({ minute: (d.Timestamp!.getTime() - T0) / MINUTE, min: d.Minimum, avg: d.Average, max: d.Maximum }));
    expect(points).toEqual([
      { minute: 0, min: 1, avg: 1, max: undefined },
      { minute: 1, min: 1, avg: 1, max: undefined },
      { minute: 2, min: 0, avg: 0, max: undefined },
      { minute: 3, min: 0, avg: 0.5, max: undefined },
      { minute: 4, min: 1, avg: 1, max: undefined },
    ]);
    cw.destroy();
  });

  it('refuses what CloudWatch refuses: no statistic, too many datapoints, a missing parameter', async () => {
    const cw = sandboxClient(CloudWatchClient, sb, 'us-east-1');
    const base = { Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', StartTime: new Date(T0), EndTime: new Date(T0 + 60 * MINUTE), Period: 60 };
    expect((await rejectionOf(cw.send(new GetMetricStatisticsCommand(base)))).name).toBe('InvalidParameterCombinationException');
    const tooMany = await rejectionOf(cw.send(new GetMetricStatisticsCommand({ ...base, Period: 1, Statistics: ['Minimum'] })));
    expect(tooMany.name).toBe('InvalidParameterCombinationException');
    expect(tooMany.message).toBe('You have requested up to 3600 datapoints, which exceeds the limit of 1440.');
    const missing = await rejectionOf(cw.send(new GetMetricStatisticsCommand({ ...base, Namespace: undefined, Statistics: ['Minimum'] } as never)));
    expect(missing.name).toBe('MissingRequiredParameterException');
    cw.destroy();
  });
});

describe('protocols the sandbox does not serve', () => {
  const config = (protocol: unknown) => ({ ...awsClientConfig(sb, 'us-east-1'), protocol }) as never;

  it('answers an awsQuery client with an XML ErrorResponse it parses (InvalidAction, naming what is served)', async () => {
    const cw = new CloudWatchClient(config(AwsQueryProtocol));
    const err = await rejectionOf(cw.send(new ListMetricsCommand({})));
    expect(err.name).toBe('InvalidAction');
    expect(err.message).toBe(
      'The sandbox does not serve awsQuery (form-encoded Action=…) requests (ListMetrics); it serves this service over awsJson1_0 ' +
        '(X-Amz-Target: GraniteServiceVersion20100801.<Operation>), as @aws-sdk/client-cloudwatch 3.x sends by default.',
    );
    expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);
    const logged = sb.calls().at(-1)!;
    expect(logged).toMatchObject({ service: 'monitoring', operation: 'ListMetrics', status: 400, error: 'InvalidAction', region: 'us-east-1' });
    cw.destroy();
  });

  it('answers an RPC v2 CBOR client with a CBOR error it parses (UnknownOperationException)', async () => {
    const cw = new CloudWatchClient(config(AwsSmithyRpcV2CborProtocol));
    const err = await rejectionOf(cw.send(new ListMetricsCommand({})));
    expect(err.name).toBe('UnknownOperationException');
    expect(err.message).toContain('The sandbox does not serve Smithy RPC v2 CBOR requests (ListMetrics)');
    expect(sb.calls().at(-1)).toMatchObject({ service: 'monitoring', operation: 'ListMetrics', status: 400, error: 'UnknownOperationException' });
    cw.destroy();
  });

  it('keeps throttling faults in the client’s protocol', async () => {
    sb.world.addFault({ service: 'monitoring', kind: 'throttle' });
    const cw = new CloudWatchClient(config(AwsQueryProtocol));
    expect((await rejectionOf(cw.send(new ListMetricsCommand({})))).name).toBe('Throttling');
    cw.destroy();
  });
});
