/**
 * A Region's health from its ports. The ports are small hand-written fakes: the point is the
 * classification (healthy, unhealthy, inactive, absent) and which URLs are probed; the real SDK and
 * HTTP paths run in test/e2e/health.test.ts against the sandbox.
 */
import { describe, expect, it } from 'vitest';
import { probeRegionHealth, tokenEndpointIn, type RegionHealthPorts } from '../../../src/core/health/region.js';
import { healthReport } from '../../../src/core/health/report.js';
import type { CognitoReader, UserPool } from '../../../src/core/ports/cognito.js';
import type { Route53Reader } from '../../../src/core/ports/route53.js';

const POOL: UserPool = { Id: 'us-east-1_Demo1', IssuerConfiguration: { Type: 'UPDATED' }, Domain: 'demo' };

function fakePorts(opts: { pool?: UserPool | Error; status?: string; checkers?: [number, number]; inverted?: boolean; down?: boolean; token?: { status?: number; error?: string } }) {
  const urls: string[] = [];
  const cognito = {
    describeUserPool: async () => {
      if (opts.pool instanceof Error) throw opts.pool;
      return opts.pool;
    },
    listReplicas: async (region: string) => [{ RegionName: 'us-east-1', Role: 'PRIMARY', Status: 'ACTIVE' }, { RegionName: region, Role: 'SECONDARY', Status: opts.status ?? 'ACTIVE' }],
  } as unknown as CognitoReader;
  const [ok, total] = opts.checkers ?? [8, 8];
  const route53 = {
    getHealthCheckStatus: async () => Array.from({ length: total }, (_, i) => ({ status: i < ok ? 'Success: HTTP Status Code 200' : 'Failure: timed out' })),
    getHealthCheck: async (id: string) => ({ Id: id, HealthCheckVersion: 1, HealthCheckConfig: { Inverted: Boolean(opts.inverted) } }),
  } as unknown as Route53Reader;
  const probe = (url: string) => (urls.push(url), opts.down ? { url, ok: false, latencyMs: 1, error: { name: 'ConnectionError', message: 'ECONNRESET' } } : { url, ok: true, status: 200, latencyMs: 1 });
  const ports: RegionHealthPorts = {
    cognito,
    route53,
    probes: {
      fetchDiscovery: async (url) => probe(url),
      fetchJwks: async (url) => ({ ...probe(url), keyCount: opts.down ? 0 : 1, kids: [] }),
      checkClientCredentials: async (url) => {
        urls.push(url);
        if (!opts.token) return { token: { url, ok: true, status: 200, latencyMs: 5 }, verification: { ok: true } };
        const error = { name: opts.token.error ?? 'HttpError', message: opts.token.status ? `HTTP ${opts.token.status}` : 'ENOTFOUND' };
        return { token: { url, ok: false, ...(opts.token.status ? { status: opts.token.status } : {}), latencyMs: 5, error } };
      },
    },
  };
  return { ports, urls };
}

const request = { region: 'eu-west-1', role: 'secondary' as const, userPoolId: 'us-east-1_Demo1', primaryRegion: 'us-east-1', healthCheckId: 'hc-s', credentials: { clientId: 'c', clientSecret: 's' } };

describe('probeRegionHealth', () => {
  it('probes the Region-specific issuer host and token endpoint, and calls an all-green Region healthy', async () => {
    const { ports, urls } = fakePorts({ pool: POOL });
    const h = await probeRegionHealth(ports, request);
    expect(h.status).toBe('healthy');
    expect(urls).toEqual([
      'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Demo1/.well-known/openid-configuration',
      'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Demo1/.well-known/jwks.json',
      'https://demo.auth.eu-west-1.amazoncognito.com/oauth2/token',
    ]);
  });

  it('marks the secondary prefix-domain token URL unverified, and tolerates a secondary without a prefix domain', async () => {
    const ok = await probeRegionHealth(fakePorts({ pool: POOL }).ports, request);
    expect(ok.unverified).toEqual(['https://demo.auth.eu-west-1.amazoncognito.com/oauth2/token']);
    for (const token of [{ error: 'HostNotFound' }, { status: 404 }]) {
      const h = await probeRegionHealth(fakePorts({ pool: POOL, token }).ports, request);
      expect(h.status, JSON.stringify(token)).toBe('healthy');
      expect(h.problems).toEqual([]);
      expect(h.token).toBeUndefined();
      expect(h.tokenSkipped).toContain('no prefix domain answers in eu-west-1 (https://demo.auth.eu-west-1.amazoncognito.com/oauth2/token: ');
      expect(h.tokenSkipped).toContain('unverified');
    }
    // Any other failure is still a problem, and the primary's prefix domain is not tolerated at all.
    const refused = await probeRegionHealth(fakePorts({ pool: POOL, token: { status: 503 } }).ports, request);
    expect(refused.problems).toContain('token https://demo.auth.eu-west-1.amazoncognito.com/oauth2/token: HttpError');
    const primary = await probeRegionHealth(fakePorts({ pool: POOL, token: { error: 'HostNotFound' } }).ports, { ...request, role: 'primary' as const, region: 'us-east-1' });
    expect(primary.status).toBe('unhealthy');
    expect(primary.unverified).toBeUndefined();
  });

  it('an INACTIVE replica serves no tokens: inactive, not unhealthy', async () => {
    const h = await probeRegionHealth(fakePorts({ pool: POOL, status: 'INACTIVE' }).ports, request);
    expect(h.status).toBe('inactive');
    expect(h.tokenSkipped).toContain('INACTIVE');
  });

  it('a Region that does not host the pool is absent', async () => {
    expect((await probeRegionHealth(fakePorts({ pool: undefined }).ports, request)).status).toBe('absent');
  });

  it('a Region that is down is unhealthy, with every problem named', async () => {
    const err = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    const h = await probeRegionHealth(fakePorts({ pool: err, down: true, checkers: [0, 8] }).ports, request);
    expect(h.status).toBe('unhealthy');
    expect(h.problems.join('\n')).toMatch(/Cognito API in eu-west-1 did not answer: TimeoutError[\s\S]*0\/8 checkers[\s\S]*discovery[\s\S]*JWKS/);
  });

  it('judges the endpoint behind an inverted check, not the inverted status', async () => {
    // The checkers see the endpoint healthy; inverted, the check's own status is unhealthy.
    const h = await probeRegionHealth(fakePorts({ pool: POOL, checkers: [8, 8], inverted: true }).ports, request);
    expect(h.status).toBe('healthy');
    expect(h.healthCheck).toMatchObject({ healthy: false, endpointHealthy: true, inverted: true });
    // And the endpoint down behind an inverted check is a problem, though the check reports healthy.
    const down = await probeRegionHealth(fakePorts({ pool: POOL, checkers: [0, 8], inverted: true }).ports, request);
    expect(down.healthCheck).toMatchObject({ healthy: true, endpointHealthy: false });
    expect(down.problems).toContain('Route 53 health check hc-s sees the endpoint unhealthy (0/8 checkers)');
  });
});

describe('health report', () => {
  it('keeps one entry per Region without the pool, and is unhealthy when a Region is', async () => {
    const good = await probeRegionHealth(fakePorts({ pool: POOL }).ports, { ...request, region: 'us-east-1', role: 'primary' });
    const bad = await probeRegionHealth(fakePorts({ pool: POOL, down: true, checkers: [1, 8] }).ports, request);
    const report = healthReport('us-east-1_Demo1', [good, bad]);
    expect(report.healthy).toBe(false);
    expect(JSON.stringify(report)).not.toContain('"pool"');
    // The table built from this report is tested in test/ui/health/health-text.test.ts.
    expect(report.regions.map((r) => [r.region, r.verdict])).toEqual([
      ['us-east-1', 'healthy'],
      ['eu-west-1', 'unhealthy'],
    ]);
  });

  it('prefers the Regional prefix domain for the token endpoint', () => {
    expect(tokenEndpointIn({ Domain: 'demo', CustomDomain: 'auth.example.com' }, 'eu-west-1')).toBe('https://demo.auth.eu-west-1.amazoncognito.com/oauth2/token');
    expect(tokenEndpointIn({ CustomDomain: 'auth.example.com' }, 'eu-west-1')).toBe('https://auth.example.com/oauth2/token');
    expect(tokenEndpointIn({}, 'eu-west-1')).toBeUndefined();
  });
});
