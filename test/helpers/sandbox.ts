/**
 * Test helpers for the in-process sandbox: start one on an ephemeral port with fast delays, build
 * SDK client config for a Region, read the call log, and talk to the admin API.
 */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/server.js';
import type { SettingsPatch } from '../../src/sandbox/settings.js';
import type { CallRecord } from '../../src/sandbox/types.js';

/** Fast enough for tests, slow enough that every intermediate state is observable. */
export const TEST_DELAYS: SettingsPatch = { replicaDelayMs: 200, dnsDelayMs: 100, syncDelayMs: 50 };

export function startTestSandbox(
  settings?: SettingsPatch,
  options: Omit<SandboxOptions, 'port' | 'settings'> = {},
): Promise<SandboxHandle> {
  return startSandbox({ ...options, port: 0, settings: { ...TEST_DELAYS, ...settings } });
}

/** Config for any @aws-sdk/client-* pointed at the sandbox; no retries so failures surface at once. */
export function awsClientConfig(sb: SandboxHandle, region: string) {
  return {
    endpoint: sb.url,
    region,
    credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
    maxAttempts: 1,
  };
}

/** Only the calls that change state: a dry-run must leave this empty. */
export function writeCalls(sb: SandboxHandle): CallRecord[] {
  return sb.calls().filter((c) => c.write);
}

/** One admin API request (`/_sandbox/<path>`), JSON in and out. */
export async function sandboxAdmin(
  sb: SandboxHandle,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sb.url}/_sandbox/${path.replace(/^\//, '')}`, {
    method,
    // The admin API takes state-changing requests only as JSON.
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave as text
  }
  return { status: response.status, body: parsed };
}

/** Adds a fault through the admin API; a fault the sandbox refuses fails the test at once. */
export async function injectFault(sb: SandboxHandle, fault: Record<string, unknown>): Promise<void> {
  const r = await sandboxAdmin(sb, 'POST', 'faults', fault);
  if (r.status !== 201) throw new Error(`fault refused: ${JSON.stringify(r.body)}`);
}

// ---- Shared client fixtures (issue 12): one way to build SDK clients against a sandbox. ----

/** A sandbox to point clients at: a handle started in this process, or the URL of one in another. */
export type SandboxTarget = Pick<SandboxHandle, 'url'> | string;

/** The config every sandbox client shares; a test may override any of it (e.g. maxAttempts). */
export type SandboxClientConfig = ReturnType<typeof awsClientConfig>;

/** Any @aws-sdk/client-* class (CognitoIdentityProviderClient, KMSClient, Route53Client, ...). */
export type SdkClientClass<C> = new (config: SandboxClientConfig) => C;

/** Config for an SDK client in `region` against the sandbox (same credentials and no retries as awsClientConfig). */
export function sandboxClientConfig(target: SandboxTarget, region: string, overrides: Partial<SandboxClientConfig> = {}): SandboxClientConfig {
  const url = typeof target === 'string' ? target : target.url;
  // awsClientConfig reads only the handle's URL: one source for the sandbox credentials and retry policy.
  return { ...awsClientConfig({ url } as SandboxHandle, region), ...overrides };
}

/**
 * One SDK client against the sandbox: `sandboxClient(KMSClient, sb, 'eu-west-1')`. The caller imports
 * the client class, so a test loads only the SDK modules it uses.
 */
export function sandboxClient<C>(Client: SdkClientClass<C>, target: SandboxTarget, region: string, overrides?: Partial<SandboxClientConfig>): C {
  return new Client(sandboxClientConfig(target, region, overrides));
}

/**
 * Clients made against one sandbox and destroyed together, for tests that start a sandbox per test:
 * `const clients = sandboxClients(sb); const kms = clients.make(KMSClient, 'us-east-1'); … clients.destroy()`.
 */
export function sandboxClients(target: SandboxTarget) {
  const made: Array<{ destroy(): void }> = [];
  return {
    make<C extends { destroy(): void }>(Client: SdkClientClass<C>, region: string, overrides?: Partial<SandboxClientConfig>): C {
      const client = sandboxClient(Client, target, region, overrides);
      made.push(client);
      return client;
    },
    destroy(): void {
      for (const client of made.splice(0)) client.destroy();
    },
  };
}

/** The error a call fails with; a call that succeeds fails the test. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

/** Seed a resource mrrctl only reads (POST /_sandbox/resources/<service>) and answer what the sandbox stored. */
export async function seedResource(sb: SandboxHandle, service: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await sandboxAdmin(sb, 'POST', `resources/${service}`, body);
  if (res.status !== 201) throw new Error(`seeding ${service} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/**
 * A hand-driven clock for the sandbox (`startTestSandbox(settings, { clock })`): time moves only when
 * the test says so, so replica, sync and DNS delays are crossed without sleeping.
 */
export function manualSandboxClock(startMs = Date.now()) {
  let t = startMs;
  return {
    now: () => t,
    advance(ms: number): void {
      t += ms;
    },
  };
}
