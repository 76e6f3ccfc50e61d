/**
 * HTTPS probes of a user pool's OIDC endpoints: discovery, JWKS, and the client_credentials token
 * endpoint. Results are data (status, latency, error) — a probe never throws for a failed endpoint.
 *
 * In sandbox mode every https URL is mapped through toSandboxUrl, here and nowhere else: results
 * still name the real URL. Tokens and secrets never appear in a result: a fetched token is wrapped in
 * SecretToken, which serialises and prints as "[REDACTED]".
 */
import { inspect } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type {
  ClientCredentials,
  ClientCredentialsCheck,
  DiscoveryProbe,
  HttpProbe,
  JwksProbe,
  OidcProbes,
  ProbeError,
  TokenClaims,
  TokenProbe,
  TokenVerification,
} from '../core/issuer/probe-types.js';
import { toSandboxUrl } from '../core/sandbox-urls.js';
import { httpRequest, type HttpRequestInit, type HttpResponse } from './http-request.js';
import type { AwsTarget } from './target.js';

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

export interface ProbeOptions {
  /** The sandbox base URL: when set, https URLs are reached through it. */
  sandboxEndpoint?: string;
  timeoutMs?: number;
  /** Aborts every probe (Ctrl-C). */
  signal?: AbortSignal;
}

/** Probe options for a command's AWS target. */
export function probeOptionsFor(target: AwsTarget, extra: Omit<ProbeOptions, 'sandboxEndpoint'> = {}): ProbeOptions {
  return { ...extra, ...(target.sandbox && target.endpoint ? { sandboxEndpoint: target.endpoint } : {}) };
}

/** The URL actually fetched: the one place the sandbox mapping is applied. */
export function probeUrl(url: string, opts: ProbeOptions): string {
  return opts.sandboxEndpoint ? toSandboxUrl(url, opts.sandboxEndpoint) : url;
}

/** An access token that cannot leak by accident: JSON, string and inspect forms are redacted. */
export class SecretToken {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[REDACTED]';
  }
  toString(): string {
    return '[REDACTED]';
  }
  [inspect.custom](): string {
    return 'SecretToken [REDACTED]';
  }
}

interface JsonResponse {
  probe: HttpProbe;
  body?: unknown;
}

/** How a failed request is named in a probe (exported for its unit test). */
export function errorOf(err: unknown): ProbeError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return { name: 'TimeoutError', message: 'no answer in time' };
  if (e?.name === 'AbortError') return { name: 'AbortError', message: 'interrupted' };
  // A network failure comes with the socket error as cause (httpRequest keeps fetch's shape).
  // A name that does not resolve is its own case: a host that does not exist (e.g. a secondary
  // without a prefix domain) is not a Region that is down.
  if (e?.cause?.code === 'ENOTFOUND') return { name: 'HostNotFound', message: e.cause.code };
  if (e?.cause?.code) return { name: 'ConnectionError', message: e.cause.code };
  // Anything else (an answer over the size cap, an interrupt's own reason) names itself.
  return { name: e?.name ?? 'Error', message: e?.message ?? String(err) };
}

function signalFor(opts: ProbeOptions): AbortSignal {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
  return opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
}

/**
 * Answers worth another try, as the SDK retries AWS calls: throttling, a server error, a connection
 * dropped before any answer. One blip must not make `health` call a Region unhealthy (or make the
 * failover guard refuse a healthy target). A timeout is NOT retried: a Region that does not answer
 * must be reported within the probe timeout, not three times it.
 */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const PROBE_ATTEMPTS = 3;
const RETRY_BASE_DELAY_MS = 100;

function transient(probe: HttpProbe): boolean {
  if (probe.ok) return false;
  if (probe.status !== undefined) return RETRYABLE_STATUS.has(probe.status);
  return probe.error?.name === 'ConnectionError';
}

/** Fetches JSON, retrying transient failures; any final failure (network, timeout, non-2xx, bad JSON) becomes probe.error. */
async function fetchJson(url: string, opts: ProbeOptions, init: HttpRequestInit = {}): Promise<JsonResponse> {
  for (let attempt = 1; ; attempt++) {
    const result = await fetchJsonOnce(url, opts, init);
    if (attempt >= PROBE_ATTEMPTS || !transient(result.probe) || opts.signal?.aborted) return result;
    await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1)));
  }
}

async function fetchJsonOnce(url: string, opts: ProbeOptions, init: HttpRequestInit): Promise<JsonResponse> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  let response: HttpResponse;
  try {
    // Redirects are not followed (a 3xx is a failed probe with its status); the body is capped.
    response = await httpRequest(probeUrl(url, opts), { ...init, signal: signalFor(opts) });
  } catch (err) {
    return { probe: { url, ok: false, latencyMs: latency(), error: errorOf(err) } };
  }
  const probe: HttpProbe = { url, ok: response.ok, status: response.status, latencyMs: latency() };
  let body: unknown;
  try {
    body = response.text === '' ? undefined : JSON.parse(response.text);
  } catch {
    const error = response.ok ? { name: 'InvalidJson', message: 'the answer is not JSON' } : { name: 'HttpError', message: `HTTP ${response.status}` };
    return { probe: { ...probe, ok: false, error } };
  }
  if (!response.ok) {
    // OAuth errors name themselves ({"error":"invalid_client"}); never echo anything else back.
    const oauth = (body as { error?: unknown } | undefined)?.error;
    probe.error = typeof oauth === 'string' ? { name: oauth, message: `HTTP ${response.status}` } : { name: 'HttpError', message: `HTTP ${response.status}` };
  }
  return { probe, body };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export async function fetchDiscovery(url: string, opts: ProbeOptions = {}): Promise<DiscoveryProbe> {
  const { probe, body } = await fetchJson(url, opts);
  if (!probe.ok) return probe;
  if (!isObject(body)) return { ...probe, ok: false, error: { name: 'InvalidDocument', message: 'the discovery document is not a JSON object' } };
  const result: DiscoveryProbe = { ...probe };
  const issuer = str(body.issuer);
  const jwksUri = str(body.jwks_uri);
  const tokenEndpoint = str(body.token_endpoint);
  if (issuer) result.issuer = issuer;
  if (jwksUri) result.jwksUri = jwksUri;
  if (tokenEndpoint) result.tokenEndpoint = tokenEndpoint;
  return result;
}

function jwksOf(body: unknown): JSONWebKeySet | undefined {
  return isObject(body) && Array.isArray(body.keys) ? (body as unknown as JSONWebKeySet) : undefined;
}

async function loadJwks(url: string, opts: ProbeOptions): Promise<{ probe: JwksProbe; jwks?: JSONWebKeySet }> {
  const { probe, body } = await fetchJson(url, opts);
  if (!probe.ok) return { probe: { ...probe, keyCount: 0, kids: [] } };
  const jwks = jwksOf(body);
  if (!jwks) {
    return { probe: { ...probe, ok: false, keyCount: 0, kids: [], error: { name: 'InvalidDocument', message: 'the JWKS has no keys array' } } };
  }
  const kids = jwks.keys.map((k) => k.kid).filter((k): k is string => typeof k === 'string');
  return { probe: { ...probe, keyCount: jwks.keys.length, kids }, jwks };
}

export async function fetchJwks(url: string, opts: ProbeOptions = {}): Promise<JwksProbe> {
  return (await loadJwks(url, opts)).probe;
}

/** Only the claims worth showing; anything else in the token stays out of results. */
export function claimsOf(payload: JWTPayload): TokenClaims {
  const claims: TokenClaims = {};
  for (const key of ['iss', 'client_id', 'token_use', 'scope'] as const) {
    const v = str(payload[key]);
    if (v !== undefined) claims[key] = v;
  }
  if (typeof payload.exp === 'number') claims.exp = payload.exp;
  return claims;
}

/** POST /oauth2/token with grant_type=client_credentials, client authenticated with HTTP Basic. */
export async function requestClientCredentialsToken(
  tokenUrl: string,
  clientId: string,
  clientSecret: string,
  scope?: string,
  opts: ProbeOptions = {},
): Promise<TokenProbe & { accessToken?: SecretToken }> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId });
  if (scope) form.set('scope', scope);
  const { probe, body } = await fetchJson(tokenUrl, opts, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: form.toString(),
  });
  if (!probe.ok) return probe;
  const raw = isObject(body) ? str(body.access_token) : undefined;
  if (!raw) return { ...probe, ok: false, error: { name: 'InvalidDocument', message: 'the token response has no access_token' } };
  try {
    return { ...probe, claims: claimsOf(decodeJwt(raw)), accessToken: new SecretToken(raw) };
  } catch {
    return { ...probe, ok: false, error: { name: 'InvalidToken', message: 'the access_token is not a JWT' } };
  }
}

/** Verifies signature (against the JWKS, fetched through the same mapping), issuer and expiry. */
export async function verifyAccessToken(
  token: string | SecretToken,
  expect: { issuer: string; jwksUrl: string },
  opts: ProbeOptions = {},
): Promise<TokenVerification> {
  const { probe, jwks } = await loadJwks(expect.jwksUrl, opts);
  if (!jwks) return { ok: false, error: { name: 'JwksUnavailable', message: `${expect.jwksUrl}: ${probe.error?.name ?? 'no keys'}` } };
  try {
    const raw = typeof token === 'string' ? token : token.reveal();
    const { payload } = await jwtVerify(raw, createLocalJWKSet(jwks), { issuer: expect.issuer });
    return { ok: true, claims: claimsOf(payload) };
  } catch (err) {
    const e = err as { code?: string; name?: string; message?: string };
    return { ok: false, error: { name: e.code ?? e.name ?? 'Error', message: e.message ?? 'verification failed' } };
  }
}

/** Token request and verification in one: the token stays inside this function. */
export async function checkClientCredentials(
  tokenUrl: string,
  credentials: ClientCredentials,
  expect: { issuer: string; jwksUrl: string },
  opts: ProbeOptions = {},
): Promise<ClientCredentialsCheck> {
  const { accessToken, ...token } = await requestClientCredentialsToken(
    tokenUrl,
    credentials.clientId,
    credentials.clientSecret,
    credentials.scope,
    opts,
  );
  if (!accessToken) return { token };
  return { token, verification: await verifyAccessToken(accessToken, expect, opts) };
}

/** The probes bound to options, as the core's OidcProbes port. */
export function oidcProbes(opts: ProbeOptions): OidcProbes {
  return {
    fetchDiscovery: (url) => fetchDiscovery(url, opts),
    fetchJwks: (url) => fetchJwks(url, opts),
    checkClientCredentials: (tokenUrl, credentials, expect) => checkClientCredentials(tokenUrl, credentials, expect, opts),
  };
}
