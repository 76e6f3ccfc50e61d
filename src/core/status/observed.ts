/**
 * A read that may fail, kept as data: status shows every part it could read and says, for each part
 * it could not, why — instead of one failed read hiding the rest.
 */
import { errorText } from '../health/checkers.js';

export type Observed<T> = { ok: true; value: T } | { ok: false; error: string };

export async function attempt<T>(read: () => Promise<T>): Promise<Observed<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
}

/** A value or null, and why it is null (null when the value is known). */
export interface Known<T> {
  value: T | null;
  unknown: string | null;
}

export function known<T>(value: T | null): Known<T> {
  return { value, unknown: null };
}

export function unknownBecause<T>(reason: string): Known<T> {
  return { value: null, unknown: reason };
}
