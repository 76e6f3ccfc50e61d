/** Ten operators run `failover --yes` at once: exactly one moves DNS, the other nine exit 4 naming the holder. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { hookModelCalls } from '../helpers/model-hooks.js';

let world: FailoverWorld;

beforeAll(async () => {
  world = await failoverWorld({ guards: { cooldownSeconds: 1800 } });
});
afterAll(async () => {
  await world.stop();
});

describe('concurrent failovers', () => {
  it('exactly one applies; the others exit 4 naming the holder, its reason and since when', async () => {
    const seq = world.w.lastSeq();
    // The lock and the traffic move are one batch; the winner's wait for INSYNC (its GetChange, after
    // that batch) is held until every other run has ended, so it holds the lock while the others plan
    // and race, however slow the machine. The batches pass straight through: Route 53 applies them one
    // at a time, and every batch after the winner's is refused whole (the lock's CREATE fails).
    const RUNS = 10;
    let ended = 0;
    let held = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const openWhenAllArrived = () => ended + held >= RUNS && open();
    const restore = hookModelCalls(world.w.sb, { service: 'route53', operation: 'GetChange' }, {
      before: async () => {
        held++;
        openWhenAllArrived();
        await gate;
      },
    });
    const runs = await Promise.all(
      Array.from({ length: RUNS }, (_, i) =>
        world.w
          .run(['failover', '--to', world.secondary, '--yes', '--planned', '--reason', `drill by operator ${i}`, '--output', 'json'], {
            env: { ...world.env, USER: `op${i}`, MRRCTL_JOURNAL: join(world.w.dir, `journal-${i}.jsonl`) },
          })
          .finally(() => {
            ended++;
            openWhenAllArrived();
          }),
      ),
    ).finally(restore);
    expect(held, 'the wait for INSYNC never reached the gate').toBeGreaterThan(0);
    const codes = runs.map((r) => r.code).sort();
    // On a failure, say what the odd runs printed (a busy machine once turned some into exit 1).
    const odd = runs.filter((r) => r.code !== 0 && r.code !== 4).map((r) => `${r.code}: ${r.stderr || r.stdout}`);
    expect(codes, odd.join('\n---\n')).toEqual([0, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const winner = runs.findIndex((r) => r.code === 0);
    for (const loser of runs.filter((r) => r.code === 4)) {
      const [diag] = loser.json().diagnostics;
      expect(diag.code).toBe('MRR_FAILOVER_E004');
      expect(diag.message).toMatch(new RegExp(`held by op${winner}@\\S+ \\(pid \\d+, run \\S+\\) since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(failover, reason "drill by operator ${winner}"`));
    }
    // One traffic move reached Route 53; the losers' refused batches changed nothing.
    const moves = world.w.sb.calls().filter((c) => c.seq > seq && c.operation === 'ChangeResourceRecordSets' && c.status === 200);
    expect(moves).toHaveLength(2); // the winner: lock + weights in one batch, then history + unlock in one batch
    expect(await world.weights()).toEqual({ 'us-east-1': 0, 'eu-west-1': 100 });
    const history = await world.txt('_mrrctl-history');
    expect(history).toHaveLength(1);
    expect(history[0]).toContain(`"reason=drill by operator ${winner}"`);
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
  });
});
