/**
 * Machine-readable guards: every failover guard carries `ok` and `checked`; refusals a wait would
 * lift carry `retryAfterSeconds`; an unchecked guard refuses (waived only as its guard is), except
 * the drift guard with the source down, which passes unchecked and says so.
 */
import { describe, expect, it } from 'vitest';
import { antiFlapGuard, applyWaivers, cooldownGuard, driftGuard, issuerGuard, refuses, replicaGuard } from '../../../src/core/failover/guards.js';
import { planFailover } from '../../../src/core/failover/plan.js';
import type { AntiFlapEvidence } from '../../../src/core/health/anti-flap.js';
import { renderPlanText } from '../../../src/ui/plan/plan-text.js';
import { createPlan } from '../../../src/core/plan/create-plan.js';
import { GUARDS, ID, observation, options, T, WEIGHTED } from './fixtures.js';

const reading = { id: 'hc-p', healthyCheckers: 0, checkers: 16, share: 0, healthy: false };

function antiFlap(patch: Partial<AntiFlapEvidence>): AntiFlapEvidence {
  return { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 180, source: 'cloudwatch', seconds: 420, ok: true, detail: 'd', current: reading, ...patch };
}

describe('retryAfterSeconds', () => {
  it('anti-flap: a run under way for 100.2 s of a 180 s window says 80 s', () => {
    expect(antiFlapGuard(antiFlap({ seconds: 100.2, ok: false }))).toMatchObject({ ok: false, checked: true, retryAfterSeconds: 80 });
  });

  it('anti-flap: a Region in the other state has no known end, so no retryAfterSeconds', () => {
    const g = antiFlapGuard(antiFlap({ source: 'current', seconds: 0, ok: false, current: { ...reading, healthy: true } }));
    expect(g).toMatchObject({ ok: false, checked: true });
    expect(g.retryAfterSeconds).toBeUndefined();
  });

  it('cooldown: 1800 s cooldown, last move 1000.5 s ago → 800 s', () => {
    const now = new Date('2026-06-10T03:10:00.000Z');
    const g = cooldownGuard(1800, [{ time: '2026-06-10T02:53:19.500Z', from: 'us-east-1', to: 'eu-west-1', source: 'history' }], now);
    expect(g).toMatchObject({ id: 'cooldown', ok: false, checked: true, retryAfterSeconds: 800 });
  });

  it('a waived refusal keeps neither remedy nor retryAfterSeconds', () => {
    const [g] = applyWaivers([antiFlapGuard(antiFlap({ seconds: 100, ok: false }))], { planned: true });
    expect(g).toMatchObject({ ok: false, waived: true, checked: true });
    expect(g.retryAfterSeconds).toBeUndefined();
    expect(g.remedy).toBeUndefined();
  });
});

describe('checked', () => {
  it('anti-flap without a health check, or with an unreadable one, is unchecked and refuses', () => {
    expect(antiFlapGuard(antiFlap({ source: 'none', healthCheckId: undefined, seconds: 0, ok: false, current: undefined }))).toMatchObject({ ok: false, checked: false });
    const unreadable = antiFlapGuard(antiFlap({ source: 'current', seconds: 0, ok: false, current: { id: 'hc-p', healthyCheckers: 0, checkers: 0, share: 0, error: 'ThrottlingException' } }));
    expect(unreadable).toMatchObject({ ok: false, checked: false });
  });

  it('the failback remedy does not speak of a real outage', () => {
    const g = antiFlapGuard(antiFlap({ want: 'healthy', source: 'current', seconds: 0, ok: false, current: { ...reading, healthy: false } }));
    expect(g.remedy).toBe('`--planned --reason "…"` to fail back now; otherwise us-east-1 must stay healthy for the window (guards.minUnhealthySeconds) first');
    expect(g.remedy).not.toContain('outage');
  });

  it('an unread replica status refuses and no flag waives it', () => {
    const g = replicaGuard('eu-west-1', false, undefined, 'ThrottlingException: slow down');
    expect(g).toMatchObject({ ok: false, checked: false });
    expect(refuses(applyWaivers([g], { force: true, planned: true, forceUnhealthyTarget: true }))).toBe(true);
  });

  it('an unread issuer refuses as unknown, and --force waives it like a failing one', () => {
    const g = issuerGuard(undefined, 'eu-west-1');
    expect(g).toEqual({ id: 'issuer', ok: false, checked: false, evidence: 'the issuer type could not be read in eu-west-1: unknown', remedy: 'retry once it answers (`mrrctl health`), or `--force --reason "…"`' });
    expect(refuses(applyWaivers([g], { force: true }))).toBe(false);
  });

  it('drift: with the source down it passes unchecked, with its remedy; otherwise unchecked drift refuses', () => {
    expect(driftGuard('eu-west-1', { required: true, checked: false, sourceDown: true, errors: [], reason: 'us-east-1 is down' })).toEqual({
      id: 'drift',
      ok: true,
      checked: false,
      evidence: 'NOT CHECKED: us-east-1 is down; relying on drift gated before the outage (`mrrctl drift` in CI)',
      remedy: 're-run `mrrctl drift` once the source Region answers again',
    });
    expect(driftGuard('eu-west-1', { required: true, checked: false, errors: [], reason: 'AccessDenied' })).toMatchObject({ ok: false, checked: false });
    expect(driftGuard('eu-west-1', { required: false, checked: false, errors: [] })).toMatchObject({ ok: true, checked: true });
  });

  it('every guard of a failover plan carries ok and checked (createPlan fills checked for the rest)', () => {
    const parts = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, observation(), options(), ID);
    const plan = createPlan({ command: 'failover', ...T, observed: {}, steps: parts.steps, guards: parts.guards }, { now: ID.now });
    for (const g of plan.guards ?? []) {
      expect(typeof g.ok, g.id).toBe('boolean');
      expect(typeof g.checked, g.id).toBe('boolean');
    }
    expect(plan.guards?.map((g) => g.id)).toEqual(['target-replica', 'target-healthy', 'anti-flap', 'cooldown', 'drift', 'issuer', 'lock', 'dns-target']);
  });

  it('the plan text never shows an unchecked guard as a plain pass', () => {
    const plan = createPlan(
      {
        command: 'failover',
        ...T,
        observed: {},
        steps: [],
        guards: [driftGuard('eu-west-1', { required: true, checked: false, sourceDown: true, errors: [], reason: 'us-east-1 is down' }), issuerGuard(undefined, 'eu-west-1')],
      },
      { now: ID.now },
    );
    const lines = renderPlanText(plan);
    expect(lines).toContain('? guard drift passes unchecked: NOT CHECKED: us-east-1 is down; relying on drift gated before the outage (`mrrctl drift` in CI) — re-run `mrrctl drift` once the source Region answers again');
    expect(lines).toContain('✗ guard issuer fails (not checked): the issuer type could not be read in eu-west-1: unknown — retry once it answers (`mrrctl health`), or `--force --reason "…"`');
  });
});
