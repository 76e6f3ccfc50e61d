/**
 * The SDK adapter for the HealthCheckStatus metric: one GetMetricData call for the Minimum and Maximum
 * series of a health check. Route 53 publishes its metrics in us-east-1 only, so the CloudWatch client
 * is always us-east-1's — a failover away from any other Region never calls that Region.
 */
import { GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { HealthMetricsReader, HealthStatusSeries, MetricPoint } from '../core/health/ports.js';
import type { AwsClients } from './clients.js';

function pointsOf(result: MetricDataResult | undefined): MetricPoint[] {
  const times = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  return times
    .map((t, i) => ({ time: new Date(t).getTime(), value: values[i] }))
    .filter((p): p is MetricPoint => Number.isFinite(p.time) && typeof p.value === 'number')
    .sort((a, b) => a.time - b.time);
}

export class SdkHealthMetricsReader implements HealthMetricsReader {
  constructor(private readonly clients: AwsClients) {}

  async healthCheckStatus(healthCheckId: string, range: { start: Date; end: Date; periodSeconds: number }): Promise<HealthStatusSeries> {
    const client = await this.clients.cloudwatch();
    const metric = { Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', Dimensions: [{ Name: 'HealthCheckId', Value: healthCheckId }] };
    const query = (id: string, stat: string) => ({ Id: id, MetricStat: { Metric: metric, Period: range.periodSeconds, Stat: stat }, ReturnData: true });
    const minimum: MetricDataResult[] = [];
    const maximum: MetricDataResult[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new GetMetricDataCommand({
          StartTime: range.start,
          EndTime: range.end,
          ScanBy: 'TimestampAscending',
          MetricDataQueries: [query('minimum', 'Minimum'), query('maximum', 'Maximum')],
          NextToken,
        }),
      );
      for (const r of page.MetricDataResults ?? []) (r.Id === 'minimum' ? minimum : maximum).push(r);
      NextToken = page.NextToken;
    } while (NextToken);
    return { minimum: minimum.flatMap(pointsOf).sort((a, b) => a.time - b.time), maximum: maximum.flatMap(pointsOf).sort((a, b) => a.time - b.time) };
  }
}
