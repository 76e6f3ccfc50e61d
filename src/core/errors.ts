/**
 * The error taxonomy: every error that reaches main() says who is at fault and which exit code it
 * maps to. main() is the only place that turns these into exit codes (see docs/cli.md).
 */
import type { CodeFor, DiagnosticCode, ExitClass } from './codes.js';

export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  findings: 3,
  conflict: 4,
  notConfirmed: 5,
  timeout: 6,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Who is at fault decides how an error is presented. */
export type Fault = 'user' | 'aws' | 'internal';

export abstract class MrrError extends Error {
  abstract readonly exitCode: ExitCodeValue;
  abstract readonly fault: Fault;
  /** Stable diagnostic code, e.g. MRR_CONFIG_E001; scripts match on it, not on prose. */
  readonly code: DiagnosticCode;
  /** Structured facts for JSON consumers (never secrets). */
  readonly details?: Record<string, unknown>;
  constructor(code: DiagnosticCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/**
 * The base of the error classes of one exit class. Its constructor takes only the codes the registry
 * records under that exit class (or `raisedAs` it, for a step error the apply catches), so a code
 * cannot be thrown with another exit code than docs/cli.md gives it.
 */
function errorOfExitClass<E extends Exclude<ExitClass, 'none'>>(exit: E, fault: Fault) {
  abstract class ErrorOfExitClass extends MrrError {
    readonly exitCode = ExitCode[exit];
    readonly fault = fault;
    constructor(code: CodeFor<E>, message: string, details?: Record<string, unknown>) {
      super(code, message, details);
    }
  }
  return ErrorOfExitClass;
}

/** Bad flag, invalid config, malformed or altered plan file: nothing was changed. */
export class UsageError extends errorOfExitClass('usage', 'user') {}

/** Input error bound to a field: names the source, the field, the value and the expectation. */
export class InputError extends UsageError {
  constructor(
    code: CodeFor<'usage'>,
    readonly source: string,
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(code, `${source}: ${field}: got ${formatValue(value)}, expected ${expected}`, {
      source,
      field,
      value,
      expected,
    });
  }
}

/** Drift found, a check failed, a guard refused. */
export class FindingsError extends errorOfExitClass('findings', 'user') {}

/** Stale plan, lock held, concurrent change: nothing was changed. */
export class ConflictError extends errorOfExitClass('conflict', 'user') {}

/** Declined at the prompt, or confirmation needed without a TTY and without --yes. */
export class NotConfirmedError extends errorOfExitClass('notConfirmed', 'user') {}

/** Timed out waiting; the change may still complete. */
export class WaitTimeoutError extends errorOfExitClass('timeout', 'aws') {}

/** An AWS error after retries: the service refused or failed. */
export class AwsCallError extends errorOfExitClass('unexpected', 'aws') {}

export class InterruptedError extends errorOfExitClass('interrupted', 'user') {}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // A value echoed back is clipped (a 20 MB --reason must not become a 20 MB error message).
  if (typeof value === 'string') {
    // Past 160 (a value already clipped by the config checks is about 125 long and stays whole).
    return value.length > 160 ? `${JSON.stringify(value.slice(0, 100))}… (${value.length} characters)` : JSON.stringify(value);
  }
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
