/**
 * Reading a saved plan's options back into a definition's options type, field by field. The file's
 * checksum proves it is intact, not that mrrctl wrote it, so a field of the wrong type is an input
 * error (exit 2) naming it — never a value passed on unchecked.
 */
import { InputError } from '../../core/errors.js';
import type { JsonObject, JsonValue } from '../../core/plan/types.js';

function field<T extends JsonValue>(saved: JsonObject, key: string, expected: string, ok: (v: JsonValue) => v is T): T {
  const value = saved[key];
  if (value === undefined || !ok(value)) throw new InputError('MRR_PLAN_E002', 'plan file', `plan.options.${key}`, value, expected);
  return value;
}

export const savedString = (saved: JsonObject, key: string): string => field(saved, key, 'a string', (v): v is string => typeof v === 'string');
export const savedBoolean = (saved: JsonObject, key: string): boolean => field(saved, key, 'true or false', (v): v is boolean => typeof v === 'boolean');
export const savedNumber = (saved: JsonObject, key: string): number => field(saved, key, 'a number', (v): v is number => typeof v === 'number');

/** A JSON object field, or undefined when absent. */
export function savedObject(saved: JsonObject, key: string): JsonObject | undefined {
  const value = saved[key];
  if (value === undefined) return undefined;
  return field(saved, key, 'a JSON object', (v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v));
}
