/**
 * `--format markdown`: for a pull-request comment or `$GITHUB_STEP_SUMMARY` — a headline, a table of
 * findings, the remedies, and the allowed differences.
 */
import { failingFindings } from '../../core/drift/report.js';
import { AREA_TITLES, type DriftReport, type DriftSeverity } from '../../core/drift/types.js';
import { countsLine, expiredNote, replicaText, valueText } from './shared.js';

const ICONS: Record<DriftSeverity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

/** Table cells: no pipes or line breaks may leak into the table structure. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text === '—' ? text : `\`${cell(text).replace(/`/g, "'")}\``;
}

export function formatMarkdown(report: DriftReport): string {
  const failing = failingFindings(report).length;
  const unread = report.summary.unreadable;
  const parts = [
    ...(failing > 0 ? [`${failing} finding${failing === 1 ? '' : 's'} at or above ${report.failOn}`] : []),
    ...(unread > 0 ? [`${unread} check${unread === 1 ? '' : 's'} unreadable (not compared)`] : []),
  ];
  const headline = report.ok ? `✅ no drift at or above ${report.failOn}` : `❌ ${parts.join(', ')}`;
  const lines = [
    `## mrrctl drift: ${headline}`,
    '',
    `Pool \`${report.userPoolId}\` — primary \`${report.primaryRegion}\`, secondary \`${report.secondaryRegion}\` (${replicaText(report)}). ` +
      `${report.summary.checks} checks, ${report.summary.passed} passed; ${countsLine(report)}. Checked ${report.checkedAt}.`,
  ];
  if (report.findings.length > 0) {
    lines.push('', '| Severity | Code | Area | Region | Path | Primary | Secondary | Finding |', '|---|---|---|---|---|---|---|---|');
    for (const f of report.findings) {
      const note = expiredNote(f);
      lines.push(
        `| ${ICONS[f.severity]} | \`${f.code}\` | ${AREA_TITLES[f.area]} | ${f.region} | ${code(f.path)} | ${code(valueText(f.primary, 60))} | ${code(valueText(f.secondary, 60))} | ${cell(f.message)}${note ? ` _(${cell(note)})_` : ''} |`,
      );
    }
    lines.push('', '<details><summary>How to fix</summary>', '');
    for (const f of report.findings) lines.push(`- \`${f.code}\` ${code(f.path)}: ${cell(f.remedy)}${f.fixable ? ' _(drift fix can do this)_' : ''}`);
    lines.push('', '</details>');
  }
  if (report.unreadable.length > 0) {
    lines.push('', '### ❓ Unreadable: not compared (re-run after recovery)', '', '| Check | Area | Region | Read that failed |', '|---|---|---|---|');
    for (const u of report.unreadable) lines.push(`| ${code(u.check)} | ${AREA_TITLES[u.area]} | ${u.region} | ${cell(u.message)} |`);
  }
  if (report.allowed.length > 0) {
    lines.push('', '### Allowed differences', '', '| Code | Path | Reason | Expires |', '|---|---|---|---|');
    for (const f of report.allowed) lines.push(`| \`${f.code}\` | ${code(f.path)} | ${cell(f.allowance.reason)} | ${f.allowance.expires ?? 'never'} |`);
  }
  return lines.join('\n');
}
