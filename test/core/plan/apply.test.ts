import { describe, expect, it } from 'vitest';
import { AwsCallError } from '../../../src/core/errors.js';
import { applyPlan, type ApplyEvent } from '../../../src/core/plan/apply.js';
import { planHash } from '../../../src/core/plan/fingerprint.js';
import type { JournalEntry, StepEntry } from '../../../src/core/plan/journal.js';
import type { Step, StepOutcome } from '../../../src/core/plan/types.js';
import { MemoryJournal, samplePlan, steppingClock } from './fixtures.js';

/** An executor scripted per step id; records the order in which steps were executed. */
function scriptedExecutor(script: Record<string, StepOutcome | Error>) {
  const calls: string[] = [];
  const execute = async (step: Step): Promise<StepOutcome> => {
    calls.push(step.id);
    const outcome = script[step.id] ?? { status: 'applied' };
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { calls, execute };
}

const stepEntries = (entries: JournalEntry[]) => entries.filter((e): e is StepEntry => e.kind === 'step');

describe('applyPlan', () => {
  it('runs every step in order and journals start, each step and end', async () => {
    const plan = samplePlan();
    const journal = new MemoryJournal();
    const { calls, execute } = scriptedExecutor({ 'kms.create-key': { status: 'applied', output: { KeyId: 'mrk-1' } } });
    const result = await applyPlan(plan, { execute, journal, clock: steppingClock(), actor: 'alice' });

    expect(calls).toEqual(plan.steps.map((s) => s.id));
    expect(result.ok).toBe(true);
    expect(result.planHash).toBe(planHash(plan));
    expect(result.notRun).toEqual([]);
    expect(result.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(result.results[0].output).toEqual({ KeyId: 'mrk-1' });
    expect(result.results[0].durationMs).toBe(250);

    expect(journal.entries.map((e) => e.kind)).toEqual(['plan-start', 'step', 'step', 'step', 'step', 'plan-end']);
    for (const entry of journal.entries) {
      expect(entry).toMatchObject({ actor: 'alice', command: 'keys setup', userPoolId: 'us-east-1_Ab12Cd34', planHash: planHash(plan) });
      expect(Date.parse(entry.time)).not.toBeNaN();
    }
    expect(stepEntries(journal.entries)[3]).toMatchObject({
      stepId: 'cognito.key-configuration',
      operation: 'UpdateUserPool',
      service: 'cognito-idp',
      region: 'us-east-1',
      status: 'applied',
      durationMs: 250,
    });
    expect(journal.entries.at(-1)).toMatchObject({ kind: 'plan-end', status: 'ok', applied: 4, skipped: 0, notRun: [] });
  });

  it('stops at the first failure: later steps do not run, the result names the failed step and what was applied', async () => {
    const plan = samplePlan();
    const journal = new MemoryJournal();
    const failure = new AwsCallError('MRR_AWS_E001', 'kms eu-west-1 ReplicateKey: ServiceUnavailable after 3 attempts');
    const { calls, execute } = scriptedExecutor({ 'kms.replicate-key': failure });
    const result = await applyPlan(plan, { execute, journal, clock: steppingClock(), actor: 'alice' });

    expect(calls).toEqual(['kms.create-key', 'kms.replicate-key']);
    expect(result.ok).toBe(false);
    expect(result.failedStep).toBe('kms.replicate-key');
    expect(result.results.map((r) => [r.stepId, r.status])).toEqual([
      ['kms.create-key', 'applied'],
      ['kms.replicate-key', 'failed'],
    ]);
    expect(result.results[1].error).toEqual({ name: 'AwsCallError', message: failure.message, code: 'MRR_AWS_E001' });
    expect(result.notRun).toEqual(['kms.wait-replica', 'cognito.key-configuration']);

    const steps = stepEntries(journal.entries);
    expect(steps.map((e) => [e.stepId, e.status])).toEqual([
      ['kms.create-key', 'applied'],
      ['kms.replicate-key', 'failed'],
    ]);
    expect(steps[1].error?.message).toContain('ServiceUnavailable');
    expect(journal.entries.at(-1)).toMatchObject({
      kind: 'plan-end',
      status: 'failed',
      applied: 1,
      failedStep: 'kms.replicate-key',
      notRun: ['kms.wait-replica', 'cognito.key-configuration'],
    });
  });

  it('journals steps whose effect was already present as skipped (a converging re-run)', async () => {
    const journal = new MemoryJournal();
    const { execute } = scriptedExecutor({
      'kms.create-key': { status: 'skipped' },
      'kms.replicate-key': { status: 'skipped' },
    });
    const result = await applyPlan(samplePlan(), { execute, journal, clock: steppingClock(), actor: 'bob' });
    expect(result.ok).toBe(true);
    expect(stepEntries(journal.entries).map((e) => e.status)).toEqual(['skipped', 'skipped', 'applied', 'applied']);
    expect(journal.entries.at(-1)).toMatchObject({ status: 'ok', applied: 2, skipped: 2 });
  });

  it('emits typed events for the UI, in order', async () => {
    const events: ApplyEvent[] = [];
    const { execute } = scriptedExecutor({ 'kms.wait-replica': new Error('replica stuck in Creating') });
    await applyPlan(samplePlan(), {
      execute,
      journal: new MemoryJournal(),
      clock: steppingClock(),
      actor: 'alice',
      onEvent: (event) => events.push(event),
    });
    expect(events.map((e) => (e.type === 'plan-done' ? e.type : `${e.type}:${e.index}/${e.total}`))).toEqual([
      'step-start:0/4',
      'step-done:0/4',
      'step-start:1/4',
      'step-done:1/4',
      'step-start:2/4',
      'step-failed:2/4',
      'plan-done',
    ]);
    const done = events.at(-1);
    expect(done?.type === 'plan-done' && done.result.failedStep).toBe('kms.wait-replica');
  });

  it('an executor that returns something other than applied/skipped fails the step instead of pretending', async () => {
    const execute = async () => ({ status: 'done' }) as unknown as StepOutcome;
    const result = await applyPlan(samplePlan(), { execute, journal: new MemoryJournal(), clock: steppingClock(), actor: 'a' });
    expect(result.failedStep).toBe('kms.create-key');
    expect(result.results[0].error?.message).toContain('expected applied or skipped');
  });

  it('stops before the next step once interrupted, and says so', async () => {
    const controller = new AbortController();
    const journal = new MemoryJournal();
    const seenSignals: Array<AbortSignal | undefined> = [];
    const execute = async (step: Step, signal?: AbortSignal): Promise<StepOutcome> => {
      seenSignals.push(signal);
      if (step.id === 'kms.replicate-key') controller.abort();
      return { status: 'applied' };
    };
    const result = await applyPlan(samplePlan(), { execute, journal, clock: steppingClock(), actor: 'a', signal: controller.signal });
    expect(seenSignals).toEqual([controller.signal, controller.signal]);
    expect(result).toMatchObject({ ok: false, interrupted: true, notRun: ['kms.wait-replica', 'cognito.key-configuration'] });
    expect(result.failedStep).toBeUndefined();
    expect(journal.entries.at(-1)).toMatchObject({ kind: 'plan-end', status: 'interrupted', applied: 2 });
  });

  it('redacts secrets in step inputs and outputs before they reach the journal', async () => {
    const plan = samplePlan();
    plan.steps[0].input = { ClientId: 'abc', ClientSecret: 's3cr3t-value', Nested: [{ password: 'hunter2' }] };
    const journal = new MemoryJournal();
    const execute = async (): Promise<StepOutcome> => ({
      status: 'applied',
      output: { UserPoolClient: { ClientId: 'abc', ClientSecret: 'out-s3cr3t' }, Token: 'eyJ.tok' },
    });
    const result = await applyPlan(plan, { execute, journal, clock: steppingClock(), actor: 'a' });
    const text = JSON.stringify(journal.entries);
    for (const secret of ['s3cr3t-value', 'hunter2', 'out-s3cr3t', 'eyJ.tok']) expect(text).not.toContain(secret);
    expect(stepEntries(journal.entries)[0].input).toEqual({
      ClientId: 'abc',
      ClientSecret: '[REDACTED]',
      Nested: [{ password: '[REDACTED]' }],
    });
    expect(JSON.stringify(result)).not.toContain('out-s3cr3t');
  });

  it('an empty plan journals start and end and applies nothing', async () => {
    const journal = new MemoryJournal();
    const { calls, execute } = scriptedExecutor({});
    const result = await applyPlan(samplePlan({ steps: [] }), { execute, journal, clock: steppingClock(), actor: 'a' });
    expect(calls).toEqual([]);
    expect(result).toMatchObject({ ok: true, results: [], notRun: [] });
    expect(journal.entries.map((e) => e.kind)).toEqual(['plan-start', 'plan-end']);
  });

  it('refuses to start when the journal cannot be written: no change goes unrecorded', async () => {
    const { calls, execute } = scriptedExecutor({});
    const journal = { append: async () => Promise.reject(new Error('ENOSPC: no space left on device')) };
    await expect(applyPlan(samplePlan(), { execute, journal, clock: steppingClock(), actor: 'a' })).rejects.toThrow(/ENOSPC/);
    expect(calls).toEqual([]);
  });
});
