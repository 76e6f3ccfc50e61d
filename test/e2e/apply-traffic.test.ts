/**
 * `mrrctl apply FILE` of a traffic plan stops exactly as `mrrctl failover` does: the lock is released
 * and the history recorded after a failed step, and after Ctrl-C (exit 130) — the cleanup is a hook of
 * the shared mutation flow, not of the failover command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { bufferIo } from '../../src/ui/io.js';
import { sandboxAdmin } from '../helpers/sandbox.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { holdModelCall } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const drill = ['--planned', '--reason', 'drill'];
let world: FailoverWorld;
let clock: VirtualClock;

beforeEach(async () => {
  clock = new VirtualClock();
  world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock });
});
afterEach(async () => {
  await world.stop();
});

async function savePlan(): Promise<string> {
  const file = join(world.w.dir, 'drill.plan');
  const saved = await world.w.run(['failover', '--to', world.secondary, ...drill, '--plan-out', file], { env: world.env });
  expect(saved.code, saved.stderr).toBe(0);
  return file;
}

function journal(): any[] {
  return readFileSync(world.w.journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('apply FILE of a failover plan, stopped', () => {
  it('a failing verify step (TestDNSAnswer errors): exit 1, the history written, no lock left, both journaled', async () => {
    const file = await savePlan();
    const fault = await sandboxAdmin(world.w.sb, 'POST', 'faults', { region: 'us-east-1', service: 'route53', operation: 'TestDNSAnswer', kind: 'error', status: 400 });
    expect(fault.status).toBe(201);
    const r = await world.w.run(['apply', file, '--yes', ...drill], { env: world.env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('step route53.verify failed');
    expect(r.stdout).toContain('✓ after the stop: record the failover in the zone');
    expect(r.stdout).toContain('✓ after the stop: release the failover lock');
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    expect(await world.weights()).toEqual({ [world.primary]: 0, [world.secondary]: 100 });
    expect(await world.txt('_mrrctl-history')).toEqual([expect.stringContaining('"kind=failover"')]);
    // The verify step never passed, so the move is on record but not proven (the next failover resumes).
    expect((await world.txt('_mrrctl-history'))[0]).not.toContain('checks=');
    const applied = journal().filter((e) => e.kind === 'step' && e.status === 'applied').map((e) => e.stepId);
    expect(applied).toContain('route53.release-lock');
    expect(applied).toContain('route53.record-history');
  });

  it('Ctrl-C while waiting for INSYNC: exit 130, the history written and the lock released', async () => {
    const file = await savePlan();
    const held = holdModelCall(world.w.sb, { service: 'route53', operation: 'GetChange' });
    const controller = new AbortController();
    const io = bufferIo({});
    try {
      const running = main(['--sandbox', world.w.sb.url, 'apply', file, '--yes', ...drill], {
        io,
        env: { HOME: world.w.dir, MRRCTL_JOURNAL: world.w.journal, ...world.env },
        cwd: world.w.dir,
        clock: clock.cli,
        signal: controller.signal,
      });
      await held.reached;
      controller.abort(new Error('SIGINT'));
      held.release();
      const code = await running;
      expect(code, io.err()).toBe(130);
    } finally {
      held.restore();
    }
    expect(io.err()).toContain('MRR_APPLY_E130');
    expect(io.out()).toContain('✓ after the stop: release the failover lock');
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    expect(await world.txt('_mrrctl-history')).toEqual([expect.stringContaining('"kind=failover"')]);
  });
});
