/**
 * The sandbox's Amazon CloudWatch, reduced to what mrrctl reads: the Route 53 `HealthCheckStatus`
 * metric (namespace AWS/Route53, dimension HealthCheckId), computed from each health check's history
 * and the fault timeline rather than stored. The current SDK speaks awsJson1_0 with
 * `X-Amz-Target: GraniteServiceVersion20100801.<Operation>` and timestamps as epoch seconds.
 */
import { SandboxError, type CallContext, type JsonObject, type JsonService, type JsonValue, type Persistent } from '../types.js';
import type { Route53Model } from '../route53/model.js';
import { healthCheckStatusSeries, ROUTE53_METRIC_REGION } from './health-check-metric.js';
import { getMetricStatistics, timestampMs } from './metric-statistics.js';

export interface CloudWatchModelOptions {
  route53: Pick<Route53Model, 'healthTimeline' | 'healthCheckIds'>;
}

export class CloudWatchModel implements JsonService, Persistent {
  readonly kind = 'json' as const;
  readonly targetPrefix = 'GraniteServiceVersion20100801';
  readonly service = 'monitoring';
  readonly throttle = { code: 'Throttling', status: 400, message: 'Rate exceeded' };
  static readonly operations = ['GetMetricData', 'GetMetricStatistics', 'ListMetrics'];

  constructor(private readonly options: CloudWatchModelOptions) {}

  handle(operation: string, input: JsonObject, ctx: CallContext): JsonObject {
    switch (operation) {
      case 'GetMetricData':
        return this.getMetricData(input ?? {}, ctx);
      case 'GetMetricStatistics':
        return getMetricStatistics(input ?? {}, ctx, (stat, start, end) => this.datapoints(stat, start, end, ctx));
      case 'ListMetrics':
        return this.listMetrics(input ?? {}, ctx);
      default:
        throw new SandboxError('UnknownOperationException', `The operation ${operation} is not supported by this endpoint.`);
    }
  }

  private getMetricData(input: JsonObject, ctx: CallContext): JsonObject {
    const queries = input.MetricDataQueries;
    if (!Array.isArray(queries) || queries.length === 0) {
      throw new SandboxError('InvalidParameterValueException', 'The parameter MetricDataQueries is required and must not be empty.');
    }
    const start = timestampMs(input.StartTime, 'StartTime');
    const end = timestampMs(input.EndTime, 'EndTime');
    if (end <= start) throw new SandboxError('InvalidParameterValueException', 'The parameter StartTime must be less than the parameter EndTime.');
    const newestFirst = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
    const results = queries.map((query: JsonObject) => {
      if (typeof query?.Id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(query.Id)) {
        throw new SandboxError('InvalidParameterValueException', `The value ${String(query?.Id)} for parameter MetricDataQueries.member.Id is invalid: it must start with a lower-case letter.`);
      }
      if (query.Expression !== undefined || !query.MetricStat) {
        throw new SandboxError('InvalidParameterValueException', 'Metric math expressions are not modelled by the sandbox; use MetricStat.');
      }
      const points = this.datapoints(query.MetricStat as JsonObject, start, end, ctx);
      if (newestFirst) points.reverse();
      return {
        Id: query.Id,
        Label: typeof query.Label === 'string' ? query.Label : (query.MetricStat as JsonObject).Metric?.MetricName ?? query.Id,
        Timestamps: points.map((point) => point.time / 1000),
        Values: points.map((point) => point.value),
        StatusCode: 'Complete',
        Messages: [],
      };
    });
    return { MetricDataResults: results, Messages: [] };
  }

  /** One value per period; metrics the sandbox does not compute have no datapoints (as an unknown metric). */
  private datapoints(stat: JsonObject, start: number, end: number, ctx: CallContext): Array<{ time: number; value: number }> {
    const period = Number(stat.Period);
    if (!Number.isInteger(period) || period < 1 || (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 20, 30].includes(period))) {
      throw new SandboxError('InvalidParameterValueException', `The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60; got ${String(stat.Period)}.`);
    }
    const statistic = String(stat.Stat ?? '');
    const metric = (stat.Metric ?? {}) as JsonObject;
    const dimensions = Array.isArray(metric.Dimensions) ? (metric.Dimensions as JsonObject[]) : [];
    const healthCheckId = dimensions.length === 1 && dimensions[0]?.Name === 'HealthCheckId' ? String(dimensions[0].Value) : undefined;
    // Route 53 publishes its metrics in us-east-1 only.
    if (ctx.region !== ROUTE53_METRIC_REGION || metric.Namespace !== 'AWS/Route53' || metric.MetricName !== 'HealthCheckStatus' || !healthCheckId) {
      return [];
    }
    return healthCheckStatusSeries(this.options.route53, ctx, { healthCheckId, statistic, periodMs: period * 1000, start, end });
  }

  private listMetrics(input: JsonObject, ctx: CallContext): JsonObject {
    const wanted = (input.Namespace === undefined || input.Namespace === 'AWS/Route53') && (input.MetricName === undefined || input.MetricName === 'HealthCheckStatus');
    const ids = ctx.region === ROUTE53_METRIC_REGION && wanted ? this.options.route53.healthCheckIds() : [];
    const filters = Array.isArray(input.Dimensions) ? (input.Dimensions as JsonObject[]) : [];
    const metrics = ids
      .filter((id) => filters.every((filter) => filter.Name === 'HealthCheckId' && (filter.Value === undefined || filter.Value === id)))
      .map((id) => ({ Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', Dimensions: [{ Name: 'HealthCheckId', Value: id }] }));
    return { Metrics: metrics };
  }

  /** The metric is derived from Route 53's state and the fault timeline: nothing of its own to save. */
  snapshot(): JsonValue {
    return {};
  }

  restore(): void {}
}
