/**
 * Nothing from outside reaches the terminal raw: an operator name (USER) and a --reason carrying
 * escape sequences are stored in the zone's history by one failover, and another operator's
 * `failover --dry-run` shows them escaped in text, and exact in JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const EVIL = '\x1b]0;owned\x07\x1b[2J';
let world: FailoverWorld;
const clock = new VirtualClock();

beforeAll(async () => {
  world = await failoverWorld({ activate: true, guards: { minUnhealthySeconds: 2, cooldownSeconds: 600 }, clock });
});
afterAll(async () => {
  await world.stop();
});

describe('terminal injection through the history record', () => {
  it('a failover by a hostile USER with a hostile --reason: the zone keeps it, text shows it escaped', async () => {
    await world.primaryOutage();
    clock.advance(3200);
    const r = await world.w.run(['failover', '--to', world.secondary, '--yes', '--reason', `drill ${EVIL}`], { env: { ...world.env, USER: `mallory${EVIL}` } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('\x1b');
    expect(r.stdout + r.stderr).not.toContain('\x07');

    // Another operator plans the failback: the cooldown guard names the last failover, its operator.
    await world.clearFaults();
    clock.advance(3000);
    const next = await world.w.run(['failover', '--to', world.primary, '--dry-run'], { env: { ...world.env, USER: 'alice' } });
    expect(next.stdout + next.stderr).toContain('mallory\\x1b]0;owned\\x07\\x1b[2J');
    expect(next.stdout + next.stderr).not.toContain('\x1b');
    expect(next.stdout + next.stderr).not.toContain('\x07');

    // JSON stays exact: the same text, control characters and all, as JSON escapes.
    const json = await world.w.run(['failover', '--to', world.primary, '--dry-run', '--output', 'json'], { env: { ...world.env, USER: 'alice' } });
    expect(json.stdout).toContain('mallory\\u001b]0;owned\\u0007\\u001b[2J');
    expect(json.stderr).not.toContain('\x1b');
  });

  it('a hostile value in an error message is escaped too', async () => {
    const r = await world.w.run(['failover', '--to', `eu-west-1${EVIL}`, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('eu-west-1\\u001b]0;owned');
    expect(r.stderr).not.toContain('\x1b');
  });
});
