/**
 * GetMetricStatistics, the older single-metric read: the same datapoints as GetMetricData's
 * MetricStat, one Datapoint per period carrying each requested statistic. Statistics the sandbox
 * computes for HealthCheckStatus: Minimum, Maximum, Average; SampleCount and Sum are left out of the
 * datapoints (the sandbox has no per-checker samples), as CloudWatch leaves out what it has no data for.
 */
import { SandboxError, type CallContext, type JsonObject } from '../types.js';

const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
/** CloudWatch refuses a request for more datapoints than this. */
const MAX_DATAPOINTS = 1440;

type Series = (stat: JsonObject, start: number, end: number) => Array<{ time: number; value: number }>;

function invalid(message: string): SandboxError {
  return new SandboxError('InvalidParameterValueException', message);
}

export function getMetricStatistics(input: JsonObject, _ctx: CallContext, series: Series): JsonObject {
  for (const name of ['Namespace', 'MetricName', 'StartTime', 'EndTime', 'Period']) {
    if (input[name] === undefined || input[name] === null || input[name] === '') {
      throw new SandboxError('MissingRequiredParameterException', `The parameter ${name} is required.`);
    }
  }
  const statistics: string[] = Array.isArray(input.Statistics) ? input.Statistics : [];
  const extended = Array.isArray(input.ExtendedStatistics) ? input.ExtendedStatistics : [];
  if (statistics.length === 0 && extended.length === 0) {
    throw new SandboxError('InvalidParameterCombinationException', 'Must specify either Statistics or ExtendedStatistics.');
  }
  const bad = statistics.find((s) => !STATISTICS.includes(s));
  if (bad !== undefined) throw invalid(`The parameter Statistics contains ${String(bad)}; valid values: ${STATISTICS.join(', ')}.`);
  const start = timestampMs(input.StartTime, 'StartTime');
  const end = timestampMs(input.EndTime, 'EndTime');
  if (end <= start) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const period = Number(input.Period);
  if (Number.isInteger(period) && period > 0 && Math.ceil((end - start) / (period * 1000)) > MAX_DATAPOINTS) {
    throw new SandboxError(
      'InvalidParameterCombinationException',
      `You have requested up to ${Math.ceil((end - start) / (period * 1000))} datapoints, which exceeds the limit of ${MAX_DATAPOINTS}.`,
    );
  }
  const metric = { Namespace: input.Namespace, MetricName: input.MetricName, Dimensions: input.Dimensions ?? [] };
  // One series per computed statistic, merged by timestamp (Period is validated by the series).
  const computed = statistics.filter((s) => s === 'Minimum' || s === 'Maximum' || s === 'Average');
  const byTime = new Map<number, JsonObject>();
  const first = series({ Metric: metric, Period: input.Period, Stat: 'Minimum' }, start, end);
  for (const point of first) byTime.set(point.time, { Timestamp: point.time / 1000, Unit: 'None' });
  for (const statistic of computed) {
    for (const point of series({ Metric: metric, Period: input.Period, Stat: statistic }, start, end)) {
      byTime.get(point.time)![statistic] = point.value;
    }
  }
  return { Label: String(input.MetricName), Datapoints: [...byTime.values()] };
}

export function timestampMs(value: unknown, name: string): number {
  // awsJson1_0 sends timestamps as epoch seconds (possibly fractional).
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  if (!Number.isFinite(seconds)) throw new SandboxError('InvalidParameterValueException', `The parameter ${name} is required.`);
  return seconds * 1000;
}
