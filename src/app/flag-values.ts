/** Parsers for flag values that several commands share; each error names the flag, the value and the expectation. */
import type { CodeFor } from '../core/codes.js';
import { InputError } from '../core/errors.js';

/** Seven days: a longer wait or plan age is a typo, and timers overflow past 24.8 days. */
export const MAX_WHOLE_SECONDS = 604_800;

/** A whole number of seconds, 1 or more (--timeout, --max-age). */
export function wholeSeconds(flag: string, raw: string, code: CodeFor<'usage'> = 'MRR_INPUT_E003'): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > MAX_WHOLE_SECONDS) {
    throw new InputError(code, 'flags', flag, raw, `a whole number of seconds, 1 or more (at most ${MAX_WHOLE_SECONDS}, 7 days)`);
  }
  return Number(raw);
}

/** `--timeout <seconds>` of the commands that wait (replica, keys, failover, canary). */
export function parseTimeout(raw: string): number {
  return wholeSeconds('--timeout', raw);
}
