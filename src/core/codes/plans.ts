/** Codes of saved plans and of applying a plan: reading, checking, running and verifying it. */
import type { CodeEntry } from './types.js';

export const PLAN_CODES = {
  MRR_PLAN_E001: { exit: 'usage', meaning: 'the plan file is empty or not a complete JSON document (truncated?)' },
  MRR_PLAN_E002: { exit: 'usage', meaning: 'the plan file is not a plan envelope: wrong format, version, digest field or an unknown field' },
  MRR_PLAN_E003: { exit: 'usage', meaning: 'the plan file was altered after it was saved (its sha256 does not match): make a new plan' },
  MRR_PLAN_E004: { exit: 'usage', meaning: 'the plan inside the file is invalid, was made in the future, or --max-age is not positive' },
  MRR_PLAN_E005: { exit: 'usage', meaning: 'the plan was made for another pool or Region than the configuration names' },
  MRR_PLAN_E006: { exit: 'conflict', meaning: 'the plan expired, or is older than --max-age: make a new plan' },
  MRR_PLAN_E007: { exit: 'conflict', meaning: 'the state changed since the plan was made (fingerprint differs); nothing was changed: make a new plan' },
  MRR_PLAN_E008: { exit: 'usage', meaning: 'the file for --plan-out cannot be written (e.g. its directory does not exist)' },
  MRR_PLAN_E009: { exit: 'usage', meaning: 'the plan file cannot be read, or is too large to be a plan file' },
  MRR_PLAN_E010: { exit: 'usage', meaning: 'the plan file was made by a command that `apply` cannot replay (not a mutating command)' },
  MRR_PLAN_E011: { exit: 'conflict', meaning: 'the plan\'s steps differ from what mrrctl plans for the current state (edited, or another version); nothing was changed' },

  MRR_GUARD_E001: { exit: 'findings', meaning: 'a guard refuses the change; the plan shows each guard with its evidence and remedy' },
  MRR_APPLY_E001: { exit: 'unexpected', meaning: 'a step failed while applying; re-run once the cause is fixed: it continues where it stopped' },
  MRR_APPLY_E006: { exit: 'timeout', meaning: 'a wait step timed out while applying; the change may still complete: `mrrctl status` tells' },
  MRR_APPLY_E130: { exit: 'interrupted', meaning: 'the apply was interrupted; the message names what was applied: re-run to continue' },
  MRR_VERIFY_E001: { exit: 'findings', meaning: 'every step applied, but the verification after the apply failed' },
} as const satisfies Record<string, CodeEntry>;
