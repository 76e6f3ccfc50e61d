/**
 * `npm run test:aws` as a user meets it (node test/acceptance/run-aws.mjs as a process): it refuses
 * without the environment and with a bad config (exit 2), prints the cost and stops without a
 * confirmation (exit 5) — having sent nothing to AWS — and `--cleanup <runId>` deletes what an
 * interrupted run's ledger names. One scenario step also runs through bin/mrrctl.js here, the
 * process runner the real-account run uses (needs `npm run build`).
 */
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { sandboxClient } from '../helpers/sandbox.js';
import { openRun, startRun } from './lib/targets.js';
import { acceptanceSandbox } from './sandbox-target.js';

const SCRIPT = join(import.meta.dirname, 'run-aws.mjs');
let sb: SandboxHandle | undefined;

afterEach(async () => {
  await sb?.stop();
  sb = undefined;
});

function runner(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...argv], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('npm run test:aws', () => {
  it('refuses with exit 2 and names what to set when MRRCTL_ACCEPTANCE=1 or the config is missing', async () => {
    const r = await runner([], { MRRCTL_ACCEPTANCE_CONFIG: '/nonexistent.yaml' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('MRRCTL_ACCEPTANCE=1');
    expect(r.stderr).toContain('now: MRRCTL_ACCEPTANCE=(unset), MRRCTL_ACCEPTANCE_CONFIG=/nonexistent.yaml');
    expect(r.stdout).toBe('');
  }, 60_000);

  it('refuses a config whose Regions are the same, naming the file and field (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-acceptance-config-'));
    const file = join(dir, 'acceptance.yaml');
    writeFileSync(file, stringify({ primaryRegion: 'us-east-1', secondaryRegion: 'us-east-1', dnsParent: 'acc.example.com' }));
    const r = await runner(['--yes'], { MRRCTL_ACCEPTANCE: '1', MRRCTL_ACCEPTANCE_CONFIG: file });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: secondaryRegion is us-east-1, the same as primaryRegion; expected another Region`);
  }, 60_000);

  it('prints the expected cost, then stops with exit 5 without a terminal or --yes, having called nothing', async () => {
    const env = await acceptanceSandbox();
    sb = env.sb;
    const file = join(env.dir, 'acceptance.yaml');
    writeFileSync(file, stringify(env.config));
    const r = await runner([], { MRRCTL_ACCEPTANCE: '1', MRRCTL_ACCEPTANCE_CONFIG: file });
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('Expected cost of this acceptance run (us-east-1 + eu-west-1');
    expect(r.stdout).toContain('2 × KMS multi-Region key + its replica key (mrrctl keys setup): $0.01 (at most $2.00 a month)');
    expect(r.stdout).toContain('total: about $3.01; at most $5.50 if cleanup never runs');
    expect(r.stderr).toContain('pass --yes (npm run test:aws -- --yes) or set MRRCTL_ACCEPTANCE_YES=1. Nothing was created.');
    expect(sb.calls()).toEqual([]);
  }, 60_000);

  it('--cleanup <runId> deletes what an interrupted run left, from its ledger', async () => {
    const env = await acceptanceSandbox();
    sb = env.sb;
    const runId = 'acc2601010000intr';
    const run = openRun({ runId, config: env.config, env: process.env });
    // The run gets as far as its first CLI step (through bin/mrrctl.js) and is "interrupted".
    const target = await startRun(run, { runId, config: env.config, env: process.env, dir: env.dir });
    const step = await target.cli(['keys', 'setup', '--yes', '--output', 'json']);
    expect(step.code).toBe(0);
    run.clients.destroy();

    const file = join(env.dir, 'acceptance.yaml');
    writeFileSync(file, stringify(env.config));
    const vars = { MRRCTL_ACCEPTANCE: '1', MRRCTL_ACCEPTANCE_CONFIG: file };
    const r = await runner(['--cleanup', runId], vars);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`pool ${target.world.userPoolId} (us-east-1): deleted`);
    expect(r.stdout).toContain(`replica ${target.world.userPoolId} in eu-west-1 (eu-west-1): already gone`);
    expect(r.stdout).toContain(`key alias/mrrctl-acceptance-${runId} in eu-west-1 (eu-west-1): scheduled for deletion in 7 days`);
    const cognito = sandboxClient(CognitoIdentityProviderClient, sb, 'us-east-1');
    expect((await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
    cognito.destroy();

    const again = await runner(['--cleanup', runId], vars);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain(': deleted');
    const unknown = await runner(['--cleanup', 'acc2601019999none'], vars);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--cleanup acc2601019999none: no ledger for this run in');
  }, 90_000);
});
