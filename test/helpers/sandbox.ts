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
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
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
