/**
 * Collects the checks that ran and what they found. Severity and area come from the code's rule,
 * so a check cannot report an error under a warning code. A finding reached by two checks (the same
 * SES identity used for email and for threat-protection notices) is reported once.
 */
import type { JsonValue } from '../plan/types.js';
import { canonicalJson } from '../plan/canonical-json.js';
import type { DriftFindingCode } from '../codes.js';
import { ruleFor } from './codes.js';
import type { UnreadableFinding } from '../unreadable.js';
import type { DriftArea, DriftCheck, DriftFinding, DriftUnreadable } from './types.js';

export interface FindingInput {
  region: string;
  path: string;
  primary?: unknown;
  secondary?: unknown;
  message: string;
  remedy: string;
  fixable?: boolean;
}

export interface CheckScope {
  add(code: DriftFindingCode, finding: FindingInput): void;
  /** What this check compares could not be read: it cannot pass (the report says which read failed). */
  unreadable(u: UnreadableFinding): void;
}

function json(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

export class FindingCollector {
  readonly checks: DriftCheck[] = [];
  readonly findings: DriftFinding[] = [];
  readonly unreadable: DriftUnreadable[] = [];
  private readonly seen = new Set<string>();

  check(id: string, area: DriftArea, title: string): CheckScope {
    if (!this.checks.some((c) => c.id === id)) this.checks.push({ id, area, title });
    return {
      add: (code, finding) => this.add(id, area, code, finding),
      unreadable: (u) => {
        if (!this.unreadable.some((x) => x.check === id && x.message === u.message)) this.unreadable.push({ ...u, check: id, area, title, primary: null, secondary: null });
      },
    };
  }

  private add(check: string, area: DriftArea, code: DriftFindingCode, f: FindingInput): void {
    const key = `${code}|${f.region}|${f.path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const rule = ruleFor(code);
    this.findings.push({
      code,
      severity: rule.severity,
      check,
      area,
      region: f.region,
      path: f.path,
      primary: json(f.primary),
      secondary: json(f.secondary),
      message: f.message,
      remedy: f.remedy,
      fixable: Boolean(f.fixable),
    });
  }
}

/** Deep equality of JSON data, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** A value for a message: strings as they are, the rest as compact JSON. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return '(not set)';
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
