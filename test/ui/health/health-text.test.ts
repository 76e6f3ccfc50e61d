/** The health table's closing line: healthy or not, and whether Route 53 could be read at all. */
import { describe, expect, it } from 'vitest';
import { healthReport, renderHealthText } from '../../../src/core/health/report.js';
import type { RegionHealth } from '../../../src/core/health/region.js';

const region = (name: string, healthCheck: RegionHealth['healthCheck']): RegionHealth => ({
  region: name,
  role: name === 'us-east-1' ? 'primary' : 'secondary',
  replicaStatus: 'ACTIVE',
  healthCheck,
  status: 'healthy',
  problems: [],
});

describe('renderHealthText', () => {
  it('says all Regions are healthy when the health checks were read', () => {
    const ok = { id: 'hc-1', healthy: true, healthyCheckers: 8, checkers: 8 } as RegionHealth['healthCheck'];
    const lines = renderHealthText(healthReport('us-east-1_X', [region('us-east-1', ok), region('eu-west-1', ok)]));
    expect(lines.at(-1)).toBe('All Regions healthy.');
  });

  it('warns that a failover could not move DNS when Route 53 health checks are unreadable', () => {
    const unreadable = { id: 'hc-1', error: 'ECONNRESET' } as RegionHealth['healthCheck'];
    const lines = renderHealthText(healthReport('us-east-1_X', [region('us-east-1', unreadable), region('eu-west-1', unreadable)]));
    expect(lines.at(-1)).toBe(
      'All Regions healthy. Route 53 health checks unreadable for us-east-1, eu-west-1: a failover could not move DNS now (see docs/runbook.md).',
    );
  });
});
