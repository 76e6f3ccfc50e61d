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
    expect(records.map((r) => r.scenario).filter((id, i, all) => all.indexOf(id) === i)).toEqual(['phases', 'drift', 'failover', 'failback', 'canary']);
  });

  it('cleans up the whole world after a full run, the ACTIVE replica deactivated first', async () => {
    const before = sb.calls().length;
    const report = await run.cleanup();
    expect(report.map((r) => [r.kind, r.outcome])).toEqual([
      ['zone', 'deleted'],
      ['health-check', 'deleted'],
      ['health-check', 'deleted'],
      ['replica', 'deleted'],
      ['pool', 'deleted'],
      ['key', 'scheduled for deletion in 7 days'],
      ['key', 'scheduled for deletion in 7 days'],
    ]);
    const ops = sb.calls().slice(before).filter((c) => c.write && c.status < 300).map((c) => c.operation);
    expect(ops.slice(ops.indexOf('UpdateUserPoolReplica'), ops.indexOf('DeleteUserPool') + 1)).toEqual(['UpdateUserPoolReplica', 'DeleteUserPoolReplica', 'DeleteUserPool']);
  });
});
