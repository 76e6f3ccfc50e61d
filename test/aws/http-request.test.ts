/**
 * The HTTP helper against real servers on 127.0.0.1 (http, and https with a certificate made by
 * openssl for the test): redirects, timeouts, aborts, a name that does not resolve, the body cap,
 * certificate checking with Node's CA store and NODE_EXTRA_CA_CERTS, and no socket left behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, ResponseTooLargeError } from '../../src/aws/http-request.js';
import { isBuilt, runWithBuiltModule } from '../helpers/built-module.js';
import { rejectionOf } from '../helpers/sandbox.js';

let server: Server;
let base = '';
const seen: string[] = [];
/** Called when a request for /hook arrives: lets a test act at a known point of the exchange. */
let onHook: (res: ServerResponse) => void = () => {};

function answer(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '';
  seen.push(`${req.method} ${path} ${req.headers.connection ?? ''}`.trim());
  if (path === '/redirect') {
    res.writeHead(302, { location: '/redirect-target' });
    return void res.end();
  }
  if (path === '/never') return; // accepts the request, never answers
  if (path === '/half') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.write('{"keys":'); // headers and part of the body, then nothing
  }
  if (path === '/hook') return onHook(res);
  if (path === '/declared-huge') {
    res.writeHead(200, { 'content-length': String(5 * 1024 * 1024) });
    return void res.write('x');
  }
  if (path === '/streamed-huge') {
    res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length said up front
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const more = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', more);
    };
    return more();
  }
  if (path === '/echo') {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ body, type: req.headers['content-type'], length: req.headers['content-length'] })));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end('\uFEFF{"ok":true}');
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpRequest', () => {
  it('reads the body as text (a BOM dropped) and says ok for 2xx; one socket per request, closed with the answer', async () => {
    expect(await httpRequest(`${base}/doc`)).toEqual({ status: 200, ok: true, text: '{"ok":true}' });
    expect(seen).toContain('GET /doc close');
  });

  it('sends a POST body with its length and type', async () => {
    const r = await httpRequest(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=é' });
    expect(r).toMatchObject({ status: 201, ok: true });
    expect(JSON.parse(r.text)).toEqual({ body: 'a=1&b=é', type: 'application/x-www-form-urlencoded', length: '8' });
  });

  it('does not follow a redirect: a 3xx is the answer', async () => {
    const r = await httpRequest(`${base}/redirect`);
    expect(r).toEqual({ status: 302, ok: false, text: '' });
    expect(seen).not.toContain('GET /redirect-target close');
  });

  it('rejects with the signal’s reason: TimeoutError before the answer and during the body, AbortError on abort()', async () => {
    expect(await rejectionOf(httpRequest(`${base}/never`, { signal: AbortSignal.timeout(100) }))).toMatchObject({ name: 'TimeoutError' });
    expect(await rejectionOf(httpRequest(`${base}/half`, { signal: AbortSignal.timeout(100) }))).toMatchObject({ name: 'TimeoutError' });

    const controller = new AbortController();
    onHook = () => controller.abort();
    expect(await rejectionOf(httpRequest(`${base}/hook`, { signal: controller.signal }))).toMatchObject({ name: 'AbortError' });
    // Already aborted: no request at all.
    const before = seen.length;
    expect(await rejectionOf(httpRequest(`${base}/doc`, { signal: controller.signal }))).toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBe(before);
  });

  it('names socket errors by code, as the cause (fetch’s shape): ECONNREFUSED, a connection dropped mid-body', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await rejectionOf(httpRequest(`http://127.0.0.1:${port}/x`))).toMatchObject({ cause: { code: 'ECONNREFUSED' } });

    onHook = (res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
      res.destroy();
    };
    expect(await rejectionOf(httpRequest(`${base}/hook`))).toMatchObject({ cause: { code: 'ECONNRESET' } });
  });

  it('refuses a body over the cap, whether its length is declared or streamed', async () => {
    const declared = await rejectionOf(httpRequest(`${base}/declared-huge`));
    expect(declared).toBeInstanceOf(ResponseTooLargeError);
    expect(declared).toMatchObject({ name: 'ResponseTooLarge', message: 'the answer is larger than 1 MiB' });

    const streamed = await rejectionOf(httpRequest(`${base}/streamed-huge`));
    expect(streamed).toMatchObject({ name: 'ResponseTooLarge', message: 'the answer is larger than 1 MiB' });
    expect(await rejectionOf(httpRequest(`${base}/doc`, { maxBodyBytes: 5 }))).toMatchObject({ message: 'the answer is larger than 5 bytes' });
  });

  // In a child: the test process refuses to look up any name but loopback (test/setup/deny-network.ts).
  it.skipIf(!isBuilt('aws/http-request'))('names a host that does not resolve by ENOTFOUND (a .invalid name)', async () => {
    const r = await runWithBuiltModule('aws/http-request', "await m.httpRequest('https://probe.mrrctl.invalid/x').catch((e) => console.log(e.cause?.code));");
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trim()).toBe('ENOTFOUND');
  });

  it('refuses an unsupported scheme', async () => {
    expect(await rejectionOf(httpRequest('ftp://127.0.0.1/x'))).toMatchObject({ name: 'TypeError', message: 'unsupported URL scheme ftp:' });
  });
});

// https: a certificate Node's CA store does not know is refused; NODE_EXTRA_CA_CERTS makes it known,
// as for the SDK. The second half runs in a child (the variable is read at start-up) over the built
// module, which must also exit by itself: no socket kept open after the answer.
const openssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!openssl)('httpRequest over https', () => {
  let dir = '';
  let tlsBase = '';
  let tls: ReturnType<typeof createHttpsServer>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mrrctl-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    expect(made.status).toBe(0);
    tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{"tls":true}'));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    tls.closeAllConnections();
    await new Promise((resolve) => tls.close(resolve));
  });

  it('refuses a certificate that Node’s CA store does not trust', async () => {
    expect(await rejectionOf(httpRequest(`${tlsBase}/x`))).toMatchObject({ cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
  });

  it.skipIf(!isBuilt('aws/http-request'))('trusts NODE_EXTRA_CA_CERTS, and the process exits by itself after the answer', async () => {
    const r = await runWithBuiltModule('aws/http-request', `const a = await m.httpRequest(${JSON.stringify(`${tlsBase}/x`)}); console.log(a.status, a.text);`, {
      NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
    });
    expect(r).toEqual({ code: 0, signal: null, stdout: '200 {"tls":true}\n', stderr: '' });
  });
});
