/**
 * The read port for the CloudWatch `AWS/Route53 HealthCheckStatus` metric (1 healthy, 0 unhealthy),
 * published in us-east-1 whatever Region the checked endpoint is in. Plain data; the SDK adapter is
 * src/aws/metrics-reader.ts.
 */

export interface MetricPoint {
  /** Epoch ms of the start of the period. */
  time: number;
  value: number;
}

export interface HealthStatusSeries {
  /** Minimum per period: 1 = healthy throughout the period. */
  minimum: MetricPoint[];
  /** Maximum per period: 0 = unhealthy throughout the period. */
  maximum: MetricPoint[];
}

export interface HealthMetricsReader {
  /** Oldest first; empty arrays when CloudWatch has no data for the check in [start, end). */
  healthCheckStatus(healthCheckId: string, range: { start: Date; end: Date; periodSeconds: number }): Promise<HealthStatusSeries>;
}
