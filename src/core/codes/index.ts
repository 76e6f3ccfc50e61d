/**
 * The registry of every diagnostic code mrrctl emits: what it means and which exit code it ends the
 * command with. Codes are a contract (scripts match on them, not on prose), so a code used anywhere
 * must be registered here: the types below make an unregistered literal fail to compile, and
 * docs/cli.md lists the registry (test/core/codes.test.ts keeps the two equal).
 */
import { COMMAND_CODES } from './commands.js';
import { DRIFT_CODES, DRIFT_FINDING_CODES } from './drift.js';
import { GENERAL_CODES } from './general.js';
import { PLAN_CODES } from './plans.js';
import type { CodeEntry, ExitClass } from './types.js';

export type { CodeEntry, ExitClass } from './types.js';
export type { DriftFindingEntry } from './drift.js';

/** One group per file, so a test can tell a code registered twice (a spread would hide it). */
export const CODE_GROUPS = [GENERAL_CODES, PLAN_CODES, COMMAND_CODES, DRIFT_CODES] as const;

export const CODES = { ...GENERAL_CODES, ...PLAN_CODES, ...COMMAND_CODES, ...DRIFT_CODES };

export type DiagnosticCode = keyof typeof CODES;

/** The codes registered under one exit class: what an error class of that exit code may carry. */
export type CodeFor<E extends ExitClass> = {
  [C in DiagnosticCode]: (typeof CODES)[C]['exit'] extends E ? C : never;
}[DiagnosticCode];

/** The codes a drift run reports as findings (each has a severity and an area). */
export type DriftFindingCode = keyof typeof DRIFT_FINDING_CODES;

export { DRIFT_FINDING_CODES };
