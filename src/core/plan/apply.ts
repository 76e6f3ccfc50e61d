/**
 * The apply engine: runs a plan's steps in order through an executor port, stops at the first
 * failure, journals every step, and reports progress as typed events for the UI.
 *
 * It does not decide whether a plan may run (freshness, guards, confirmation): the command does that
 * before calling applyPlan. It does not make steps idempotent: the executor does (see StepExecutor).
 */
import { planHash } from './fingerprint.js';
import type { Journal, JournalEntry, StepEntry } from './journal.js';
import { redactSecrets } from './redact.js';
import type { ApplyResult, Plan, Step, StepError, StepExecutor, StepResult } from './types.js';

export type ApplyEvent =
  | { type: 'step-start'; step: Step; index: number; total: number }
  | { type: 'step-done'; step: Step; index: number; total: number; result: StepResult }
  | { type: 'step-failed'; step: Step; index: number; total: number; result: StepResult }
  | { type: 'plan-done'; result: ApplyResult };

export interface ApplyPorts {
  execute: StepExecutor;
  journal: Journal;
  clock: { now(): Date };
  /** Who is applying, as recorded in the journal. */
  actor: string;
  onEvent?: (event: ApplyEvent) => void;
  /** Aborted on Ctrl-C: passed to the executor, and no further step starts. */
  signal?: AbortSignal;
}

/**
 * Applies `plan` step by step. Resolves with the result even when a step fails (ok: false); rejects
 * only if the journal cannot be written — an unrecorded change is worse than a stopped apply, so a
 * journal failure stops everything (events already emitted tell the UI what was applied).
 */
export async function applyPlan(plan: Plan, ports: ApplyPorts): Promise<ApplyResult> {
  const { clock, journal, signal } = ports;
  const hash = planHash(plan);
  const base: EntryBase = { actor: ports.actor, command: plan.command, userPoolId: plan.userPoolId, planHash: hash };
  const emit = (event: ApplyEvent) => ports.onEvent?.(event);
  const record = (entry: JournalEntry) => journal.append(redactSecrets(entry) as unknown as JournalEntry);
  const total = plan.steps.length;
  const planStarted = clock.now();

  await record({
    kind: 'plan-start',
    time: planStarted.toISOString(),
    ...base,
    primaryRegion: plan.primaryRegion,
    secondaryRegion: plan.secondaryRegion,
    stepCount: total,
  });

  const results: StepResult[] = [];
  let failedStep: string | undefined;
  let interrupted = false;

  for (const [index, step] of plan.steps.entries()) {
    if (signal?.aborted) {
      interrupted = true;
      break;
    }
    emit({ type: 'step-start', step, index, total });
    const result = await runStep(step, ports);
    results.push(result);
    await record(stepEntry(step, result, base, clock.now()));
    if (result.status === 'failed') {
      failedStep = step.id;
      interrupted = signal?.aborted === true;
      emit({ type: 'step-failed', step, index, total, result });
      break;
    }
    emit({ type: 'step-done', step, index, total, result });
  }

  const notRun = plan.steps.slice(results.length).map((step) => step.id);
  const result: ApplyResult = {
    planHash: hash,
    results,
    ok: failedStep === undefined && !interrupted,
    notRun,
  };
  if (failedStep !== undefined) result.failedStep = failedStep;
  if (interrupted) result.interrupted = true;

  const planEnded = clock.now();
  await record({
    kind: 'plan-end',
    time: planEnded.toISOString(),
    ...base,
    status: result.ok ? 'ok' : interrupted ? 'interrupted' : 'failed',
    applied: results.filter((r) => r.status === 'applied').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    ...(failedStep !== undefined ? { failedStep } : {}),
    notRun,
    durationMs: planEnded.getTime() - planStarted.getTime(),
  });
  emit({ type: 'plan-done', result });
  return result;
}

async function runStep(step: Step, ports: ApplyPorts): Promise<StepResult> {
  const started = ports.clock.now();
  const finish = (partial: Pick<StepResult, 'status' | 'output' | 'error'>): StepResult => {
    const result: StepResult = {
      stepId: step.id,
      status: partial.status,
      startedAt: started.toISOString(),
      durationMs: ports.clock.now().getTime() - started.getTime(),
    };
    if (partial.output !== undefined) result.output = partial.output;
    if (partial.error !== undefined) result.error = partial.error;
    return result;
  };
  try {
    const outcome = await ports.execute(step, ports.signal);
    if (outcome?.status !== 'applied' && outcome?.status !== 'skipped') {
      // An executor bug; recorded as a failure so the apply still stops cleanly and is journaled.
      throw new TypeError(`the executor returned status ${String(outcome?.status)} for ${step.id}; expected applied or skipped`);
    }
    return finish({
      status: outcome.status,
      output: outcome.output === undefined ? undefined : redactSecrets(outcome.output),
    });
  } catch (error) {
    return finish({ status: 'failed', error: errorOf(error) });
  }
}

type EntryBase = Pick<StepEntry, 'actor' | 'command' | 'userPoolId' | 'planHash'>;

function stepEntry(step: Step, result: StepResult, base: EntryBase, now: Date): StepEntry {
  const entry: StepEntry = {
    kind: 'step',
    time: now.toISOString(),
    ...base,
    stepId: step.id,
    service: step.service,
    operation: step.operation,
    region: step.region,
    action: step.action,
    status: result.status,
    durationMs: result.durationMs,
    input: step.input,
  };
  if (step.trafficMoving === true) entry.trafficMoving = true;
  if (result.output !== undefined) entry.output = result.output;
  if (result.error !== undefined) entry.error = result.error;
  return entry;
}

function errorOf(error: unknown): StepError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string'
      ? { name: error.name, message: error.message, code }
      : { name: error.name, message: error.message };
  }
  return { name: 'Error', message: String(error) };
}
