/** `mrrctl canary` and `canary stop` against the sandbox: CAS weight moves under the lock, history, journal, refusals. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';

let world: FailoverWorld;

beforeAll(async () => {
  world = await failoverWorld();
});
afterAll(async () => {
  await world.stop();
});

describe('mrrctl canary', () => {
  it('dry-run shows the CAS batch and writes nothing; more than 50 % needs --force', async () => {
    const seq = world.w.lastSeq();
    const dry = await world.w.run(['canary', '--to', world.secondary, '--percent', '10', '--dry-run'], { env: world.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('move 10 % of users to eu-west-1: us-east-1 weight 100 → 90, eu-west-1 weight 0 → 10');
    expect(dry.stdout).toContain('CREATE auth.example.com. CNAME [eu-west-1] weight 10');
    const big = await world.w.run(['canary', '--to', world.secondary, '--percent', '80', '--yes'], { env: world.env });
    expect(big.code).toBe(3);
    expect(big.stdout).toContain('80 % is more than a canary (at most 50 %)');
    expect(world.w.writesSince(seq)).toEqual([]);
    expect((await world.w.run(['canary', '--to', world.secondary, '--percent', '0'])).code).toBe(2);
  });

  it('moves 10 %, records it in the history and the journal; canary stop restores the weights', async () => {
    const r = await world.w.run(['canary', '--to', world.secondary, '--percent', '10', '--reason', 'game day', '--yes'], { env: world.env });
    expect(r.code, r.stderr).toBe(0);
    expect(await world.weights()).toEqual({ 'us-east-1': 90, 'eu-west-1': 10 });
    const [event] = await world.txt('_mrrctl-history');
    expect(event).toContain('"kind=canary"');
    expect(event).toContain('"percent=10"');
    expect(event).toContain('"restore=us-east-1:100,eu-west-1:0"');
    expect(await world.txt('_mrrctl-lock')).toEqual([]);

    // Options after the subcommand belong to it: a dry-run stop changes nothing.
    const seq = world.w.lastSeq();
    const dry = await world.w.run(['canary', 'stop', '--dry-run', '--reason', 'done'], { env: world.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('restore the weights us-east-1 90 → 100, eu-west-1 10 → 0');
    expect(world.w.writesSince(seq)).toEqual([]);

    const stop = await world.w.run(['canary', 'stop', '--yes'], { env: world.env });
    expect(stop.code, stop.stderr).toBe(0);
    expect(await world.weights()).toEqual({ 'us-east-1': 100, 'eu-west-1': 0 });
    expect((await world.txt('_mrrctl-history'))[0]).toContain('"kind=canary-stop"');

    const again = await world.w.run(['canary', 'stop', '--yes'], { env: world.env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the weights already are us-east-1 100 / eu-west-1 0');

    const journal = readFileSync(world.w.journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const commands = journal.filter((e) => e.kind === 'step' && e.trafficMoving && e.status === 'applied').map((e) => e.command);
    expect(commands).toEqual(['canary', 'canary stop']);
    expect(JSON.stringify(journal)).toContain('game day');
  });

  it('is refused while the source is unhealthy: that is a failover', async () => {
    await world.primaryOutage();
    try {
      const seq = world.w.lastSeq();
      const r = await world.w.run(['canary', '--to', world.secondary, '--percent', '5', '--yes', '--force'], { env: world.env });
      expect(r.code).toBe(3);
      expect(r.stdout).toMatch(/✗ guard source-healthy fails: us-east-1 is unhealthy .* — moving users away from an unhealthy Region is a failover/);
      expect(world.w.writesSince(seq)).toEqual([]);
    } finally {
      await world.clearFaults();
    }
  });
});
