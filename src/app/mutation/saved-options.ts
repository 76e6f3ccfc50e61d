/**
 * Reading a saved plan's options back into a definition's options type, field by field. The file's
 * checksum proves it is intact, not that mrrctl wrote it, so a field of the wrong type, or a field the
 * command does not have (`__proto__` included), is an input error (exit 2) naming it — never a value
 * passed on unchecked.
 */
import { InputError } from '../../core/errors.js';
import type { JsonObject, JsonValue } from '../../core/plan/types.js';

function field<T extends JsonValue>(saved: JsonObject, key: string, expected: string, ok: (v: JsonValue) => v is T, prefix = 'plan.options'): T {
  const value = Object.hasOwn(saved, key) ? saved[key] : undefined;
  if (value === undefined || !ok(value)) throw new InputError('MRR_PLAN_E002', 'plan file', `${prefix}.${key}`, value, expected);
  return value;
}

export const savedString = (saved: JsonObject, key: string): string => field(saved, key, 'a string', (v): v is string => typeof v === 'string');
export const savedBoolean = (saved: JsonObject, key: string): boolean => field(saved, key, 'true or false', (v): v is boolean => typeof v === 'boolean');
export const savedNumber = (saved: JsonObject, key: string): number => field(saved, key, 'a number', (v): v is number => typeof v === 'number');

/** A JSON object field, or undefined when absent. */
export function savedObject(saved: JsonObject, key: string): JsonObject | undefined {
  if (!Object.hasOwn(saved, key)) return undefined;
  return field(saved, key, 'a JSON object', (v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/**
 * Refuses any key of `saved` that is not in `allowed` (exit 2, naming it). Own keys are read with
 * Reflect.ownKeys, so a `__proto__` key that JSON.parse made an own property is seen and refused.
 */
export function onlyKeys(saved: JsonObject, allowed: readonly string[], where = 'plan.options'): void {
  for (const key of Reflect.ownKeys(saved)) {
    if (typeof key !== 'string' || !allowed.includes(key)) {
      throw new InputError('MRR_PLAN_E002', 'plan file', `${where}.${String(key)}`, (saved as Record<string, unknown>)[key as string] as JsonValue, `no such option (this command's plan options are ${allowed.join(', ') || 'none'})`);
    }
  }
}
