import { describe, expect, it } from 'vitest';
import { ConflictError, ExitCode, InputError, MrrError, UsageError } from '../../../src/core/errors.js';
import { planHash } from '../../../src/core/plan/fingerprint.js';
import { parsePlan, serializePlan, type ParsePlanOptions } from '../../../src/core/plan/plan-file.js';
import { samplePlan, T0 } from './fixtures.js';

/** The plan as the file holds it (JSON at the boundary). */
type PlanJson = Record<string, any>;

const SOURCE = 'plans/keys.plan.json';
const soon = new Date(T0.getTime() + 60_000);
const opts: ParsePlanOptions = { now: soon, source: SOURCE };

function refusal(text: string, options: ParsePlanOptions = opts): MrrError {
  try {
    parsePlan(text, options);
  } catch (error) {
    if (error instanceof MrrError) return error;
    throw error;
  }
  throw new Error('parsePlan accepted the file');
}

/** Rewrites the plan inside a saved file and keeps the recorded checksum consistent with it. */
function resealed(mutate: (plan: Record<string, unknown>) => void): string {
  const document = JSON.parse(serializePlan(samplePlan()));
  mutate(document.plan);
  document.sha256 = planHash(document.plan);
  return JSON.stringify(document);
}

describe('serializePlan / parsePlan', () => {
  it('round-trips a plan exactly, with the envelope the docs describe', () => {
    const plan = samplePlan({ notes: ['rotation is enabled'], guards: [{ id: 'cooldown', ok: true, evidence: 'no failover in 30 min' }] });
    const text = serializePlan(plan);
    const document = JSON.parse(text);
    expect(document).toMatchObject({ format: 'mrrctl-plan', version: 1, sha256: planHash(plan) });
    const loaded = parsePlan(text, opts);
    expect(loaded).toEqual(plan);
    // The journal's planHash of the loaded plan must lead back to the file's checksum.
    expect(planHash(loaded)).toBe(document.sha256);
  });

  it('carries the command options, and saves members set to undefined as absent (as JSON does)', () => {
    const plan = samplePlan({ options: { to: 'eu-west-1', percent: 10 } });
    (plan.steps[0].input as Record<string, unknown>).Policy = undefined;
    const loaded = parsePlan(serializePlan(plan), opts);
    expect(loaded.options).toEqual({ to: 'eu-west-1', percent: 10 });
    expect(loaded.steps[0].input).not.toHaveProperty('Policy');
    expect(planHash(loaded)).toBe(planHash(plan));
  });

  it('refuses to save an invalid plan (a planner bug) rather than write a file apply would refuse', () => {
    const plan = samplePlan();
    plan.steps[0].dependsOn = ['kms.wait-replica'];
    expect(() => serializePlan(plan)).toThrow(/steps\[0\]\.dependsOn\[0\]/);
  });
});

describe('parsePlan refuses bad files', () => {
  it('detects tampering: one character of a step input changed → exit 2, MRR_PLAN_E003', () => {
    const text = serializePlan(samplePlan());
    const altered = text.replace('SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULX');
    expect(altered).not.toBe(text);
    const error = refusal(altered);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.code).toBe('MRR_PLAN_E003');
    expect(error.message).toContain(SOURCE);
    expect(error.message).toContain('the file was altered after it was saved');
  });

  it('detects a changed checksum too', () => {
    const document = JSON.parse(serializePlan(samplePlan()));
    document.sha256 = document.sha256.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    expect(refusal(JSON.stringify(document)).code).toBe('MRR_PLAN_E003');
  });

  it('accepts re-indentation: the checksum is over content, not whitespace', () => {
    const compact = JSON.stringify(JSON.parse(serializePlan(samplePlan())));
    expect(parsePlan(compact, opts).steps).toHaveLength(4);
  });

  it.each([
    ['cut in half', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['missing its last byte', (text: string) => text.trimEnd().slice(0, -1)],
    ['empty', () => ''],
    ['not JSON at all', () => 'format: mrrctl-plan\n'],
  ])('a truncated or non-JSON file (%s) → exit 2, MRR_PLAN_E001 naming the file', (_name, cut) => {
    const error = refusal(cut(serializePlan(samplePlan())));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('MRR_PLAN_E001');
    expect(error.message).toContain(SOURCE);
    expect(error.message).toContain('--plan-out');
  });

  it.each([
    ['another format', { format: 'terraform-plan' }, 'format'],
    ['a future version', { version: 2 }, 'version'],
    ['a malformed checksum', { sha256: 'abc' }, 'sha256'],
    ['an unknown envelope field', { signature: 'x' }, 'signature'],
  ])('%s → exit 2, MRR_PLAN_E002 naming the field', (_name, patch, field) => {
    const document = { ...JSON.parse(serializePlan(samplePlan())), ...patch };
    const error = refusal(JSON.stringify(document));
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('MRR_PLAN_E002');
    expect((error as InputError).field).toBe(field);
    expect(error.message).toContain(SOURCE);
  });

  it('a JSON array instead of a plan → E002', () => {
    expect(refusal('[1,2]').code).toBe('MRR_PLAN_E002');
  });

  it.each([
    ['a bad action', (p: PlanJson) => (p.steps[2].action = 'replace'), 'plan.steps[2].action', /one of "create"/],
    ['a missing summary', (p: PlanJson) => delete p.steps[0].summary, 'plan.steps[0].summary', /string/],
    ['an unknown step field', (p: PlanJson) => (p.steps[1].force = true), 'plan.steps[1].force', /no such field/],
    ['a bad Region', (p: PlanJson) => (p.secondaryRegion = 'europe'), 'plan.secondaryRegion', /Region/],
    ['a multi-line summary', (p: PlanJson) => (p.steps[0].summary = 'a\nb'), 'plan.steps[0].summary', /one line/],
    ['a duplicate step id', (p: PlanJson) => (p.steps[3].id = 'kms.create-key'), 'plan.steps[3].id', /not used by an earlier step/],
    ['a bad createdAt', (p: PlanJson) => (p.createdAt = 'yesterday'), 'plan.createdAt', /ISO 8601/],
    ['an expiry before creation', (p: PlanJson) => (p.expiresAt = '2025-05-01T00:00:00.000Z'), 'plan.expiresAt', /after createdAt/],
  ])('schema-invalid content (%s) → exit 2, MRR_PLAN_E004 naming the field', (_name, mutate, field, expected) => {
    const error = refusal(resealed(mutate));
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('MRR_PLAN_E004');
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).expected).toMatch(expected);
    expect(error.message).toContain(SOURCE);
  });

  it('a plan for another pool → exit 2, MRR_PLAN_E005 naming both ids', () => {
    const error = refusal(serializePlan(samplePlan()), { ...opts, expect: { userPoolId: 'eu-west-1_Zz99Yy88' } });
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.code).toBe('MRR_PLAN_E005');
    expect(error.message).toContain('us-east-1_Ab12Cd34');
    expect(error.message).toContain('eu-west-1_Zz99Yy88');
  });

  it('a plan for other Regions → E005; the matching pool and Regions pass', () => {
    const text = serializePlan(samplePlan());
    expect(refusal(text, { ...opts, expect: { secondaryRegion: 'us-west-2' } }).code).toBe('MRR_PLAN_E005');
    const expectSame = { userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };
    expect(parsePlan(text, { ...opts, expect: expectSame }).userPoolId).toBe('us-east-1_Ab12Cd34');
  });
});

describe('parsePlan refuses old plans (exit 4)', () => {
  const text = serializePlan(samplePlan()); // made at T0, expires T0 + 1h

  it('older than --max-age → ConflictError, exit 4, MRR_PLAN_E006', () => {
    const now = new Date(T0.getTime() + 11 * 60_000);
    expect(parsePlan(text, { now, source: SOURCE, maxAgeSeconds: 15 * 60 }).command).toBe('keys setup');
    const error = refusal(text, { now, source: SOURCE, maxAgeSeconds: 10 * 60 });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.exitCode).toBe(ExitCode.conflict);
    expect(error.code).toBe('MRR_PLAN_E006');
    expect(error.message).toContain('--max-age 600s');
    expect(error.message).toContain('11m00s old');
    expect(error.message).toContain('mrrctl keys setup --plan-out');
  });

  it('past expiresAt → exit 4 even when --max-age would allow it', () => {
    const now = new Date(T0.getTime() + 3600_000);
    const error = refusal(text, { now, source: SOURCE, maxAgeSeconds: 24 * 3600 });
    expect(error.exitCode).toBe(ExitCode.conflict);
    expect(error.code).toBe('MRR_PLAN_E006');
    expect(error.message).toContain('expired at 2025-06-01T11:00:00.000Z');
  });

  it('the default max age is one hour', () => {
    expect(() => parsePlan(text, { now: new Date(T0.getTime() + 59 * 60_000), source: SOURCE })).not.toThrow();
    expect(refusal(text, { now: new Date(T0.getTime() + 61 * 60_000), source: SOURCE }).code).toBe('MRR_PLAN_E006');
  });

  it('a plan whose lifetime is not exactly one hour was edited: exit 2, naming plan.expiresAt', () => {
    const longLived = serializePlan(samplePlan({ expiresAt: '2025-06-02T10:00:00.000Z' }));
    const error = refusal(longLived, { now: new Date(T0.getTime() + 59 * 60_000), source: SOURCE });
    expect(error.code).toBe('MRR_PLAN_E004');
    expect((error as InputError).field).toBe('plan.expiresAt');
  });

  it('a plan made in the future (beyond clock skew) is invalid, so it cannot dodge --max-age', () => {
    const error = refusal(text, { now: new Date(T0.getTime() - 3600_000), source: SOURCE });
    expect(error.code).toBe('MRR_PLAN_E004');
    expect((error as InputError).field).toBe('plan.createdAt');
  });
});
