/** Small helpers the drift report formatters share. */
import { AREA_TITLES, type AllowedFinding, type DriftArea, type DriftCheck, type DriftFinding, type DriftReport, type DriftUnreadable } from '../../core/drift/types.js';

export const AREA_ORDER = Object.keys(AREA_TITLES) as DriftArea[];

/** A finding value in one line: strings as they are, null as a dash, the rest as compact JSON. */
export function valueText(value: unknown, max = 100): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Checks grouped by area in a stable order, each with the findings (counting and allowed) it produced. */
export function checksByArea(report: DriftReport): Array<{ area: DriftArea; checks: Array<{ check: DriftCheck; findings: DriftFinding[]; allowed: AllowedFinding[]; unreadable: DriftUnreadable[] }> }> {
  return AREA_ORDER.map((area) => ({
    area,
    checks: report.checks
      .filter((c) => c.area === area)
      .map((check) => ({
        check,
        findings: report.findings.filter((f) => f.check === check.id),
        allowed: report.allowed.filter((f) => f.check === check.id),
        unreadable: report.unreadable.filter((u) => u.check === check.id),
      })),
  })).filter((group) => group.checks.length > 0);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countsLine(report: DriftReport): string {
  const s = report.summary;
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info, ${s.allowed} allowed${s.unreadable > 0 ? `, ${s.unreadable} unreadable` : ''}`;
}

export function replicaText(report: DriftReport): string {
  if (report.replica) return `replica ${report.replica.status}`;
  return report.unreadable.some((u) => u.check === 'replica.Status' && u.operation === 'ListUserPoolReplicas') ? 'replica unknown' : 'no replica';
}

export function expiredNote(f: DriftFinding): string | undefined {
  return f.expiredAllowance ? `allowance expired ${f.expiredAllowance.expires} (was: ${f.expiredAllowance.reason})` : undefined;
}
