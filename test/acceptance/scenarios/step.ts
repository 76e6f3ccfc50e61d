/**
 * The scenario vocabulary: a scenario is a list of steps; a step runs the real CLI (with
 * `--output json`) and checks its exit code and JSON envelope. Checks throw with the command, the exit
 * code and the CLI's own words, so a failure in a real account reads like an operator's transcript.
 */
import { ENVELOPE_SCHEMA_VERSION } from '../../../src/core/contract/envelope.js';
import type { CliResult, Target } from '../lib/target.js';

export interface Step {
  title: string;
  run(target: Target): Promise<void>;
}

export interface Scenario {
  id: 'phases' | 'drift' | 'failover' | 'failback' | 'canary';
  title: string;
  steps: Step[];
}

export class ScenarioFailure extends Error {}

const excerpt = (text: string) => (text.length > 1500 ? `${text.slice(0, 1500)}…` : text).trim();

export function envelopeOf(result: CliResult): any {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new ScenarioFailure(`mrrctl ${result.argv.join(' ')}: stdout is not one JSON document (exit ${result.code})\n${excerpt(result.stdout)}\n${excerpt(result.stderr)}`);
  }
}

export function check(condition: unknown, result: CliResult, what: string): asserts condition {
  if (!condition) throw new ScenarioFailure(`mrrctl ${result.argv.join(' ')}: ${what}\nstdout: ${excerpt(result.stdout)}\nstderr: ${excerpt(result.stderr)}`);
}

/** One CLI step: `mrrctl <argv> --output json` must exit `exit`; `then` checks the envelope. */
export function cli(title: string, argv: string[], exit: number, then?: (envelope: any, result: CliResult, target: Target) => void, opts: { settle?: boolean } = {}): Step {
  return {
    title,
    async run(target) {
      const full = [...argv, '--output', 'json'];
      const result = opts.settle ? await target.settle(full, exit, title) : await target.cli(full);
      check(result.code === exit, result, `exit ${result.code}, expected ${exit}`);
      const envelope = envelopeOf(result);
      check(envelope.schemaVersion === ENVELOPE_SCHEMA_VERSION, result, `the envelope has no schemaVersion ${ENVELOPE_SCHEMA_VERSION}`);
      then?.(envelope, result, target);
    },
  };
}

/** A step that acts on the world directly (through the SDK), as an operator's other tools would. */
export function act(title: string, run: (target: Target) => Promise<void>): Step {
  return { title, run };
}

export interface StepRecord {
  scenario: string;
  step: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** Runs the scenarios in order and stops at the first failing step (later steps build on it). */
export async function runScenarios(target: Target, scenarios: Scenario[], onStep?: (r: StepRecord) => void): Promise<StepRecord[]> {
  const records: StepRecord[] = [];
  for (const scenario of scenarios) {
    for (const step of scenario.steps) {
      const started = Date.now();
      try {
        await step.run(target);
        records.push({ scenario: scenario.id, step: step.title, ok: true, ms: Date.now() - started });
        onStep?.(records.at(-1)!);
      } catch (err) {
        records.push({ scenario: scenario.id, step: step.title, ok: false, ms: Date.now() - started, error: (err as Error).message });
        onStep?.(records.at(-1)!);
        return records;
      }
    }
  }
  return records;
}
