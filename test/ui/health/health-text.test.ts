/** The health table: one row per Region, the problems below it, and the closing verdict (healthy or not, Route 53 readable or not). */
import { describe, expect, it } from 'vitest';
import { healthReport } from '../../../src/core/health/report.js';
import { renderHealthText } from '../../../src/ui/health/health-text.js';
import type { RegionHealth } from '../../../src/core/health/region.js';
import type { HealthReport } from '../../../src/core/health/report.js';

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

describe('the health table', () => {
  const url = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Demo1';
  const report: HealthReport = {
    userPoolId: 'us-east-1_Demo1',
    issuer: { type: 'UPDATED', url, discovery: { url: `${url}/.well-known/openid-configuration`, ok: true, status: 200, latencyMs: 3.4, issuer: url, jwksUri: null, tokenEndpoint: null, error: null } },
    regions: [
      {
        region: 'us-east-1',
        role: 'primary',
        replicaStatus: 'ACTIVE',
        healthCheck: { id: 'hc-p', healthy: true, endpointHealthy: true, source: 'checkers', type: 'HTTPS', healthyCheckers: 8, checkers: 8, share: 1, inverted: false, disabled: null, error: null },
        discovery: { url: 'd', ok: true, status: 200, latencyMs: 1.2, issuer: null, jwksUri: null, tokenEndpoint: null, error: null },
        jwks: { url: 'j', ok: true, status: 200, latencyMs: 2, keyCount: 1, kids: ['k1'], error: null },
        token: null,
        tokenSkipped: 'no probe client configured',
        verdict: 'healthy',
        problems: [],
        unverified: [],
      },
      {
        region: 'eu-west-1',
        role: 'secondary',
        replicaStatus: 'ACTIVE',
        healthCheck: { id: 'hc-s', healthy: false, endpointHealthy: true, source: 'checkers', type: 'HTTPS', healthyCheckers: 1, checkers: 8, share: 0.125, inverted: true, disabled: null, error: null },
        discovery: { url: 'd', ok: false, status: null, latencyMs: 4000, issuer: null, jwksUri: null, tokenEndpoint: null, error: { name: 'ConnectionError', message: 'refused' } },
        jwks: { url: 'j', ok: false, status: null, latencyMs: 4000, error: { name: 'ConnectionError', message: 'refused' }, keyCount: 0, kids: [] },
        token: { token: { url: 't', ok: true, status: 200, latencyMs: 5.4, error: null, claims: null }, verification: null },
        tokenSkipped: null,
        verdict: 'unhealthy',
        problems: ['discovery does not answer'],
        unverified: [],
      },
    ],
    healthy: false,
    issuerOk: true,
    routingControls: null,
  };

  it('lays the Regions out side by side, then the issuer, the problems and the verdict', () => {
    expect(renderHealthText(report)).toEqual([
      'REGION     ROLE       REPLICA  HEALTH CHECK  DISCOVERY        JWKS              TOKEN     STATUS',
      'us-east-1  primary    ACTIVE   8/8 ok        200 1 ms         200 2 ms (1 key)  skipped   healthy',
      'eu-west-1  secondary  ACTIVE   1/8 ok (inv)  ConnectionError  ConnectionError   200 5 ms  unhealthy',
      '',
      `issuer (UPDATED): ${url} — discovery ok: 200, 3 ms`,
      '- us-east-1: token not checked: no probe client configured',
      '✗ eu-west-1: discovery does not answer',
      '',
      'Unhealthy: eu-west-1.',
    ]);
  });

  it('with arc-routing-control: each Region\'s routing control state instead of "not configured", and where it was read', () => {
    const arc: HealthReport = {
      ...report,
      regions: report.regions.map((r) => ({ ...r, healthCheck: null })),
      routingControls: {
        states: { 'us-east-1': 'On', 'eu-west-1': 'Off' },
        endpoint: 'us-west-2',
        unanswered: ['ap-southeast-2'],
        error: null,
        evidence: 'routing controls us-east-1 On, eu-west-1 Off (read from the us-west-2 endpoint; no answer from ap-southeast-2)',
      },
    };
    expect(renderHealthText(arc).slice(0, 6)).toEqual([
      'REGION     ROLE       REPLICA  ROUTING CONTROL  DISCOVERY        JWKS              TOKEN     STATUS',
      'us-east-1  primary    ACTIVE   On               200 1 ms         200 2 ms (1 key)  skipped   healthy',
      'eu-west-1  secondary  ACTIVE   Off              ConnectionError  ConnectionError   200 5 ms  unhealthy',
      '',
      `issuer (UPDATED): ${url} — discovery ok: 200, 3 ms`,
      '',
    ]);
    expect(renderHealthText(arc)[6]).toBe('routing controls us-east-1 On, eu-west-1 Off (read from the us-west-2 endpoint; no answer from ap-southeast-2)');

    // A Region health check configured as well keeps its column; no endpoint answering is said at the end.
    const unread: HealthReport = {
      ...report,
      routingControls: { states: null, endpoint: null, unanswered: ['us-east-1', 'us-west-2'], error: 'no endpoint answered', evidence: 'routing control states unreadable: no endpoint answered; no answer from us-east-1, us-west-2' },
    };
    const lines = renderHealthText(unread);
    expect(lines[0]).toBe('REGION     ROLE       REPLICA  HEALTH CHECK  ROUTING CONTROL  DISCOVERY        JWKS              TOKEN     STATUS');
    expect(lines[1]).toBe('us-east-1  primary    ACTIVE   8/8 ok        unreadable       200 1 ms         200 2 ms (1 key)  skipped   healthy');
    expect(lines.at(-1)).toBe('Unhealthy: eu-west-1. No ARC cluster endpoint answered: a failover could not move traffic now (see docs/runbook.md).');
  });
});
