/**
 * The drift finding rules, read from the code registry (src/core/codes.ts), where each code is
 * written once with its severity, area, title and help.
 */
import { CODES, type CodeEntry, type DriftFindingCode, type DriftFindingEntry } from '../codes.js';
import type { DriftArea, DriftSeverity } from './types.js';

export interface DriftRule {
  code: DriftFindingCode;
  severity: DriftSeverity;
  area: DriftArea;
  /** A short name (SARIF rule name, Markdown legend). */
  title: string;
  /** Why it matters during a failover. */
  help: string;
}

function isFinding(entry: [string, CodeEntry]): entry is [DriftFindingCode, DriftFindingEntry] {
  return 'severity' in entry[1];
}

/** In registry order (the order of the SARIF rules). */
export const DRIFT_RULES: readonly DriftRule[] = Object.entries(CODES)
  .filter(isFinding)
  .map(([code, entry]) => ({ code, severity: entry.severity, area: entry.area, title: entry.meaning, help: entry.help }));

const BY_CODE = new Map(DRIFT_RULES.map((r) => [r.code, r]));

export function ruleFor(code: DriftFindingCode): DriftRule {
  const rule = BY_CODE.get(code);
  if (!rule) throw new Error(`unknown drift code ${code}`);
  return rule;
}

/** Severity order: higher is worse. */
export const SEVERITY_RANK: Record<DriftSeverity, number> = { info: 0, warning: 1, error: 2 };

export function atOrAbove(severity: DriftSeverity, threshold: DriftSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
