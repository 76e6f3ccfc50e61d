/**
 * The sandbox is local: a web page (cross-origin, text/plain, DNS rebinding) cannot drive its admin
 * API, a rebound Host is refused on every path, and with an admin token /_sandbox/* needs it. Raw
 * node:http requests, because fetch will not let a test set Host.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/server.js';
import { sandboxAdmin } from '../helpers/sandbox.js';

let sb: SandboxHandle;
let guarded: SandboxHandle;

function send(target: SandboxHandle, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const poolCount = async (): Promise<number> => (await sandboxAdmin(sb, 'GET', 'state')).body.pools.length;

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  guarded = await startSandbox({ port: 0, adminToken: 'a-long-enough-admin-token' });
  expect((await sandboxAdmin(sb, 'POST', 'seed', { scenario: 'demo' })).status).toBe(201);
});
afterAll(async () => {
  await sb.stop();
  await guarded.stop();
});

describe('the admin API refuses a web page', () => {
  const host = () => `127.0.0.1:${sb.port}`;

  it('a cross-origin text/plain POST /_sandbox/reset: 403, and the world is not reset', async () => {
    const before = await poolCount();
    expect(before).toBe(1);
    const r = await send(sb, 'POST', '/_sandbox/reset', { host: host(), origin: 'http://evil.example', 'content-type': 'text/plain' }, '{}');
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('refuses requests from a web page');
    expect(await poolCount()).toBe(before);
  });

  it('a cross-origin JSON POST: 403', async () => {
    const r = await send(sb, 'POST', '/_sandbox/faults', { host: host(), origin: 'https://evil.example', 'content-type': 'application/json' }, '{"kind":"outage","region":"us-east-1"}');
    expect(r.status).toBe(403);
    expect((await sandboxAdmin(sb, 'GET', 'faults')).body.faults).toEqual([]);
  });

  it('Origin: null (a sandboxed iframe, a file: page): 403', async () => {
    expect((await send(sb, 'POST', '/_sandbox/reset', { host: host(), origin: 'null', 'content-type': 'application/json' }, '{}')).status).toBe(403);
  });

  it('a POST without Origin that is not JSON (a form, a no-cors fetch): 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await send(sb, 'POST', '/_sandbox/reset', { host: host(), 'content-type': type }, '{}');
      expect(r.status, type).toBe(415);
    }
    expect((await send(sb, 'DELETE', '/_sandbox/calls', { host: host() })).status).toBe(415);
  });

  it('same-origin JSON from the sandbox itself is fine', async () => {
    const r = await send(sb, 'GET', '/_sandbox/faults', { host: host(), origin: `http://${host()}` });
    expect(r.status).toBe(200);
  });
});

describe('only loopback Host names are answered', () => {
  it.each(['evil.example', 'evil.example:4566', '192.168.1.10', 'rebind.attacker.test'])('Host %s: 403 on the admin API and on AWS paths', async (name) => {
    expect((await send(sb, 'GET', '/_sandbox/state', { host: name })).status).toBe(403);
    const aws = await send(sb, 'POST', '/', { host: name, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys' }, '{}');
    expect(aws.status).toBe(403);
    expect(aws.body.message).toContain('loopback host name');
  });

  it.each(['localhost', 'localhost:1', 'sandbox.localhost', '127.0.0.1', '127.1.2.3', '[::1]:80'])('Host %s is answered', async (name) => {
    expect((await send(sb, 'GET', '/_sandbox/health', { host: name })).status).toBe(200);
  });
});

describe('with an admin token', () => {
  const host = () => `127.0.0.1:${guarded.port}`;
  it('/_sandbox/* needs it; health does not', async () => {
    expect((await send(guarded, 'GET', '/_sandbox/state', { host: host() })).status).toBe(401);
    expect((await send(guarded, 'GET', '/_sandbox/state', { host: host(), authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    expect((await send(guarded, 'GET', '/_sandbox/state', { host: host(), authorization: 'Bearer a-long-enough-admin-token' })).status).toBe(200);
    expect((await send(guarded, 'GET', '/_sandbox/health', { host: host() })).status).toBe(200);
  });
});
