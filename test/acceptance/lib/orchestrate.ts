/**
 * `npm run test:aws`: refuses without MRRCTL_ACCEPTANCE=1 and a config (exit 2), prints the expected
 * cost, asks (or takes --yes / MRRCTL_ACCEPTANCE_YES=1; exit 5 without a terminal), runs the
 * scenarios under vitest (vitest.acceptance.config.ts), then runs the cleanup once more as a safety
 * net — idempotent, so a cleanup the test already did costs a few reads. `--cleanup <runId>` only
 * deletes what the ledger of an earlier, interrupted run names.
 */
import { createInterface } from 'node:readline/promises';
import { AcceptanceInputError, missingEnvironment, newRunId, readAcceptanceConfig, RUN_ID, type AcceptanceConfig } from './config.js';
import type { CleanupOutcome } from './cleanup.js';
import { acceptanceCost, renderCost } from './cost.js';
import { Ledger } from './ledger.js';
import { openRun } from './targets.js';

export interface OrchestrateIo {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  ask(question: string): Promise<string>;
  /** Runs the scenarios (vitest) with this environment; its exit code. */
  runSuite(env: NodeJS.ProcessEnv): Promise<number>;
}

const USAGE = 'usage: npm run test:aws [-- --yes] | npm run test:aws -- --cleanup <runId>';

export function renderCleanup(report: CleanupOutcome[]): string {
  if (report.length === 0) return 'cleanup: the ledger names nothing';
  return ['cleanup:', ...report.map((r) => `  ${r.kind} ${r.name} (${r.region}): ${r.outcome}`)].join('\n');
}

/** 0 all gone; 3 something carrying the run's names was not the run's (left alone); 1 a delete failed. */
export function cleanupExit(report: CleanupOutcome[]): number {
  if (report.some((r) => r.outcome.startsWith('failed'))) return 1;
  return report.some((r) => r.outcome.startsWith('refused')) ? 3 : 0;
}

export async function acceptanceMain(argv: string[], env: NodeJS.ProcessEnv, io: OrchestrateIo): Promise<number> {
  let yes = env.MRRCTL_ACCEPTANCE_YES === '1';
  let cleanupId: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--yes') yes = true;
    else if (arg === '--cleanup' && argv[i + 1] !== undefined) cleanupId = argv[++i];
    else if (arg.startsWith('--cleanup=')) cleanupId = arg.slice('--cleanup='.length);
    else {
      io.err(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
      return 2;
    }
  }
  const missing = missingEnvironment(env);
  if (missing) {
    io.err(missing);
    return 2;
  }
  let config: AcceptanceConfig;
  try {
    config = readAcceptanceConfig(String(env.MRRCTL_ACCEPTANCE_CONFIG));
  } catch (err) {
    if (!(err instanceof AcceptanceInputError)) throw err;
    io.err(err.message);
    return 2;
  }

  if (cleanupId !== undefined) {
    if (!RUN_ID.test(cleanupId)) {
      io.err(`--cleanup ${JSON.stringify(cleanupId)}: expected a run id such as acc2606041230x7k2 (printed at the start of the run, and the ledger's file name)`);
      return 2;
    }
    if (new Ledger(config.ledgerDir, cleanupId).entries().length === 0) {
      io.err(`--cleanup ${cleanupId}: no ledger for this run in ${config.ledgerDir} (ledgerDir in ${env.MRRCTL_ACCEPTANCE_CONFIG}); nothing was deleted`);
      return 2;
    }
    const run = openRun({ runId: cleanupId, config, env });
    try {
      const report = await run.cleanup();
      io.out(renderCleanup(report));
      return cleanupExit(report);
    } finally {
      run.clients.destroy();
    }
  }

  const regions = `${config.primaryRegion} + ${config.secondaryRegion}${config.profile ? `, profile ${config.profile}` : ''}${config.sandboxUrl ? `, sandbox ${config.sandboxUrl}` : ''}`;
  io.out(renderCost(acceptanceCost(), regions));
  if (!yes) {
    if (!io.isTTY) {
      io.err('not confirmed: no terminal to ask on; pass --yes (npm run test:aws -- --yes) or set MRRCTL_ACCEPTANCE_YES=1. Nothing was created.');
      return 5;
    }
    const answer = (await io.ask('Create these resources (they are deleted at the end)? Type yes: ')).trim();
    if (answer !== 'yes') {
      io.err('not confirmed; nothing was created.');
      return 5;
    }
  }
  const runId = newRunId();
  io.err(`run ${runId}; ledger ${new Ledger(config.ledgerDir, runId).file}\nif this run is interrupted, delete what it left with: npm run test:aws -- --cleanup ${runId}`);
  const code = await io.runSuite({ ...env, MRRCTL_ACCEPTANCE_RUN_ID: runId, MRRCTL_ACCEPTANCE_CONFIRMED: '1' });
  // The safety net: whatever the suite did or did not clean up (a crash, Ctrl-C), clean up now.
  const run = openRun({ runId, config, env });
  try {
    const report = await run.cleanup();
    io.out(renderCleanup(report));
    const cleaned = cleanupExit(report);
    return code !== 0 ? code : cleaned;
  } finally {
    run.clients.destroy();
  }
}

export function terminalAsk(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return rl.question(question).finally(() => rl.close());
}
