/** The drift guard: with guards.requireDriftClean, error-severity drift for the target refuses a failover; --force waives it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';

let world: FailoverWorld;

beforeAll(async () => {
  // The demo's Lambda triggers, SES identity and web ACL exist only in the primary: drift for the secondary.
  world = await failoverWorld({ guards: { requireDriftClean: true } });
});
afterAll(async () => {
  await world.stop();
});

describe('the drift guard', () => {
  it('refuses a planned failover with the findings as evidence, and --force waives it', async () => {
    const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--planned', '--reason', 'drill', '--output', 'json'], { env: world.env });
    expect(r.code).toBe(3);
    const drift = r.json().data.plan.guards.find((g: any) => g.id === 'drift');
    expect(drift.ok).toBe(false);
    expect(drift.evidence).toMatch(/error-severity finding\(s\) for eu-west-1: MRR_DRIFT_E\d+ secondary\./);
    const forced = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--force', '--reason', 'sev1, drift accepted', '--output', 'json'], { env: world.env });
    expect(forced.code).toBe(0);
    expect(forced.json().data.plan.guards.find((g: any) => g.id === 'drift')).toMatchObject({ ok: false, waived: true });
  }, 60_000);

  it('does not call a primary that is down: drift is "not checked", relying on drift gated before the outage', async () => {
    await world.primaryOutage();
    try {
      const seq = world.w.lastSeq();
      const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--planned', '--reason', 'x', '--output', 'json'], { env: world.env });
      expect(r.code).toBe(0);
      const drift = r.json().data.plan.guards.find((g: any) => g.id === 'drift');
      // It passes, but never silently: unchecked, with what to do once the primary answers again.
      expect(drift).toMatchObject({ ok: true, checked: false, remedy: 're-run `mrrctl drift` once the source Region answers again' });
      expect(drift.evidence).toContain('NOT CHECKED: us-east-1 is down and drift compares it with eu-west-1; relying on drift gated before the outage');
      expect(world.w.sb.calls().filter((c) => c.seq > seq && c.region === world.primary && !['route53', 'monitoring'].includes(c.service))).toEqual([]);
    } finally {
      await world.clearFaults();
    }
  });
});
