/**
 * The two targets. Both create the same disposable world through the SDK and run the same CLI as a
 * process; they differ only in how the CLI reaches AWS (`--sandbox URL` or the account's credentials
 * and `--profile`) and in how long they allow AWS to settle.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsClients } from '../../../src/aws/clients.js';
import type { AcceptanceConfig } from './config.js';
import { cleanupRun, type CleanupOptions, type CleanupOutcome } from './cleanup.js';
import { Ledger } from './ledger.js';
import { runProcess, settleBy, type CliResult, type Target } from './target.js';
import { createWorld } from './world.js';

export interface Run {
  target?: Target;
  ledger: Ledger;
  clients: AwsClients;
  /** Deletes what the run created (idempotent; safe after a failure anywhere, even in setup). */
  cleanup(): Promise<CleanupOutcome[]>;
}

interface Timing {
  pause: (ms: number) => Promise<void>;
  settleMs: number;
  settlePollMs: number;
  cliTimeoutMs: number;
  driftRecheckSeconds: number;
  cleanup: Omit<CleanupOptions, 'pause'>;
}

/** The sandbox answers at once; a real account takes minutes (health checkers, replica creation). */
const SANDBOX_TIMING: Timing = {
  pause: (ms) => sleep(ms),
  settleMs: 5_000,
  settlePollMs: 100,
  cliTimeoutMs: 60_000,
  driftRecheckSeconds: 0,
  cleanup: { replicaWaitMs: 10_000, pollMs: 25 },
};
const AWS_TIMING: Timing = {
  pause: (ms) => sleep(ms),
  settleMs: 10 * 60_000,
  settlePollMs: 20_000,
  cliTimeoutMs: 45 * 60_000,
  driftRecheckSeconds: 30,
  cleanup: { replicaWaitMs: 30 * 60_000, pollMs: 15_000 },
};

export interface RunOptions {
  runId: string;
  config: AcceptanceConfig;
  /** The environment the CLI and the SDK clients get (credentials, AWS_PROFILE, PATH). */
  env: NodeJS.ProcessEnv;
  /** Directory for the run's mrrctl.yaml and journal (a fresh temporary one by default). */
  dir?: string;
  /**
   * How the CLI is run: bin/mrrctl.js as a child process by default (what a user runs). The sandbox
   * suite in `npm test` passes main() in-process, which is the same code without a Node start-up per
   * step, to stay fast on a loaded CI machine.
   */
  runner?: (argv: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number) => Promise<CliResult>;
}

export function openRun(opts: RunOptions): Run {
  const { config, runId } = opts;
  const sandboxUrl = config.sandboxUrl;
  const timing = sandboxUrl ? SANDBOX_TIMING : AWS_TIMING;
  const awsEnv = sandboxUrl ? {} : opts.env;
  const clients = new AwsClients({ target: sandboxUrl ? { sandbox: true, endpoint: sandboxUrl } : { sandbox: false, profile: config.profile }, env: awsEnv });
  const ledger = new Ledger(config.ledgerDir, runId);
  return {
    ledger,
    clients,
    cleanup: () => cleanupRun(clients, ledger, { pause: timing.pause, ...timing.cleanup }),
  };
}

/** Creates the world and returns the target the scenarios run against. */
export async function startRun(run: Run, opts: RunOptions): Promise<Target> {
  const { config, runId } = opts;
  const sandboxUrl = config.sandboxUrl;
  const timing = sandboxUrl ? SANDBOX_TIMING : AWS_TIMING;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), `mrrctl-${runId}-`));
  const world = await createWorld(run.clients, run.ledger, {
    runId,
    primaryRegion: config.primaryRegion,
    secondaryRegion: config.secondaryRegion,
    dnsParent: config.dnsParent,
    dir,
  });
  const flags = sandboxUrl ? ['--sandbox', sandboxUrl] : config.profile ? ['--profile', config.profile] : [];
  // The sandbox run gets a bare environment (nothing of the caller's AWS setup can leak in); the
  // real run keeps the caller's, which holds the credentials.
  const env: NodeJS.ProcessEnv = sandboxUrl
    ? { PATH: opts.env.PATH, HOME: dir, NO_COLOR: '1', MRRCTL_JOURNAL: join(dir, 'journal.jsonl') }
    : { ...opts.env, NO_COLOR: '1', MRRCTL_JOURNAL: join(dir, 'journal.jsonl') };
  const runner = opts.runner ?? runProcess;
  const cli = (argv: string[]) => runner(['--config', world.configFile, ...flags, ...argv], env, dir, timing.cliTimeoutMs);
  const target: Target = {
    kind: sandboxUrl ? 'sandbox' : 'aws',
    world,
    ledger: run.ledger,
    clients: run.clients,
    cli,
    settle: (argv, expect) => settleBy(() => cli(argv), expect, timing.settleMs, timing.pause, timing.settlePollMs),
    driftRecheckSeconds: timing.driftRecheckSeconds,
  };
  run.target = target;
  return target;
}
