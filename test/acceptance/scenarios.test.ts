/**
 * The acceptance scenarios against the sandbox: the exact code `npm run test:aws` runs against a real
 * account (world setup, scenarios, cleanup), so it cannot rot unnoticed. The CLI runs in-process
 * through main() here (a Node start-up per step would cost minutes on a loaded CI machine);
 * process.test.ts runs steps through bin/mrrctl.js against the same sandbox target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { openRun, startRun, type Run } from './lib/targets.js';
import { runScenarios, SCENARIOS, type StepRecord } from './scenarios/index.js';
import { acceptanceSandbox, inProcess } from './sandbox-target.js';

describe('acceptance scenarios on the sandbox target', () => {
  let sb: SandboxHandle;
  let run: Run;
  let records: StepRecord[] = [];

  beforeAll(async () => {
    const { sb: handle, config, dir } = await acceptanceSandbox();
    sb = handle;
    const runId = 'acc2601010000test';
    run = openRun({ runId, config, env: process.env });
    const target = await startRun(run, { runId, config, env: process.env, dir, runner: inProcess });
    records = await runScenarios(target, SCENARIOS);
  }, 120_000);

  afterAll(async () => {
    await run?.cleanup();
    run?.clients.destroy();
    await sb?.stop();
  });

  it('runs every scenario step', () => {
    console.log(records.map((r) => `${r.scenario} · ${r.step} ${r.ms} ms`).join('\n'));
    const failed = records.find((r) => !r.ok);
    expect(failed?.error).toBeUndefined();
  });
});
