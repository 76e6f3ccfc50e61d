import { CognitoIdentityProviderClient, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { toSandboxUrl } from '../../src/sandbox/url-map.js';
import { rejectionOf, sandboxAdmin, sandboxClients, startTestSandbox } from '../helpers/sandbox.js';
import { manualClock, testWorld } from './server-fakes.js';

let sb: SandboxHandle | undefined;
/** The clients of the running sandbox, destroyed with it. */
let clients: ReturnType<typeof sandboxClients> | undefined;
afterEach(async () => {
  clients?.destroy();
  clients = undefined;
  await sb?.stop();
  sb = undefined;
});

async function start(options: Parameters<typeof testWorld>[0] = {}) {
  sb = await startTestSandbox({}, { world: testWorld(options) });
  clients = sandboxClients(sb);
  return sb;
}

function kms(region: string, maxAttempts = 1): KMSClient {
  return clients!.make(KMSClient, region, { maxAttempts });
}

async function addFault(body: unknown) {
  const response = await sandboxAdmin(sb!, 'POST', 'faults', body);
  expect(response.status).toBe(201);
  return response.body;
}

describe('outage', () => {
  it('resets the connection for the Region’s AWS calls and OIDC hosts, and nothing else', async () => {
    await start();
    await addFault({ region: 'us-east-1', kind: 'outage' });

    const err = await rejectionOf(kms('us-east-1').send(new ListKeysCommand({})));
    expect(['ECONNRESET', 'EPIPE']).toContain(err.code);
    await expect(kms('eu-west-1').send(new ListKeysCommand({}))).resolves.toBeDefined();

    await expect(fetch(toSandboxUrl('https://cognito-idp.us-east-1.amazonaws.com/p/.well-known/jwks.json', sb!.url))).rejects.toThrow();
    const west = await fetch(toSandboxUrl('https://cognito-idp.eu-west-1.amazonaws.com/p/.well-known/jwks.json', sb!.url));
    expect(west.status).toBe(200);

    expect(sb!.calls().map((c) => [c.region, c.service, c.status, c.error])).toEqual([
      ['us-east-1', 'kms', 0, 'ConnectionReset'],
      ['eu-west-1', 'kms', 200, undefined],
      ['us-east-1', 'oidc', 0, 'ConnectionReset'],
      ['eu-west-1', 'oidc', 200, undefined],
    ]);
  });

  it('keeps an outage timeline per Region for health evaluation', async () => {
    const clock = manualClock();
    await start({ clock });
    const world = sb!.world;
    const started = clock.now();
    const fault = await addFault({ region: 'us-east-1', kind: 'outage' });
    await addFault({ region: 'eu-west-1', service: 'kms', kind: 'outage' });

    const ctx = world.context('us-east-1');
    expect(ctx.isRegionDown('us-east-1')).toBe(true);
    expect(ctx.isRegionDown('eu-west-1')).toBe(false);
    expect(ctx.isRegionDown('eu-west-1', 'kms')).toBe(true);
    expect(ctx.isRegionDown('us-east-1', 'oidc')).toBe(true);
    expect(ctx.outageHistory('us-east-1')).toEqual([{ from: started }]);

    clock.advance(60_000);
    expect((await sandboxAdmin(sb!, 'DELETE', `faults/${fault.id}`)).status).toBe(200);
    expect(ctx.isRegionDown('us-east-1')).toBe(false);
    expect(ctx.outageHistory('us-east-1')).toEqual([{ from: started, to: started + 60_000 }]);
    expect(ctx.outageHistory('eu-west-1')).toEqual([]);
    expect(ctx.outageHistory('eu-west-1', 'kms')).toEqual([{ from: started }]);
  });

  it('does not count a burst or a flaky outage as the Region being down', async () => {
    await start();
    await addFault({ region: 'us-east-1', kind: 'outage', count: 3 });
    await addFault({ region: 'us-east-1', kind: 'outage', ratio: 0.5 });
    await addFault({ region: 'us-east-1', kind: 'outage', operation: 'ListKeys' });
    expect(sb!.world.context('us-east-1').isRegionDown('us-east-1')).toBe(false);
  });
});

describe('throttle', () => {
  it('answers with the service’s own throttling error', async () => {
    await start();
    await addFault({ region: 'us-east-1', service: 'kms', kind: 'throttle' });
    const err = await rejectionOf(kms('us-east-1').send(new ListKeysCommand({})));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('is retried by the SDK and succeeds once the burst is spent', async () => {
    await start();
    await addFault({ region: 'us-east-1', service: 'kms', operation: 'ListKeys', kind: 'throttle', count: 1 });
    const result = await kms('us-east-1', 3).send(new ListKeysCommand({}));
    expect(result.$metadata.attempts).toBe(2);
    expect(sb!.calls().map((c) => [c.operation, c.status, c.error])).toEqual([
      ['ListKeys', 400, 'ThrottlingException'],
      ['ListKeys', 200, undefined],
    ]);
    expect((await sandboxAdmin(sb!, 'GET', 'faults')).body.faults).toEqual([]);
  });
});

describe('error', () => {
  it('answers the service’s internal error with the chosen status', async () => {
    await start();
    await addFault({ service: 'kms', kind: 'error', status: 503 });
    const err = await rejectionOf(kms('ap-southeast-2').send(new ListKeysCommand({})));
    expect(err.name).toBe('KMSInternalException');
    expect(err.$metadata.httpStatusCode).toBe(503);
  });

  it('defaults to HTTP 500 and only hits the operation it names', async () => {
    await start();
    await addFault({ region: 'us-east-1', operation: 'DescribeUserPool', kind: 'error' });
    const cognito = clients!.make(CognitoIdentityProviderClient, 'us-east-1');
    const err = await rejectionOf(cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_x' })));
    expect(err.name).toBe('InternalErrorException');
    expect(err.$metadata.httpStatusCode).toBe(500);
    await expect(kms('us-east-1').send(new ListKeysCommand({}))).resolves.toBeDefined();
  });
});

describe('latency, ratio and bursts', () => {
  it('adds latency to matching calls only', async () => {
    await start();
    await addFault({ region: 'us-east-1', kind: 'latency', ms: 250 });
    const t = performance.now();
    await kms('us-east-1').send(new ListKeysCommand({}));
    expect(performance.now() - t).toBeGreaterThanOrEqual(240);
    await kms('eu-west-1').send(new ListKeysCommand({}));
    // Server-side durations: the delayed call, then an undelayed one.
    const [east, west] = sb!.calls();
    expect(east.durationMs).toBeGreaterThanOrEqual(240);
    expect(west.durationMs).toBeLessThan(150);
  });

  it('fires a burst exactly count times, then expires', async () => {
    await start();
    await addFault({ region: 'us-east-1', kind: 'error', count: 2 });
    const client = kms('us-east-1');
    expect((await rejectionOf(client.send(new ListKeysCommand({})))).name).toBe('KMSInternalException');
    expect((await sandboxAdmin(sb!, 'GET', 'faults')).body.faults[0].count).toBe(1);
    expect((await rejectionOf(client.send(new ListKeysCommand({})))).name).toBe('KMSInternalException');
    await expect(client.send(new ListKeysCommand({}))).resolves.toBeDefined();
    expect((await sandboxAdmin(sb!, 'GET', 'faults')).body.faults).toEqual([]);
  });

  it('applies a fault to the share of calls its ratio says', async () => {
    const draws = [0.1, 0.9, 0.2, 0.8];
    await start({ random: () => draws.shift() ?? 0.99 });
    await addFault({ region: 'us-east-1', kind: 'throttle', ratio: 0.5 });
    const client = kms('us-east-1');
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await client.send(new ListKeysCommand({})).then(() => 'ok', (e) => e.name));
    }
    expect(outcomes).toEqual(['ThrottlingException', 'ok', 'ThrottlingException', 'ok']);
  });
});

describe('request quotas', () => {
  it('throttles a Cognito category over its quota, per Region, until the bucket refills', async () => {
    const clock = manualClock();
    await start({ clock });
    // UserPoolRead is 15 RPS; scale 0.1 leaves 1.5 requests per second with a burst of 1.5.
    expect((await sandboxAdmin(sb!, 'PUT', 'settings', { quotas: { enabled: true, scale: 0.1 } })).status).toBe(200);
    const east = clients!.make(CognitoIdentityProviderClient, 'us-east-1');
    const west = clients!.make(CognitoIdentityProviderClient, 'eu-west-1');
    const describe = (c: CognitoIdentityProviderClient) =>
      c.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_x' })).then(() => 'ok', (e) => e.name);

    expect(await describe(east)).toBe('ok');
    expect(await describe(east)).toBe('TooManyRequestsException');
    expect(await describe(west)).toBe('ok');
    clock.advance(1_000);
    expect(await describe(east)).toBe('ok');
  });

  it('is off by default', async () => {
    await start({ clock: manualClock() });
    const east = clients!.make(CognitoIdentityProviderClient, 'us-east-1');
    for (let i = 0; i < 30; i++) await east.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_x' }));
    expect(sb!.calls().every((c) => c.status === 200)).toBe(true);
  });
});
