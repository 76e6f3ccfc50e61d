/**
 * What a scenario runs against: the real CLI as a process (bin/mrrctl.js, what a user runs) pointed at
 * the run's config, plus the few things that differ between the sandbox and a real account — how the
 * CLI reaches AWS, how long AWS takes to settle, and the SDK clients that create and delete the
 * disposable resources.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AwsClients } from '../../../src/aws/clients.js';
import type { Ledger } from './ledger.js';
import type { World } from './world.js';

export interface CliResult {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
}

export interface Target {
  kind: 'sandbox' | 'aws';
  world: World;
  ledger: Ledger;
  clients: AwsClients;
  /** Runs `mrrctl --config <world> <target flags> ...argv`. */
  cli(argv: string[]): Promise<CliResult>;
  /** Re-runs a read-only command until it exits `expect`: real health checks need minutes to report. */
  settle(argv: string[], expect: number, what: string): Promise<CliResult>;
  /** Seconds `drift` waits before re-reading replicated settings (eventual consistency). */
  driftRecheckSeconds: number;
}

export const BIN = join(import.meta.dirname, '../../../bin/mrrctl.js');

export function runProcess(argv: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ argv, code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Polls `run` until it exits `expect` or `limitMs` passes; the last result either way. */
export async function settleBy(run: () => Promise<CliResult>, expect: number, limitMs: number, pause: (ms: number) => Promise<void>, pollMs: number): Promise<CliResult> {
  let result = await run();
  for (let waited = 0; result.code !== expect && waited < limitMs; waited += pollMs) {
    await pause(pollMs);
    result = await run();
  }
  return result;
}
