/**
 * The JSON contract end to end (docs/json.md): every command path run with `--output json` against
 * the sandbox — success and failure paths — prints one envelope naming its command path, leaves
 * stderr empty, and its `data` validates against the command's schema (strict: no key the schema
 * does not name, unknowns null where the schema says so) with camelCase names throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/core/iam/commands.js';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCliProcess } from '../helpers/run-cli.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { contractRuns, violations, type ContractRun } from './json-contract-runs.js';

/** A port free right now on 127.0.0.1 (`sandbox start --detach` needs a fixed one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('every command in JSON mode, against the sandbox', { timeout: 300_000 }, () => {
  let runs: ContractRun[] = [];
  let stop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ runs, stop } = await contractRuns());
  }, 300_000);
  afterAll(() => stop());

  it('prints a valid envelope, strict data, camelCase keys and nothing on stderr — for each run', () => {
    const report = runs.map((r) => ({ run: `${r.argv.join(' ')} (exit ${r.run.code})`, problems: violations(r.path, r.run) })).filter((x) => x.problems.length > 0);
    expect(report).toEqual([]);
  });

  it('ran the paths it claims, successes and findings alike', () => {
    const byPath = new Map(runs.map((r) => [`${r.path} ${r.run.code}`, r]));
    // Exit codes stated literally: each run found the world it needed.
    expect([...byPath.keys()]).toEqual(
      expect.arrayContaining(['status 0', 'health 0', 'replica list 0', 'drift 3', 'failover 3', 'failover 0', 'apply 0', 'sandbox seed 2', 'canary 0']),
    );
    const failover = runs.find((r) => r.path === 'failover' && r.run.code === 0 && r.argv.includes('--yes'));
    expect(failover?.run.json().data.result.ok).toBe(true);
    expect(failover?.run.json().data.report.evidence.targetHealth.verdict).toBe('healthy');
    // During the primary's outage the read-only reports carried their unreadable reads (so the schema judged real ones).
    const outage = (path: string) => runs.find((r) => r.path === path && r.run.code === 3 && r.run.json().data.unreadable?.length > 0)?.run.json().data;
    expect(outage('replica list')).toMatchObject({ stale: true, answeredBy: 'eu-west-1', unreadable: [{ status: 'unreadable', operation: 'ListUserPoolReplicas', region: 'us-east-1' }] });
    expect(outage('issuer status')).toMatchObject({ stale: true, answeredBy: 'eu-west-1' });
    expect(outage('drift')?.summary.unreadable).toBe(1);
    expect(outage('preflight')?.checks.some((c: { status: string }) => c.status === 'unreadable')).toBe(true);
    expect(outage('keys verify')?.checks.some((c: { status: string }) => c.status === 'unreadable')).toBe(true);
  });
});

describe('the commands that start their own sandbox', () => {
  it('rehearse: the game day as one document, nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-contract-rehearse-'));
    const r = await runCli(['rehearse', '--window', '1', '--output', 'json'], { cwd: dir, clock: new VirtualClock().cli });
    expect(r.code).toBe(0);
    expect(violations('rehearse', r)).toEqual([]);
  }, 180_000);

  it('rehearse --scenario region-outage (ARC routing controls): the same contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-contract-rehearse-arc-'));
    const r = await runCli(['rehearse', '--scenario', 'region-outage', '--window', '1', '--output', 'json'], { cwd: dir, clock: new VirtualClock().cli });
    expect(r.code, r.stdout.slice(0, 500)).toBe(0);
    expect(violations('rehearse', r)).toEqual([]);
    expect(r.json().data.scenario).toBe('region-outage');
  }, 180_000);

  it('sandbox start --detach and sandbox stop (real processes, bin/mrrctl.js: run `npm run build` first)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-contract-sandbox-'));
    const env = { HOME: dir };
    const port = await freePort();
    const started = await runCliProcess(['sandbox', 'start', '--detach', '--port', String(port), '--output', 'json'], { cwd: dir, env, timeoutMs: 60_000 });
    expect(started.code, started.stderr).toBe(0);
    expect(violations('sandbox start', started)).toEqual([]);
    expect(started.json().data.port).toBe(port);
    const stopped = await runCliProcess(['sandbox', 'stop', '--port', String(port), '--output', 'json'], { cwd: dir, env, timeoutMs: 60_000 });
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(violations('sandbox stop', stopped)).toEqual([]);
  }, 120_000);
});

describe('every command path in JSON mode: a usage error is one error document, stderr empty', () => {
  for (const path of COMMAND_NAMES) {
    it(path, async () => {
      const r = await runCli([...path.split(' '), '--no-such-flag', '--output', 'json']);
      expect(r.code).toBe(2);
      expect(violations(path, r)).toEqual([]);
      // cost's required --mau is reported first; every other command names the unknown flag.
      expect(r.json().data.error).toMatchObject({ code: 'MRR_USAGE_E001', exitCode: 2, message: expect.stringContaining(path === 'cost' ? '--mau' : '--no-such-flag') });
    });
  }

  it('an input error of the command (no config) is a document too, with the error as data', async () => {
    const r = await runCli(['replica', 'list', '--config', '/nonexistent/mrrctl.yaml', '--output', 'json']);
    expect(r.code).toBe(2);
    expect(violations('replica list', r)).toEqual([]);
  });
});
