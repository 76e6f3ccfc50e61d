/** `preflight` as a checklist: one PASS / WARN / FAIL line per check, its remedy below, then the counts. */
import type { Check } from '../../core/preflight/checks.js';

const MARK: Record<Check['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

export function renderChecks(checks: Check[]): string[] {
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${MARK[c.status]}  ${c.id.padEnd(width)}  ${c.evidence}`);
    if (c.remedy) lines.push(`      ${' '.repeat(width)}  → ${c.remedy}`);
  }
  const count = (s: Check['status']) => checks.filter((c) => c.status === s).length;
  lines.push(`${count('pass')} passed, ${count('warn')} warnings, ${count('fail')} failed`);
  return lines;
}
