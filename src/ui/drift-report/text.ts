/** `--format text`: grouped by area, one block per finding, coloured only when stdout allows it. */
import { failingFindings } from '../../core/drift/report.js';
import { AREA_TITLES, type DriftFinding, type DriftReport, type DriftSeverity } from '../../core/drift/types.js';
import { checksByArea, countsLine, expiredNote, plural, replicaText, valueText } from './shared.js';

const COLOURS: Record<DriftSeverity | 'ok' | 'dim', string> = { error: '31', warning: '33', info: '36', ok: '32', dim: '2' };
const MARKS: Record<DriftSeverity, string> = { error: '✗', warning: '!', info: 'i' };

export interface TextOptions {
  color: boolean;
}

export function formatText(report: DriftReport, opts: TextOptions): string {
  const paint = (kind: keyof typeof COLOURS, text: string) => (opts.color ? `\u001b[${COLOURS[kind]}m${text}\u001b[0m` : text);
  const lines = [
    `Drift for ${report.userPoolId}: ${report.primaryRegion} (primary) → ${report.secondaryRegion} (secondary, ${replicaText(report)})`,
    `${plural(report.summary.checks, 'check')}, ${report.summary.passed} passed; ${countsLine(report)}${report.deep ? '; deep' : ''}`,
  ];
  if (report.recheck.performed) {
    lines.push(paint('dim', `Replicated settings differed at first: re-checked after ${report.recheck.delayMs} ms, ${report.recheck.resolved} of ${report.recheck.firstPass} resolved.`));
  }
  const block = (f: DriftFinding, mark: string, kind: keyof typeof COLOURS) => {
    const out = [`  ${paint(kind, `${mark} ${f.code}`)} ${f.path} [${f.region}]`, `      ${f.message}`];
    if (f.primary !== null || f.secondary !== null) {
      out.push(`      primary:   ${valueText(f.primary)}`, `      secondary: ${valueText(f.secondary)}`);
    }
    out.push(`      fix: ${f.remedy}`);
    const note = expiredNote(f);
    if (note) out.push(`      ${paint('warning', note)}`);
    return out;
  };
  for (const group of checksByArea(report)) {
    const failing = group.checks.filter((c) => c.findings.length > 0);
    const unread = group.checks.filter((c) => c.findings.length === 0 && c.unreadable.length > 0);
    const passed = group.checks.length - failing.length - unread.length;
    lines.push('', `${AREA_TITLES[group.area]} (${plural(group.checks.length, 'check')}, ${passed} passed${unread.length > 0 ? `, ${unread.length} unreadable` : ''})`);
    for (const { findings } of failing) for (const f of findings) lines.push(...block(f, MARKS[f.severity], f.severity));
    // Not compared: the line says which read failed; never "in sync".
    for (const { check, unreadable } of group.checks) {
      for (const u of unreadable) lines.push(`  ${paint('error', '?')} ${check.id}: ${u.message}`);
    }
    if (failing.length === 0 && unread.length === 0) lines.push(`  ${paint('ok', '✓')} in sync`);
  }
  if (report.allowed.length > 0) {
    lines.push('', 'Allowed differences (drift.allow)');
    for (const f of report.allowed) {
      lines.push(`  ${paint('dim', `- ${f.code}`)} ${f.path} [${f.region}]: ${f.allowance.reason}${f.allowance.expires ? ` (until ${f.allowance.expires})` : ''}`);
    }
  }
  const fixable = report.findings.filter((f) => f.fixable).length;
  lines.push('');
  const failing = failingFindings(report).length;
  if (report.ok) {
    lines.push(paint('ok', `No drift at or above ${report.failOn}.`));
  } else if (failing > 0) {
    lines.push(paint('error', `Drift: ${plural(failing, 'finding')} at or above ${report.failOn}.`));
  }
  if (report.summary.unreadable > 0) {
    lines.push(paint('error', `Not compared: ${plural(report.summary.unreadable, 'check')} could not be read (the report fails whatever --fail-on says): re-run after recovery.`));
  }
  if (fixable > 0) lines.push(`${plural(fixable, 'finding')} can be aligned by \`mrrctl drift fix\` (try --dry-run first).`);
  return lines.join('\n');
}
