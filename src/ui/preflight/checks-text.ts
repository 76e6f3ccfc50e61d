/**
 * `preflight` as a checklist: one PASS / WARN / FAIL / ???? line per check, its remedy below, then the
 * counts. An unreadable check (????) carries its "unreadable: … re-run after recovery" line as evidence.
 */
import { countChecks, type Check } from '../../core/preflight/check.js';

const MARK: Record<Check['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unreadable: '????' };

export function renderChecks(checks: Check[]): string[] {
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${MARK[c.status]}  ${c.id.padEnd(width)}  ${c.evidence}`);
    // The unreadable line already says what to do.
    if (c.remedy && c.status !== 'unreadable') lines.push(`      ${' '.repeat(width)}  → ${c.remedy}`);
  }
  const n = countChecks(checks);
  lines.push(`${n.pass} passed, ${n.warn} warnings, ${n.fail} failed${n.unreadable > 0 ? `, ${n.unreadable} unreadable (re-run after recovery)` : ''}`);
  return lines;
}
