/** Parsers for flag values that several commands share; each error names the flag, the value and the expectation. */
import type { CodeFor } from '../core/codes.js';
import { InputError } from '../core/errors.js';

/** A whole number of seconds, 1 or more (--timeout, --max-age). */
export function wholeSeconds(flag: string, raw: string, code: CodeFor<'usage'> = 'MRR_INPUT_E003'): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new InputError(code, 'flags', flag, raw, 'a whole number of seconds, 1 or more');
  }
  return Number(raw);
}

/** `--timeout <seconds>` of the commands that wait (replica, keys, failover, canary). */
export function parseTimeout(raw: string): number {
  return wholeSeconds('--timeout', raw);
}
