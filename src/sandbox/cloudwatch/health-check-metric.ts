/**
 * The AWS/Route53 HealthCheckStatus metric: 1 while a health check is healthy, 0 while it is not.
 * Each period aggregates the check's health timeline over the part of the period that has data
 * (after the check was created and before now): Minimum is 0 if the check was unhealthy at any
 * moment of it, Maximum is 1 if it was healthy at any moment, Average is the healthy share of time.
 */
import type { CallContext } from '../types.js';
import type { HealthSegment } from '../route53/model.js';

/** Route 53 publishes its CloudWatch metrics in US East (N. Virginia) only. */
export const ROUTE53_METRIC_REGION = 'us-east-1';

export const SUPPORTED_STATISTICS = ['Minimum', 'Maximum', 'Average'];

export interface HealthTimelineSource {
  healthTimeline(healthCheckId: string, from: number, to: number, ctx: CallContext): HealthSegment[] | undefined;
}

export interface SeriesRequest {
  healthCheckId: string;
  statistic: string;
  periodMs: number;
  /** Epoch ms. */
  start: number;
  end: number;
}

function aggregate(statistic: string, overlaps: Array<{ healthy: boolean; ms: number }>): number {
  if (statistic === 'Minimum') return overlaps.every((part) => part.healthy) ? 1 : 0;
  if (statistic === 'Maximum') return overlaps.some((part) => part.healthy) ? 1 : 0;
  const total = overlaps.reduce((sum, part) => sum + part.ms, 0);
  return overlaps.reduce((sum, part) => sum + (part.healthy ? part.ms : 0), 0) / total;
}

/**
 * Datapoints oldest first. Periods start at StartTime rounded down to the minute, as CloudWatch
 * aligns recent data. Statistics other than Minimum, Maximum and Average have no datapoints.
 */
export function healthCheckStatusSeries(
  route53: HealthTimelineSource,
  ctx: CallContext,
  request: SeriesRequest,
): Array<{ time: number; value: number }> {
  if (!SUPPORTED_STATISTICS.includes(request.statistic)) return [];
  const first = Math.floor(request.start / 60_000) * 60_000;
  const dataEnd = Math.min(request.end, ctx.now);
  if (dataEnd <= first) return [];
  const timeline = route53.healthTimeline(request.healthCheckId, first, dataEnd, ctx);
  if (!timeline) return [];
  const points: Array<{ time: number; value: number }> = [];
  for (let periodStart = first; periodStart < dataEnd; periodStart += request.periodMs) {
    const periodEnd = Math.min(periodStart + request.periodMs, dataEnd);
    const overlaps = timeline
      .map((segment) => ({ healthy: segment.healthy, ms: Math.min(segment.to, periodEnd) - Math.max(segment.from, periodStart) }))
      .filter((part) => part.ms > 0);
    if (overlaps.length > 0) points.push({ time: periodStart, value: aggregate(request.statistic, overlaps) });
  }
  return points;
}
