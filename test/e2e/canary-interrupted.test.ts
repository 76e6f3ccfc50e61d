/**
 * `canary` interrupted (Ctrl-C while waiting for Route 53's INSYNC): the "after the stop" lines
 * (history recorded, lock released) are printed once — they are the result's lines on stdout, not
 * also logged to stderr — and nothing is written to stderr in JSON mode but the error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { bufferIo } from '../../src/ui/io.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { holdModelCall } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

let world: FailoverWorld;
let clock: VirtualClock;

beforeEach(async () => {
  clock = new VirtualClock();
  world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock });
});
afterEach(async () => {
  await world.stop();
});

async function interruptedCanary(extra: string[]) {
  const held = holdModelCall(world.w.sb, { service: 'route53', operation: 'GetChange' });
  const controller = new AbortController();
  const io = bufferIo({});
  try {
    const running = main(['--sandbox', world.w.sb.url, 'canary', '--to', world.secondary, '--percent', '10', '--reason', 'game day', '--yes', ...extra], {
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
    return { code, out: io.out(), err: io.err() };
  } finally {
    held.restore();
  }
}

const afterStop = (text: string) => text.split('\n').filter((line) => line.includes('after the stop'));

describe('canary interrupted', () => {
  it('prints each "after the stop" line once', async () => {
    const r = await interruptedCanary([]);
    expect(r.code, r.err).toBe(130);
    const lines = [...afterStop(r.out), ...afterStop(r.err)];
    expect(lines).toEqual([
      "✓ after the stop: record the canary in the zone's history (_mrrctl-history.auth.example.com)",
      '✓ after the stop: release the failover lock (a DELETE of exactly the record as read)',
    ]);
    expect(new Set(lines).size).toBe(lines.length);
    expect(afterStop(r.err)).toEqual([]);
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
  });

  it('JSON mode: the lines are data.afterStop, none on stderr', async () => {
    const r = await interruptedCanary(['--output', 'json']);
    expect(r.code).toBe(130);
    expect(afterStop(r.err)).toEqual([]);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: false,
      command: 'canary',
      data: { afterStop: ["✓ after the stop: record the canary in the zone's history (_mrrctl-history.auth.example.com)", '✓ after the stop: release the failover lock (a DELETE of exactly the record as read)'] },
    });
  });
});
