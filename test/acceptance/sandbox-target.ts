/**
 * The sandbox target for `npm test`: an in-process sandbox on an ephemeral port with short delays,
 * and a run config that points the real-account code path at it. The CLI processes and the sandbox
 * run in real time, so the delays are kept small (the world's every state is still observable).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/server.js';
import type { AcceptanceConfig } from './lib/config.js';
import type { CliResult } from './lib/target.js';
import { runCli } from '../helpers/run-cli.js';

/** main() in-process with captured streams: the code bin/mrrctl.js runs, without a Node start-up. */
export async function inProcess(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  const r = await runCli(argv, { env, cwd });
  return { argv, code: r.code, stdout: r.stdout, stderr: r.stderr };
}

export const ACCEPTANCE_DELAYS = { replicaDelayMs: 50, dnsDelayMs: 20, syncDelayMs: 10 };

export async function acceptanceSandbox(): Promise<{ sb: SandboxHandle; config: AcceptanceConfig; dir: string }> {
  const sb = await startSandbox({ port: 0, settings: ACCEPTANCE_DELAYS });
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-acceptance-'));
  const config: AcceptanceConfig = {
    primaryRegion: 'us-east-1',
    secondaryRegion: 'eu-west-1',
    dnsParent: 'acceptance.example.com',
    ledgerDir: join(dir, 'ledger'),
    sandboxUrl: sb.url,
  };
  return { sb, config, dir };
}
