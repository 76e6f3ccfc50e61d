/**
 * JSON mode keeps stderr empty, but a warning is not lost: a lock lease that cannot be renewed during
 * a long INSYNC wait (Route 53 changes failing for a while) is a `MRR_OUTPUT_W001` diagnostic of the
 * document. Time is the virtual clock the sandbox and mrrctl share.
 */
import { afterEach, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { hookModelCalls } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

let world: FailoverWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

it('a lease renewal that fails mid-wait is a warning diagnostic in the document, not a line on stderr', async () => {
  const clock = new VirtualClock();
  world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock, settings: { dnsDelayMs: 60_000 } });
  const w = world;
  const start = clock.nowMs();
  let armed = false;
  // 25 s into the INSYNC wait (after the first renewal at 20 s), Route 53 changes fail for a few calls.
  const unhook = hookModelCalls(w.w.sb, { service: 'route53', operation: 'GetChange' }, {
    before: () => {
      if (armed || clock.nowMs() - start < 25_000) return;
      armed = true;
      w.w.sb.world.addFault({ service: 'route53', operation: 'ChangeResourceRecordSets', kind: 'error', status: 500, count: 6 });
    },
  });
  try {
    const r = await w.w.run(['failover', '--to', w.secondary, '--yes', '--planned', '--reason', 'drill', '--timeout', '300', '--output', 'json'], { env: w.env });
    expect(armed).toBe(true);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toBe('');
    const warnings = r.json().diagnostics.filter((d: { code: string }) => d.code === 'MRR_OUTPUT_W001');
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', message: expect.stringMatching(/^the lock's lease could not be renewed \(/) });
  } finally {
    unhook();
  }
}, 120_000);
