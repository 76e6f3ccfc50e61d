/** Ten operators run `failover --yes` at once: exactly one moves DNS, the other nine exit 4 naming the holder. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../core/failover/sandbox-world.js';

let world: FailoverWorld;

beforeAll(async () => {
  // A slow INSYNC keeps the winner holding the lock while the others plan and race.
  world = await failoverWorld({ settings: { dnsDelayMs: 2500 }, guards: { cooldownSeconds: 1800 } });
});
afterAll(async () => {
  await world.stop();
});

describe('concurrent failovers', () => {
  it('exactly one applies; the others exit 4 naming the holder, its reason and since when', async () => {
    const seq = world.w.lastSeq();
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        world.w.run(['failover', '--to', world.secondary, '--yes', '--planned', '--reason', `drill by operator ${i}`, '--output', 'json'], {
          env: { ...world.env, USER: `op${i}`, MRRCTL_JOURNAL: join(world.w.dir, `journal-${i}.jsonl`) },
        }),
      ),
    );
    const codes = runs.map((r) => r.code).sort();
    expect(codes).toEqual([0, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const winner = runs.findIndex((r) => r.code === 0);
    for (const loser of runs.filter((r) => r.code === 4)) {
      const [diag] = loser.json().diagnostics;
      expect(diag.code).toBe('MRR_FAILOVER_E004');
      expect(diag.message).toMatch(new RegExp(`held by op${winner}@\\S+ since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(failover, reason "drill by operator ${winner}"`));
    }
    // One traffic move reached Route 53; the losers' failed CREATEs changed nothing.
    const moves = world.w.sb.calls().filter((c) => c.seq > seq && c.operation === 'ChangeResourceRecordSets' && c.status === 200);
    expect(moves).toHaveLength(4); // the winner: lock, weights, history, unlock
    expect(await world.weights()).toEqual({ 'us-east-1': 0, 'eu-west-1': 100 });
    const history = await world.txt('_mrrctl-history');
    expect(history).toHaveLength(1);
    expect(history[0]).toContain(`"reason=drill by operator ${winner}"`);
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
  });
});
