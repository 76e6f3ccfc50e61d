/**
 * Commands that make HTTP calls besides the SDK's — `health` (the sandbox check before any AWS call,
 * then the OIDC probes and a client_credentials token) and `sandbox status` (the admin API) — run as
 * a process of bin/mrrctl.js (`npm run build`) must not load Node's fetch: undici costs ~30 ms of CPU
 * to load, which a failover would pay before its first AWS call. A preload reports, at exit, whether
 * undici was loaded (process.moduleLoadList names each internal module Node loaded).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { runCliProcess, type CliRun } from '../helpers/run-cli.js';

const UNDICI = 'NativeModule internal/deps/undici/undici';
const PRELOAD = `process.on('exit', () => process.stderr.write('UNDICI=' + process.moduleLoadList.includes(${JSON.stringify(UNDICI)}) + '\\n'))`;

let world: FailoverWorld;

beforeAll(async () => {
  world = await failoverWorld();
});
afterAll(async () => {
  await world.stop();
});

function runWithPreload(argv: string[]): Promise<CliRun> {
  const { w } = world;
  return runCliProcess(['--sandbox', w.sb.url, ...argv], {
    nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`],
    cwd: w.dir,
    env: { HOME: w.dir, MRRCTL_JOURNAL: w.journal, ...world.env },
    timeoutMs: 60_000,
  });
}

describe('HTTP calls outside the SDK, in a process', () => {
  it('the preload can see undici: a process that calls fetch loads it', async () => {
    // The check itself must be able to fail: the same preload over a process that does call fetch.
    const probe = `fetch(${JSON.stringify(`${world.w.sb.url}/_sandbox/health`)}).then((r) => r.text())`;
    const r = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`, '-e', probe], { env: { PATH: process.env.PATH } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', () => resolve(stderr));
    });
    expect(r).toContain('UNDICI=true');
  });

  it('`health` probes discovery, JWKS and a token without loading undici', async () => {
    const r = await runWithPreload(['health', '--output', 'json']);
    expect(r.code).toBe(0);
    const { data } = r.json();
    for (const region of data.regions) {
      expect(region).toMatchObject({ verdict: 'healthy', discovery: { ok: true, status: 200 }, jwks: { ok: true, keyCount: 1 } });
      expect(region.token.verification.ok).toBe(true);
    }
    expect(r.stderr).toContain('UNDICI=false');
    expect(r.stdout + r.stderr).not.toContain(world.env.MRRCTL_PROBE_CLIENT_SECRET);
  });

  it('`sandbox status` reads the admin API without loading undici', async () => {
    const r = await runWithPreload(['sandbox', 'status', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().data.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(r.stderr).toContain('UNDICI=false');
  });
});
