/**
 * The Route 53 model's in-process surface, called as the server and the other models call it:
 * request routing, the XML error shape, the health API the OIDC endpoint and CloudWatch read
 * (now, at a past instant, as a timeline), calculated checks, and snapshot / restore.
 */
import { describe, expect, it } from 'vitest';
import { Route53Model } from '../../src/sandbox/route53/model.js';
import { regionOfHost } from '../../src/sandbox/route53/names.js';
import { SandboxError, type CallContext, type RestRequest } from '../../src/sandbox/types.js';

const T0 = Date.UTC(2025, 0, 1);

interface Outage {
  region: string;
  service?: string;
  from: number;
  to?: number;
}

/** A context whose outages are the given intervals (as the fault book would report them). */
function context(now: number, outages: Outage[] = []): CallContext {
  const matches = (o: Outage, region: string, service?: string) => o.region === region && (o.service === undefined || o.service === service);
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    now,
    settings: { accountId: '123456789012', replicaDelayMs: 0, dnsDelayMs: 0, syncDelayMs: 0, latencyMs: 0, quotas: { enabled: false, scale: 1 } },
    isRegionDown: (region, service) => outages.some((o) => matches(o, region, service) && o.from <= now && (o.to === undefined || now < o.to)),
    outageHistory: (region, service) => outages.filter((o) => matches(o, region, service)).map(({ from, to }) => (to === undefined ? { from } : { from, to })),
  };
}

function request(method: string, path: string, body = ''): RestRequest {
  return { method, path, query: new URLSearchParams(), headers: {}, body };
}

function createCheck(model: Route53Model, ctx: CallContext, config: string): string {
  const body = `<CreateHealthCheckRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><CallerReference>${Math.random()}</CallerReference><HealthCheckConfig>${config}</HealthCheckConfig></CreateHealthCheckRequest>`;
  const response = model.handle('CreateHealthCheck', request('POST', '/2013-04-01/healthcheck', body), ctx);
  return /<Id>([^<]+)<\/Id>/.exec(response.body ?? '')![1];
}

function updateCheck(model: Route53Model, ctx: CallContext, id: string, fields: string): void {
  const body = `<UpdateHealthCheckRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">${fields}</UpdateHealthCheckRequest>`;
  model.handle('UpdateHealthCheck', request('POST', `/2013-04-01/healthcheck/${id}`, body), ctx);
}

const https = (host: string) => `<Type>HTTPS</Type><FullyQualifiedDomainName>${host}</FullyQualifiedDomainName>`;

describe('routing and errors', () => {
  it('claims only /2013-04-01 paths and names unmodelled ones so they fail loudly', () => {
    const model = new Route53Model();
    expect(model.operationFor(request('GET', '/2015-03-31/functions/f'))).toBeNull();
    expect(model.operationFor(request('POST', '/2013-04-01/hostedzone/Z1/rrset/'))).toBe('ChangeResourceRecordSets');
    expect(model.operationFor(request('GET', '/2013-04-01/healthcheck/abc/status'))).toBe('GetHealthCheckStatus');
    const unmodelled = model.operationFor(request('GET', '/2013-04-01/tags/hostedzone/Z1'))!;
    expect(() => model.handle(unmodelled, request('GET', '/2013-04-01/tags/hostedzone/Z1'), context(T0))).toThrow(
      expect.objectContaining({ code: 'UnknownOperationException' }),
    );
  });

  it('encodes errors as an ErrorResponse with the status, code and messages', () => {
    const response = new Route53Model().encodeError(new SandboxError('InvalidChangeBatch', '[a, b]', 400, { messages: ['a', 'b'] }));
    expect(response.status).toBe(400);
    expect(response.body).toContain('<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>InvalidChangeBatch</Code><Message>[a, b]</Message>');
    expect(response.body).toContain('<messages><Message>a</Message><Message>b</Message></messages>');
    expect(response.body).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });
});

describe('health evaluation', () => {
  it('finds the watched Region (and service of an AWS endpoint) in the host name', () => {
    expect(regionOfHost('cognito-idp.us-east-1.amazonaws.com')).toEqual({ region: 'us-east-1', service: 'cognito-idp' });
    expect(regionOfHost('issuer-cognito-idp.eu-west-1.amazonaws.com')).toEqual({ region: 'eu-west-1', service: 'cognito-idp' });
    expect(regionOfHost('us-east-1.auth.example.net')).toEqual({ region: 'us-east-1' });
    expect(regionOfHost('login-ap-southeast-2.example.com')).toEqual({ region: 'ap-southeast-2' });
    expect(regionOfHost('auth.example.com')).toEqual({});
    expect(regionOfHost('status.example.com')).toEqual({});
  });

  it('answers now from the current outages; a check naming no Region is healthy; unknown is undefined', () => {
    const model = new Route53Model();
    const ctx = context(T0, [{ region: 'us-east-1', service: 'cognito-idp', from: T0 - 1 }]);
    const east = createCheck(model, ctx, https('cognito-idp.us-east-1.amazonaws.com'));
    const west = createCheck(model, ctx, https('cognito-idp.eu-west-1.amazonaws.com'));
    const regionless = createCheck(model, ctx, https('status.example.com'));
    expect(model.isHealthCheckHealthy(east, ctx)).toBe(false);
    expect(model.isHealthCheckHealthy(west, ctx)).toBe(true);
    expect(model.isHealthCheckHealthy(regionless, ctx)).toBe(true);
    expect(model.isHealthCheckHealthy('missing', ctx)).toBeUndefined();
  });

  it('recomputes the past from the outage history and the configuration in effect then', () => {
    const model = new Route53Model();
    const outages = [{ region: 'eu-west-1', from: T0 + 100, to: T0 + 200 }];
    const id = createCheck(model, context(T0, outages), https('eu-west-1.auth.example.net'));
    updateCheck(model, context(T0 + 300, outages), id, '<Inverted>true</Inverted>');
    const later = context(T0 + 1_000, outages);
    expect(model.healthAt(id, T0 - 1, later)).toBeUndefined();
    expect(model.healthAt(id, T0 + 50, later)).toBe(true);
    expect(model.healthAt(id, T0 + 150, later)).toBe(false);
    expect(model.healthAt(id, T0 + 250, later)).toBe(true);
    expect(model.healthAt(id, T0 + 350, later)).toBe(false);
    expect(model.healthTimeline(id, T0 - 500, T0 + 1_000, later)).toEqual([
      { from: T0, to: T0 + 100, healthy: true },
      { from: T0 + 100, to: T0 + 200, healthy: false },
      { from: T0 + 200, to: T0 + 300, healthy: true },
      { from: T0 + 300, to: T0 + 1_000, healthy: false },
    ]);
  });

  it('counts healthy children for a CALCULATED check', () => {
    const model = new Route53Model();
    const ctx = context(T0, [{ region: 'us-east-1', from: T0 }]);
    const east = createCheck(model, ctx, https('us-east-1.auth.example.net'));
    const west = createCheck(model, ctx, https('eu-west-1.auth.example.net'));
    const children = `<ChildHealthChecks><ChildHealthCheck>${east}</ChildHealthCheck><ChildHealthCheck>${west}</ChildHealthCheck></ChildHealthChecks>`;
    const anyOne = createCheck(model, ctx, `<Type>CALCULATED</Type><HealthThreshold>1</HealthThreshold>${children}`);
    const both = createCheck(model, ctx, `<Type>CALCULATED</Type><HealthThreshold>2</HealthThreshold>${children}`);
    expect(model.isHealthCheckHealthy(anyOne, ctx)).toBe(true);
    expect(model.isHealthCheckHealthy(both, ctx)).toBe(false);
    expect(() => model.handle('GetHealthCheckStatus', request('GET', `/2013-04-01/healthcheck/${both}/status`), ctx)).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });
});

describe('persistence', () => {
  it('restores zones, records, changes and health-check history', () => {
    const model = new Route53Model();
    const ctx = context(T0);
    const zoneXml = model.handle(
      'CreateHostedZone',
      request('POST', '/2013-04-01/hostedzone', '<CreateHostedZoneRequest><Name>example.com</Name><CallerReference>z</CallerReference></CreateHostedZoneRequest>'),
      ctx,
    ).body!;
    const zoneId = /<Id>\/hostedzone\/([^<]+)<\/Id>/.exec(zoneXml)![1];
    const check = createCheck(model, ctx, https('us-east-1.auth.example.net'));
    updateCheck(model, context(T0 + 10), check, '<Disabled>true</Disabled>');

    const restored = new Route53Model();
    restored.restore(JSON.parse(JSON.stringify(model.snapshot())));
    const zone = restored.handle('GetHostedZone', request('GET', `/2013-04-01/hostedzone/${zoneId}`), ctx);
    expect(zone.body).toContain('<Name>example.com.</Name>');
    const down = context(T0 + 20, [{ region: 'us-east-1', from: T0 }]);
    expect(restored.healthAt(check, T0 + 5, down)).toBe(false);
    expect(restored.healthAt(check, T0 + 15, down)).toBe(true);
    restored.restore(null);
    expect(restored.healthCheckIds()).toEqual([]);
  });
});
