/**
 * The scenarios against a real account. Run only through `npm run test:aws`, which has printed the
 * cost, been confirmed, and chosen the run id; run directly, this file refuses. Each scenario is one
 * test, in order; after a failure the rest are skipped (they build on it). Cleanup runs in afterAll
 * whatever happened, and once more in the runner after vitest exits.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { readAcceptanceConfig } from './lib/config.js';
import { openRun, startRun, type Run } from './lib/targets.js';
import type { Target } from './lib/target.js';
import { renderCleanup } from './lib/orchestrate.js';
import { runScenarios, SCENARIOS } from './scenarios/index.js';

const env = process.env;
const runId = env.MRRCTL_ACCEPTANCE_RUN_ID;

describe('acceptance scenarios on a real account', () => {
  if (!runId || env.MRRCTL_ACCEPTANCE_CONFIRMED !== '1' || !env.MRRCTL_ACCEPTANCE_CONFIG) {
    it('runs only through npm run test:aws', () => {
      throw new Error('run this through `npm run test:aws` (it prints the expected cost and asks first); see docs/acceptance.md');
    });
    return;
  }
  const config = readAcceptanceConfig(env.MRRCTL_ACCEPTANCE_CONFIG);
  let run: Run;
  let target: Target | undefined;
  let failed: string | undefined;

  beforeAll(async () => {
    run = openRun({ runId, config, env });
    target = await startRun(run, { runId, config, env });
  }, 10 * 60_000);

  afterAll(async () => {
    if (!run) return;
    try {
      console.log(renderCleanup(await run.cleanup()));
    } finally {
      run.clients.destroy();
    }
  }, 60 * 60_000);

  for (const scenario of SCENARIOS) {
    it(scenario.title, async (ctx) => {
      if (failed || !target) ctx.skip(`skipped: ${failed ?? 'setup'} failed first`);
      const records = await runScenarios(target!, [scenario], (r) => console.log(`${r.ok ? '✓' : '✗'} ${scenario.id} · ${r.step} (${Math.round(r.ms / 1000)} s)`));
      const bad = records.find((r) => !r.ok);
      if (bad) {
        failed = scenario.id;
        throw new Error(bad.error);
      }
    }, 60 * 60_000);
  }
});
