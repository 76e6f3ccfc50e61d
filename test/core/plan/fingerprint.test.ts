import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/plan/canonical-json.js';
import { fingerprintOf, planHash } from '../../../src/core/plan/fingerprint.js';
import { assertFresh, isStale } from '../../../src/core/plan/freshness.js';
import { ConflictError, ExitCode } from '../../../src/core/errors.js';
import { observedState, samplePlan } from './fixtures.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so build order does not matter', () => {
    const a = { b: 1, a: { y: [1, { d: 2, c: 3 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { c: 3, d: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"c":3,"d":2}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps array order (order is meaning in a list of steps)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('survives a JSON round trip unchanged (what a saved plan goes through)', () => {
    const value = { when: new Date('2025-01-01T00:00:00Z'), gone: undefined, n: -0, list: [undefined, NaN], s: 'é\u2028"' };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('refuses what has no JSON form instead of hashing something ambiguous', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('accepts the same object twice when it is shared, not cyclic', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });
});

describe('fingerprintOf', () => {
  it('is a sha256 hex digest that ignores key order and changes with any value', () => {
    const fingerprint = fingerprintOf(observedState);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ keys: observedState.keys, pool: observedState.pool })).toBe(fingerprint);
    expect(fingerprintOf({ ...observedState, pool: { ...observedState.pool, keyConfiguration: 'k' } })).not.toBe(fingerprint);
  });
});

describe('planHash', () => {
  it('changes when any step changes', () => {
    const plan = samplePlan();
    const edited = samplePlan();
    edited.steps[1].summary = 'replicate the key elsewhere';
    expect(planHash(plan)).toBe(planHash(samplePlan()));
    expect(planHash(edited)).not.toBe(planHash(plan));
  });
});

describe('staleness', () => {
  const plan = samplePlan();

  it('a plan is fresh while the world still fingerprints the same', () => {
    const current = fingerprintOf(structuredClone(observedState));
    expect(isStale(plan, current)).toBe(false);
    expect(() => assertFresh(plan, current)).not.toThrow();
  });

  it('a changed world makes the plan stale: ConflictError, exit 4, MRR_PLAN_E007, told to re-plan', () => {
    const changed = fingerprintOf({ ...observedState, keys: { 'us-east-1': ['mrk-other'], 'eu-west-1': [] } });
    expect(isStale(plan, changed)).toBe(true);
    let caught: unknown;
    try {
      assertFresh(plan, changed);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConflictError);
    const error = caught as ConflictError;
    expect(error.exitCode).toBe(ExitCode.conflict);
    expect(error.code).toBe('MRR_PLAN_E007');
    expect(error.message).toContain('changed since this plan was made');
    expect(error.message).toContain('mrrctl keys setup --plan-out');
    expect(error.details).toMatchObject({ planFingerprint: plan.fingerprint, currentFingerprint: changed });
  });
});
