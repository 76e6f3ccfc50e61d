/**
 * The plan file: what `--plan-out FILE` writes and `mrrctl apply FILE` reads.
 *
 *   { "format": "mrrctl-plan", "version": 1, "sha256": "<planHash(plan)>", "plan": { ... } }
 *
 * The checksum detects a file that was cut short, corrupted or edited after it was saved. It is an
 * integrity check, not a signature: whoever can write the file can recompute it. Every refusal names
 * the file and says what was expected; nothing is ever applied from a file that fails a check.
 */
import { ConflictError, InputError, UsageError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex, planHash } from './fingerprint.js';
import { planSchema } from './schema.js';
import { describeIssue } from './schema-issue.js';
import { DEFAULT_PLAN_TTL_SECONDS } from './create-plan.js';
import type { Plan } from './types.js';

export const PLAN_FILE_FORMAT = 'mrrctl-plan';
export const PLAN_FILE_VERSION = 1;
/** `--max-age` default: a plan older than this is refused as stale. */
export const DEFAULT_PLAN_MAX_AGE_SECONDS = 3600;
/** How far in the future createdAt may be (clocks of two machines disagree a little). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const ENVELOPE_KEYS = ['format', 'version', 'sha256', 'plan'];

export interface PlanFileEnvelope {
  format: typeof PLAN_FILE_FORMAT;
  version: typeof PLAN_FILE_VERSION;
  sha256: string;
  plan: Plan;
}

export interface ParsePlanOptions {
  /** The current time (injected: core reads no clock). */
  now: Date;
  /** Refuse a plan made longer ago than this; default DEFAULT_PLAN_MAX_AGE_SECONDS. */
  maxAgeSeconds?: number;
  /** What the current configuration says; a plan for another pool or Regions is refused. */
  expect?: { userPoolId?: string; primaryRegion?: string; secondaryRegion?: string };
  /** Where the text came from (the file path), named in every error. */
  source: string;
}

export function serializePlan(plan: Plan): string {
  // What the file will hold: members set to undefined (common in SDK-shaped inputs) simply vanish.
  const stored = JSON.parse(JSON.stringify(plan)) as Plan;
  const checked = planSchema.safeParse(stored);
  if (!checked.success) {
    // A planner bug: fail now rather than write a file that `apply` would refuse later.
    const issue = describeIssue(checked.error.issues[0], stored, 'plan');
    throw new TypeError(`refusing to save an invalid plan: ${issue.field}: expected ${issue.expected}`);
  }
  const envelope: PlanFileEnvelope = {
    format: PLAN_FILE_FORMAT,
    version: PLAN_FILE_VERSION,
    sha256: planHash(stored),
    plan: stored,
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Parse and check a plan file's text; throws UsageError (exit 2) or ConflictError (exit 4). */
export function parsePlan(text: string, opts: ParsePlanOptions): Plan {
  const { source } = opts;
  const envelope = parseEnvelope(text, source);

  const recorded = envelope.sha256 as string;
  const actual = sha256Hex(canonicalJson(envelope.plan));
  if (actual !== recorded) {
    throw new UsageError(
      'MRR_PLAN_E003',
      `${source}: the file was altered after it was saved: its plan hashes to ${actual.slice(0, 12)}… ` +
        `but the file records sha256 ${recorded.slice(0, 12)}…; make a new plan instead of editing one`,
      { source, expectedSha256: recorded, actualSha256: actual },
    );
  }

  // The schema drops a `__proto__` key silently (it would set a prototype): refuse it first, anywhere.
  const poisoned = protoKeyPath(envelope.plan, 'plan');
  if (poisoned !== undefined) throw new InputError('MRR_PLAN_E004', source, poisoned, '(present)', 'no such field: `__proto__` is never part of a plan');
  const checked = planSchema.safeParse(envelope.plan);
  if (!checked.success) {
    const issue = describeIssue(checked.error.issues[0], envelope.plan, 'plan');
    throw new InputError('MRR_PLAN_E004', source, issue.field, issue.value, issue.expected);
  }
  const plan = checked.data as Plan;

  checkTopology(plan, opts);
  checkAge(plan, opts);
  return plan;
}

function parseEnvelope(text: string, source: string): Record<string, unknown> {
  const expected = `a plan file written by \`--plan-out\` (a JSON document with format "${PLAN_FILE_FORMAT}")`;
  if (text.trim() === '') {
    throw new UsageError('MRR_PLAN_E001', `${source}: the file is empty; expected ${expected}`, { source, expected });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      'MRR_PLAN_E001',
      `${source}: not a complete JSON document (${reason}); expected ${expected} — was it truncated?`,
      { source, expected },
    );
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError('MRR_PLAN_E002', source, '(document)', document, 'a JSON object');
  }
  const envelope = document as Record<string, unknown>;
  if (envelope.format !== PLAN_FILE_FORMAT) {
    throw new InputError('MRR_PLAN_E002', source, 'format', envelope.format, `"${PLAN_FILE_FORMAT}"`);
  }
  if (envelope.version !== PLAN_FILE_VERSION) {
    throw new InputError(
      'MRR_PLAN_E002',
      source,
      'version',
      envelope.version,
      `${PLAN_FILE_VERSION} (this mrrctl reads version ${PLAN_FILE_VERSION} plan files)`,
    );
  }
  if (typeof envelope.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(envelope.sha256)) {
    throw new InputError('MRR_PLAN_E002', source, 'sha256', envelope.sha256, 'a sha256 hex digest (64 lowercase hex digits)');
  }
  if (envelope.plan === null || typeof envelope.plan !== 'object' || Array.isArray(envelope.plan)) {
    throw new InputError('MRR_PLAN_E002', source, 'plan', envelope.plan, 'a JSON object');
  }
  const unknown = Object.keys(envelope).find((key) => !ENVELOPE_KEYS.includes(key));
  if (unknown !== undefined) {
    throw new InputError('MRR_PLAN_E002', source, unknown, envelope[unknown], `no such field (a plan file has ${ENVELOPE_KEYS.join(', ')})`);
  }
  return envelope;
}

function checkTopology(plan: Plan, opts: ParsePlanOptions): void {
  const expect = opts.expect ?? {};
  const fields = [
    ['userPoolId', 'pool'],
    ['primaryRegion', 'primary Region'],
    ['secondaryRegion', 'secondary Region'],
  ] as const;
  for (const [field, what] of fields) {
    const wanted = expect[field];
    if (wanted !== undefined && plan[field] !== wanted) {
      throw new InputError(
        'MRR_PLAN_E005',
        opts.source,
        `plan.${field}`,
        plan[field],
        `"${wanted}", the ${what} in the configuration (this plan was made for another ${what})`,
      );
    }
  }
}

function checkAge(plan: Plan, opts: ParsePlanOptions): void {
  const { source, now } = opts;
  const maxAgeSeconds = opts.maxAgeSeconds ?? DEFAULT_PLAN_MAX_AGE_SECONDS;
  if (!Number.isFinite(maxAgeSeconds) || maxAgeSeconds <= 0) {
    throw new InputError('MRR_PLAN_E004', '--max-age', 'max-age', maxAgeSeconds, 'a positive number of seconds');
  }
  const created = Date.parse(plan.createdAt);
  const expires = Date.parse(plan.expiresAt);
  const nowMs = now.getTime();
  const replan = `make a new one with \`mrrctl ${plan.command} --plan-out ${source}\``;
  const details = { source, createdAt: plan.createdAt, expiresAt: plan.expiresAt, now: now.toISOString(), maxAgeSeconds };

  // mrrctl gives every plan exactly DEFAULT_PLAN_TTL_SECONDS: a file with another lifetime was edited.
  if (expires - created !== DEFAULT_PLAN_TTL_SECONDS * 1000) {
    throw new InputError('MRR_PLAN_E004', source, 'plan.expiresAt', plan.expiresAt, `createdAt + ${DEFAULT_PLAN_TTL_SECONDS} s (${new Date(created + DEFAULT_PLAN_TTL_SECONDS * 1000).toISOString()}), the lifetime mrrctl gives every plan`);
  }
  if (created - nowMs > CLOCK_SKEW_MS) {
    throw new InputError('MRR_PLAN_E004', source, 'plan.createdAt', plan.createdAt, `a time not after now (${now.toISOString()})`);
  }
  if (nowMs >= expires) {
    throw new ConflictError(
      'MRR_PLAN_E006',
      `${source}: the plan expired at ${plan.expiresAt} (it was made at ${plan.createdAt}); ${replan}`,
      details,
    );
  }
  const ageMs = nowMs - created;
  if (ageMs > maxAgeSeconds * 1000) {
    throw new ConflictError(
      'MRR_PLAN_E006',
      `${source}: the plan is ${formatDuration(ageMs)} old, older than --max-age ${maxAgeSeconds}s ` +
        `(it was made at ${plan.createdAt}); ${replan}`,
      details,
    );
  }
}

/** The path of the first own `__proto__` key in a JSON value (JSON.parse makes it an own property), if any. */
function protoKeyPath(value: unknown, path: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = protoKeyPath(item, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return `${path}.__proto__`;
    const found = protoKeyPath((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}
