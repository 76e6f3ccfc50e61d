/**
 * The probes against a real HTTP server on 127.0.0.1 that stands in for the sandbox's `/_https/HOST/…`
 * mapping: real fetch, real JWTs signed with a real key, real timeouts and refused connections.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBuilt, runWithBuiltModule } from '../helpers/built-module.js';
import {
  checkClientCredentials,
  errorOf,
  fetchDiscovery,
  fetchJwks,
  oidcProbes,
  probeOptionsFor,
  probeUrl,
  requestClientCredentialsToken,
  SecretToken,
  verifyAccessToken,
} from '../../src/aws/oidc-probe.js';

const ISSUER = 'https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Probe1';
const JWKS_URL = `${ISSUER}/.well-known/jwks.json`;
const TOKEN_URL = 'https://auth.example.com/oauth2/token';
const CLIENT_ID = 'probeclient';
const SECRET = 'sup3rs3cretvalue';

let server: Server;
let base: string;
const seenPaths: string[] = [];
let token = '';
/** Called when a request for slow.example.com/hook arrives: a test acts at a known point of the exchange. */
let onHook: () => void = () => {};

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  token = await new SignJWT({ client_id: CLIENT_ID, token_use: 'access', scope: 'api/read' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

  server = createServer((req, res) => {
    const path = req.url ?? '';
    seenPaths.push(path);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/_https/slow.example.com/hook') return onHook(); // never answers
    if (path.startsWith('/_https/slow.example.com/')) return; // never answers
    if (path.startsWith('/_https/moved.example.com/')) {
      res.writeHead(301, { location: `${base}/_https/issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Probe1/.well-known/jwks.json` });
      return res.end();
    }
    if (path === '/_https/huge.example.com/.well-known/jwks.json') {
      // A hostile endpoint: an endless JSON document, its length not said up front.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
      const key = Buffer.from(`${JSON.stringify({ kty: 'RSA', kid: 'x'.repeat(4000) })},`);
      const more = () => {
        while (!res.destroyed && res.write(key));
        if (!res.destroyed) res.once('drain', more);
      };
      return more();
    }
    if (path === '/_https/huge.example.com/oauth2/token') {
      res.writeHead(401, { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) });
      return res.end(JSON.stringify({ error: 'invalid_client', pad: 'x'.repeat(2 * 1024 * 1024) }).slice(0, 2 * 1024 * 1024));
    }
    if (path === '/_https/issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Probe1/.well-known/openid-configuration') {
      return json(200, { issuer: ISSUER, jwks_uri: JWKS_URL, token_endpoint: TOKEN_URL });
    }
    if (path === '/_https/issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Probe1/.well-known/jwks.json') return json(200, { keys: [jwk] });
    if (path === '/_https/broken.example.com/.well-known/jwks.json') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html>bad gateway</html>');
    }
    if (path === '/_https/auth.example.com/oauth2/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`;
        const form = new URLSearchParams(body);
        if (req.headers.authorization !== expected || form.get('grant_type') !== 'client_credentials') {
          return json(401, { error: 'invalid_client', error_description: `Client authentication failed for ${req.headers.authorization}` });
        }
        json(200, { access_token: token, token_type: 'Bearer', expires_in: 300 });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('naming a failed fetch', () => {
  it('tells a name that does not resolve (a host that does not exist) from a connection that failed', () => {
    // fetch's own shape: TypeError("fetch failed") with the socket error as cause.
    const failed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
    expect(errorOf(failed('ENOTFOUND'))).toEqual({ name: 'HostNotFound', message: 'ENOTFOUND' });
    expect(errorOf(failed('ECONNREFUSED'))).toEqual({ name: 'ConnectionError', message: 'ECONNREFUSED' });
  });
});

describe('URL mapping', () => {
  it('maps https URLs to the sandbox only in sandbox mode', () => {
    expect(probeUrl(JWKS_URL, {})).toBe(JWKS_URL);
    expect(probeUrl(JWKS_URL, { sandboxEndpoint: 'http://127.0.0.1:4566/' })).toBe(
      'http://127.0.0.1:4566/_https/issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Probe1/.well-known/jwks.json',
    );
    expect(probeOptionsFor({ sandbox: true, endpoint: 'http://127.0.0.1:9' }).sandboxEndpoint).toBe('http://127.0.0.1:9');
    expect(probeOptionsFor({ sandbox: false, endpoint: 'http://127.0.0.1:9' }).sandboxEndpoint).toBeUndefined();
  });
});

describe('discovery and JWKS', () => {
  it('reads the discovery document, naming the real URL', async () => {
    const probe = await fetchDiscovery(`${ISSUER}/.well-known/openid-configuration`, { sandboxEndpoint: base });
    expect(probe).toMatchObject({ ok: true, status: 200, issuer: ISSUER, jwksUri: JWKS_URL, tokenEndpoint: TOKEN_URL });
    expect(probe.url).toBe(`${ISSUER}/.well-known/openid-configuration`);
    expect(probe.latencyMs).toBeGreaterThanOrEqual(0);
    expect(seenPaths).toContain('/_https/issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Probe1/.well-known/openid-configuration');
  });

  it('counts the keys of a JWKS', async () => {
    expect(await fetchJwks(JWKS_URL, { sandboxEndpoint: base })).toMatchObject({ ok: true, keyCount: 1, kids: ['k1'] });
  });

  it('reports HTTP errors, timeouts and refused connections as data', async () => {
    const broken = await fetchJwks('https://broken.example.com/.well-known/jwks.json', { sandboxEndpoint: base });
    expect(broken).toMatchObject({ ok: false, status: 502, keyCount: 0, error: { name: 'HttpError' } });

    const missing = await fetchDiscovery('https://nowhere.example.com/x/.well-known/openid-configuration', { sandboxEndpoint: base });
    expect(missing).toMatchObject({ ok: false, status: 404, error: { name: 'not_found' } });

    const slow = await fetchJwks('https://slow.example.com/.well-known/jwks.json', { sandboxEndpoint: base, timeoutMs: 150 });
    expect(slow).toMatchObject({ ok: false, error: { name: 'TimeoutError' } });
    expect(slow.latencyMs).toBeGreaterThanOrEqual(100);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await fetchJwks(JWKS_URL, { sandboxEndpoint: `http://127.0.0.1:${port}` });
    expect(refused).toMatchObject({ ok: false, error: { name: 'ConnectionError', message: 'ECONNREFUSED' } });
  });
});

describe('what a probe does not do', () => {
  it('does not follow a redirect: a 3xx is a failed probe with its status', async () => {
    const before = seenPaths.length;
    const moved = await fetchJwks('https://moved.example.com/.well-known/jwks.json', { sandboxEndpoint: base });
    expect(moved).toMatchObject({ ok: false, status: 301, keyCount: 0, error: { name: 'HttpError', message: 'HTTP 301' } });
    expect(seenPaths.slice(before)).toEqual(['/_https/moved.example.com/.well-known/jwks.json']);
  });

  it('stops at the caller’s abort (Ctrl-C) as AbortError, at the timeout as TimeoutError', async () => {
    const controller = new AbortController();
    onHook = () => controller.abort();
    const aborted = await fetchDiscovery('https://slow.example.com/hook', { sandboxEndpoint: base, signal: controller.signal });
    expect(aborted).toMatchObject({ ok: false, error: { name: 'AbortError', message: 'interrupted' } });

    const timedOut = await fetchDiscovery('https://slow.example.com/x/.well-known/openid-configuration', { sandboxEndpoint: base, timeoutMs: 100 });
    expect(timedOut).toMatchObject({ ok: false, error: { name: 'TimeoutError', message: 'no answer in time' } });
  });

  it('refuses an answer over 1 MiB as ResponseTooLarge, not retried, echoing nothing', async () => {
    const before = seenPaths.length;
    const huge = await fetchJwks('https://huge.example.com/.well-known/jwks.json', { sandboxEndpoint: base });
    expect(huge).toMatchObject({ ok: false, keyCount: 0, error: { name: 'ResponseTooLarge', message: 'the answer is larger than 1 MiB' } });
    expect(seenPaths.slice(before)).toEqual(['/_https/huge.example.com/.well-known/jwks.json']);

    const token = await requestClientCredentialsToken('https://huge.example.com/oauth2/token', CLIENT_ID, SECRET, undefined, { sandboxEndpoint: base });
    expect(token).toEqual({ url: 'https://huge.example.com/oauth2/token', ok: false, latencyMs: expect.any(Number), error: { name: 'ResponseTooLarge', message: 'the answer is larger than 1 MiB' } });
    expect(JSON.stringify(token)).not.toContain(SECRET);
  });

  // In a child over dist/ (`npm run build`): the test process refuses to look up any name but
  // loopback (test/setup/deny-network.ts). A .invalid name never resolves (RFC 6761).
  it.skipIf(!isBuilt('aws/oidc-probe'))('names a host that does not resolve HostNotFound, and never puts the secret in a result', async () => {
    const r = await runWithBuiltModule(
      'aws/oidc-probe',
      `const d = await m.fetchDiscovery('https://probe.mrrctl.invalid/x/.well-known/openid-configuration');
       const t = await m.requestClientCredentialsToken('https://probe.mrrctl.invalid/oauth2/token', 'id', ${JSON.stringify(SECRET)});
       console.log(JSON.stringify([d.error, t.error, t]));`,
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [discovery, tokenError, whole] = JSON.parse(r.stdout);
    expect(discovery).toEqual({ name: 'HostNotFound', message: 'ENOTFOUND' });
    expect(tokenError).toEqual({ name: 'HostNotFound', message: 'ENOTFOUND' });
    expect(JSON.stringify(whole)).not.toContain(SECRET);
  });
});

describe('client_credentials token', () => {
  it('returns claims and a redacted token, never the token or the secret as data', async () => {
    const result = await requestClientCredentialsToken(TOKEN_URL, CLIENT_ID, SECRET, 'api/read', { sandboxEndpoint: base });
    expect(result).toMatchObject({ ok: true, status: 200, claims: { iss: ISSUER, client_id: CLIENT_ID, token_use: 'access', scope: 'api/read' } });
    expect(result.accessToken).toBeInstanceOf(SecretToken);
    expect(result.accessToken?.reveal()).toBe(token);
    const shown = JSON.stringify(result) + inspect(result, { depth: 5 }) + String(result.accessToken);
    expect(shown).not.toContain(token);
    expect(shown).not.toContain(SECRET);
    expect(shown).toContain('[REDACTED]');
  });

  it('names the OAuth error without echoing the response text', async () => {
    const result = await requestClientCredentialsToken(TOKEN_URL, CLIENT_ID, 'wrong', undefined, { sandboxEndpoint: base });
    expect(result).toMatchObject({ ok: false, status: 401, error: { name: 'invalid_client', message: 'HTTP 401' } });
    expect(JSON.stringify(result)).not.toContain('Basic');
  });

  it('verifies a token against the JWKS and the expected issuer', async () => {
    const ok = await verifyAccessToken(token, { issuer: ISSUER, jwksUrl: JWKS_URL }, { sandboxEndpoint: base });
    expect(ok).toMatchObject({ ok: true, claims: { iss: ISSUER, client_id: CLIENT_ID } });

    const wrongIssuer = await verifyAccessToken(token, { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Probe1', jwksUrl: JWKS_URL }, { sandboxEndpoint: base });
    expect(wrongIssuer).toMatchObject({ ok: false, error: { name: 'ERR_JWT_CLAIM_VALIDATION_FAILED' } });

    const noKeys = await verifyAccessToken(token, { issuer: ISSUER, jwksUrl: 'https://broken.example.com/.well-known/jwks.json' }, { sandboxEndpoint: base });
    expect(noKeys).toMatchObject({ ok: false, error: { name: 'JwksUnavailable' } });
  });

  it('checks a token end to end through the bound probes', async () => {
    const probes = oidcProbes({ sandboxEndpoint: base });
    const check = await probes.checkClientCredentials(TOKEN_URL, { clientId: CLIENT_ID, clientSecret: SECRET }, { issuer: ISSUER, jwksUrl: JWKS_URL });
    expect(check.token.ok).toBe(true);
    expect(check.verification).toMatchObject({ ok: true });
    expect(JSON.stringify(check)).not.toContain(token);

    const refused = await checkClientCredentials(TOKEN_URL, { clientId: CLIENT_ID, clientSecret: 'nope' }, { issuer: ISSUER, jwksUrl: JWKS_URL }, { sandboxEndpoint: base });
    expect(refused.verification).toBeUndefined();
    expect(refused.token.ok).toBe(false);
  });
});
