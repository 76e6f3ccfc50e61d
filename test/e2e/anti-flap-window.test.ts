/**
 * The anti-flap window counts from the first unhealthy observation at the metric's real resolution,
 * not from the next whole minute: with a 3 min window (60 s periods), a primary outage that starts at
 * hh:mm:40 is counted from hh:mm:40 (the sandbox's metric resolves 10 s), the refusal says how long to
 * wait (`retryAfterSeconds`), and the failover passes 3 min after the fault, not 3 min 20 s. Time is
 * the VirtualClock shared by the sandbox and the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const clock = new VirtualClock();
let world: FailoverWorld;
let faultAt = 0;

beforeAll(async () => {
  world = await failoverWorld({ activate: true, guards: { minUnhealthySeconds: 180, cooldownSeconds: 4 }, clock });
  // To the next hh:mm:40, then the primary goes down.
  clock.advance(((40_000 - (clock.nowMs() % 60_000)) + 60_000) % 60_000 || 60_000);
  faultAt = clock.nowMs();
  await world.primaryOutage();
}, 120_000);
afterAll(async () => {
  await world.stop();
});

function antiFlap(r: { json(): any }) {
  return r.json().data.plan.guards.find((g: { id: string }) => g.id === 'anti-flap');
}

describe('the anti-flap window', () => {
  it('100 s after a fault at :40, refuses with retryAfterSeconds 80, counting from :40', async () => {
    expect(new Date(faultAt).getUTCSeconds()).toBe(40);
    clock.advance(100_000);
    const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--output', 'json'], { env: world.env });
    const g = antiFlap(r);
    expect(g).toMatchObject({ ok: false, checked: true, retryAfterSeconds: 80 });
    expect(g.evidence).toBe(
      `us-east-1 has been unhealthy for 100 s (since ${new Date(faultAt).toISOString()}, the first unhealthy observation, at the metric's 10 s resolution) per CloudWatch HealthCheckStatus, less than the 3 min window: retry in about 80 s`,
    );
  });

  it('3 min 5 s after the fault it passes (the old whole-minute count said 2 min 45 s)', async () => {
    clock.advance(85_000);
    const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--output', 'json'], { env: world.env });
    const g = antiFlap(r);
    expect(g).toMatchObject({ ok: true, checked: true });
    expect(g.evidence).toContain(`us-east-1 has been unhealthy for 3 min 5 s (since ${new Date(faultAt).toISOString()}, the first unhealthy observation`);
  });
});
