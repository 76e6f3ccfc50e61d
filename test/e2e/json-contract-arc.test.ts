/**
 * The JSON contract with the arc-routing-control strategy: the sandbox's ARC demo world (`sandbox seed
 * --dns-strategy arc-routing-control --write-config`), then the commands whose data carries ARC
 * members — status, failover (dry run), preflight (the ARC checks), cost (the ARC add-on) and
 * sandbox status (the clusters) — each validated against its command's strict schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { startTestSandbox } from '../helpers/sandbox.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { violations } from './json-contract-runs.js';

let sb: SandboxHandle;
let dir: string;
let secret: string;
const clock = new VirtualClock();
const runs = new Map<string, CliRun>();

const run = (argv: string[]) =>
  runCli(['--sandbox', sb.url, ...argv, '--output', 'json'], { cwd: dir, env: { HOME: dir, MRRCTL_PROBE_CLIENT_SECRET: secret }, clock: clock.cli });

beforeAll(async () => {
  sb = await startTestSandbox(undefined, { clock: clock.sandbox });
  dir = mkdtempSync(join(tmpdir(), 'mrrctl-contract-arc-'));
  const seeded = await run(['sandbox', 'seed', '--dns-strategy', 'arc-routing-control', '--write-config', 'mrrctl.yaml']);
  runs.set('sandbox seed', seeded);
  secret = seeded.json().data.probeSecret.value;
  for (const [path, argv] of [
    ['status', ['status']],
    ['failover', ['failover', '--to', 'eu-west-1', '--dry-run', '--planned', '--reason', 'drill']],
    ['preflight', ['preflight']],
    ['cost', ['cost', '--mau', '1000']],
    ['sandbox status', ['sandbox', 'status']],
  ] as const) {
    runs.set(path, await run([...argv]));
  }
}, 180_000);
afterAll(async () => {
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the arc-routing-control world in JSON mode', () => {
  for (const path of ['sandbox seed', 'status', 'failover', 'preflight', 'cost', 'sandbox status']) {
    it(`${path}: a valid envelope, strict data, camelCase keys, nothing on stderr`, () => {
      const r = runs.get(path)!;
      expect(violations(path, r)).toEqual([]);
    });
  }

  it('the runs saw the ARC world (literal expectations)', () => {
    expect(runs.get('sandbox seed')!.json().data.dnsStrategy).toBe('arc-routing-control');
    expect(runs.get('status')!.json().data.dns.strategy).toBe('arc-routing-control');
    expect(runs.get('failover')!.json().data.report.strategy).toBe('arc-routing-control');
    expect(runs.get('failover')!.json().data.report.evidence.arc.byRegion).toEqual({ 'us-east-1': 'On', 'eu-west-1': 'Off' });
    expect(runs.get('cost')!.json().data.arc).not.toBeNull();
    expect(runs.get('sandbox status')!.json().data.arc).toHaveLength(1);
  });
});
