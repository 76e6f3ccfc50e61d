/**
 * An end-to-end world: an in-process sandbox seeded with the demo scenario, its mrrctl.yaml in a
 * temp directory, a private journal, and `run()` to invoke the real CLI (in-process through main)
 * against it. Every E2E test builds one of these.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import type { CallRecord } from '../../src/sandbox/types.js';
import { runCli, type CliRun, type RunOptions } from './run-cli.js';
import { sandboxAdmin, startTestSandbox } from './sandbox.js';
import type { SettingsPatch } from '../../src/sandbox/settings.js';
import type { VirtualClock } from './virtual-clock.js';

export interface SeededWorld {
  sb: SandboxHandle;
  dir: string;
  journal: string;
  summary: Record<string, any>;
  config: string;
  /** Runs `mrrctl --sandbox <url> ...argv` in the world's directory. */
  run(argv: string[], opts?: RunOptions): Promise<CliRun>;
  /** Write calls made since `since` (a call-log sequence number). */
  writesSince(since: number): CallRecord[];
  lastSeq(): number;
  /** The virtual clock the sandbox and every run share, when the world was made with one. */
  clock?: VirtualClock;
  /**
   * A pause between two reads of a state being waited for: with a virtual clock it moves virtual time
   * (so sandbox delays elapse), otherwise a short real pause.
   */
  pause(ms?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface WorldClockOptions {
  /** Share this clock between the sandbox and every `run()`; without it both use real time. */
  clock?: VirtualClock;
  /** The demo's DNS strategy (`sandbox seed --dns-strategy`); weighted by default. */
  dnsStrategy?: 'weighted' | 'cognito-domain' | 'arc-routing-control';
}

export async function seededWorld(settings?: SettingsPatch, configPatch?: (yaml: string) => string, options: WorldClockOptions = {}): Promise<SeededWorld> {
  const { clock } = options;
  const sb = await startTestSandbox(settings, { clock: clock?.sandbox });
  const seeded = await sandboxAdmin(sb, 'POST', 'seed', { scenario: 'demo', dnsStrategy: options.dnsStrategy ?? 'weighted' });
  if (seeded.status !== 201) throw new Error(`seed failed: ${JSON.stringify(seeded.body)}`);
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-e2e-'));
  const config = configPatch ? configPatch(seeded.body.config) : seeded.body.config;
  writeFileSync(join(dir, 'mrrctl.yaml'), config);
  const journal = join(dir, 'journal.jsonl');
  return {
    sb,
    dir,
    journal,
    summary: seeded.body.summary,
    config,
    run: (argv, opts = {}) =>
      runCli(['--sandbox', sb.url, ...argv], { cwd: dir, clock: clock?.cli, ...opts, env: { MRRCTL_JOURNAL: journal, HOME: dir, ...opts.env } }),
    writesSince: (since) => sb.calls().filter((c) => c.seq > since && c.write),
    lastSeq: () => sb.calls().at(-1)?.seq ?? 0,
    clock,
    pause: (ms = 25) => (clock ? clock.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms))),
    stop: () => sb.stop(),
  };
}
