/**
 * Reading a check by its Type: endpoint checks from the checkers' observations (Inverted applied by
 * the client), CALCULATED and other endpoint-less checks from the CloudWatch metric — never from
 * GetHealthCheckStatus, which Route 53 refuses for CALCULATED checks (aws-conformance G1).
 */
import { describe, expect, it } from 'vitest';
import { readHealthCheck } from '../../../src/core/health/status.js';
import type { HealthMetricsReader } from '../../../src/core/health/ports.js';
import type { HealthCheck, Route53Reader } from '../../../src/core/ports/route53.js';

const M = 60_000;
function route53(check: HealthCheck | undefined, ok = 8): { reader: Route53Reader; statusCalls: string[] } {
  const statusCalls: string[] = [];
  const reader = {
    getHealthCheck: async () => check,
    getHealthCheckStatus: async (id: string) => {
      statusCalls.push(id);
      return Array.from({ length: 8 }, (_, i) => ({ status: i < ok ? 'Success: HTTP Status Code 200, OK' : 'Failure: Connection timed out.' }));
    },
  } as unknown as Route53Reader;
  return { reader, statusCalls };
}
const metrics = (min: number, max: number): HealthMetricsReader => ({
  healthCheckStatus: async () => ({ minimum: [{ time: 8 * M, value: 1 }, { time: 9 * M, value: min }], maximum: [{ time: 8 * M, value: 1 }, { time: 9 * M, value: max }] }),
});

describe('readHealthCheck', () => {
  it('an inverted HTTPS check on a healthy endpoint is unhealthy, from the checkers', async () => {
    const r = route53({ Id: 'hc', HealthCheckVersion: 3, HealthCheckConfig: { Type: 'HTTPS', Inverted: true } });
    expect(await readHealthCheck({ route53: r.reader }, 'hc')).toMatchObject({ source: 'checkers', endpointHealthy: true, healthy: false, healthyCheckers: 8 });
  });

  it('a CALCULATED check: never GetHealthCheckStatus; CloudWatch when given, else says where its status lives', async () => {
    const r = route53({ Id: 'calc', HealthCheckVersion: 1, HealthCheckConfig: { Type: 'CALCULATED', Inverted: true } });
    const read = await readHealthCheck({ route53: r.reader, metrics: { reader: metrics(0, 0), now: () => 10 * M } }, 'calc');
    expect(read).toMatchObject({ source: 'cloudwatch', healthy: false, inverted: true, type: 'CALCULATED' });
    expect(read.endpointHealthy).toBeUndefined();
    const changing = await readHealthCheck({ route53: r.reader, metrics: { reader: metrics(0, 1), now: () => 10 * M } }, 'calc');
    expect(changing.healthy).toBeUndefined();
    expect(changing.error).toBe('health check calc changed status within the last minute (CloudWatch HealthCheckStatus Minimum 0, Maximum 1)');
    const without = await readHealthCheck({ route53: r.reader }, 'calc');
    expect(without.healthy).toBeUndefined();
    expect(without.error).toContain('its status is the CloudWatch HealthCheckStatus metric');
    expect(r.statusCalls).toEqual([]);
  });

  it('an unknown check reads as "does not exist"', async () => {
    expect((await readHealthCheck({ route53: route53(undefined).reader }, 'gone')).error).toBe('health check gone does not exist');
  });
});

describe('readHealthCheck with statusAlongside (the failover: both reads in one round trip)', () => {
  const refused = (name: string) => Object.assign(new Error(`${name} from the stub`), { name });

  it('a CALCULATED check: the status sent alongside is refused and unused; the verdict is CloudWatch', async () => {
    const reader = {
      getHealthCheck: async () => ({ Id: 'calc', HealthCheckVersion: 1, HealthCheckConfig: { Type: 'CALCULATED' } }),
      getHealthCheckStatus: () => Promise.reject(refused('InvalidInput')),
    } as unknown as Route53Reader;
    const read = await readHealthCheck({ route53: reader, metrics: { reader: metrics(1, 1), now: () => 10 * M } }, 'calc', undefined, { statusAlongside: true });
    expect(read).toMatchObject({ source: 'cloudwatch', healthy: true, type: 'CALCULATED' });
    expect(read.error).toBeUndefined();
  });

  it("a GetHealthCheck that fails is the reading's error, not the status's (which failed first)", async () => {
    const reader = {
      getHealthCheck: () => new Promise((_, reject) => setTimeout(() => reject(refused('Throttling')), 5)),
      getHealthCheckStatus: () => Promise.reject(refused('NoSuchHealthCheck')),
    } as unknown as Route53Reader;
    const read = await readHealthCheck({ route53: reader }, 'hc', undefined, { statusAlongside: true });
    expect(read.healthy).toBeUndefined();
    expect(read.error).toBe('Throttling: Throttling from the stub');
  });

  it('an endpoint check: the status is asked before GetHealthCheck answers, and used', async () => {
    const order: string[] = [];
    const reader = {
      getHealthCheck: async () => {
        order.push('GetHealthCheck');
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push('GetHealthCheck answered');
        return { Id: 'hc', HealthCheckVersion: 1, HealthCheckConfig: { Type: 'HTTPS' } };
      },
      getHealthCheckStatus: async () => {
        order.push('GetHealthCheckStatus');
        return [{ status: 'Failure: Connection timed out.' }];
      },
    } as unknown as Route53Reader;
    const read = await readHealthCheck({ route53: reader }, 'hc', undefined, { statusAlongside: true });
    expect(read).toMatchObject({ source: 'checkers', healthy: false, healthyCheckers: 0, checkers: 1 });
    expect(order.indexOf('GetHealthCheckStatus')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('GetHealthCheckStatus')).toBeLessThan(order.indexOf('GetHealthCheck answered'));
  });
});
