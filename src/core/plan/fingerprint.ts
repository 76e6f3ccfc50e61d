import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Plan } from './types.js';


export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The fingerprint of an observed state: sha256 hex of its canonical JSON.
 * Planners pass only what the plan depends on: a volatile field (a timestamp, a request id) in the
 * observed state would make every saved plan look stale.
 */
export function fingerprintOf(observed: unknown): string {
  return sha256Hex(canonicalJson(observed));
}

/** The hash of a plan's content: what plan files carry as `sha256` and journal entries as `planHash`. */
export function planHash(plan: Plan): string {
  return sha256Hex(canonicalJson(plan));
}
