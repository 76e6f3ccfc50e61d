/**
 * `--format junit`: one test suite per area, one test case per check. A check fails when it has a
 * finding at or above --fail-on; findings below it and allowed ones are told in <system-out>.
 */
import { atOrAbove } from '../../core/drift/codes.js';
import { AREA_TITLES, type DriftFinding, type DriftReport } from '../../core/drift/types.js';
import { checksByArea, expiredNote, valueText } from './shared.js';

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function detail(f: DriftFinding): string {
  const lines = [`${f.severity} ${f.code} [${f.region}] ${f.path}: ${f.message}`, `  primary:   ${valueText(f.primary, 300)}`, `  secondary: ${valueText(f.secondary, 300)}`, `  fix: ${f.remedy}`];
  const note = expiredNote(f);
  if (note) lines.push(`  ${note}`);
  return lines.join('\n');
}

export function formatJunit(report: DriftReport): string {
  const groups = checksByArea(report);
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  const suites: string[] = [];
  for (const group of groups) {
    const cases: string[] = [];
    let failures = 0;
    let errors = 0;
    for (const { check, findings, allowed, unreadable } of group.checks) {
      const failing = findings.filter((f) => atOrAbove(f.severity, report.failOn));
      const other = findings.filter((f) => !atOrAbove(f.severity, report.failOn));
      const attrs = `classname="mrrctl.drift.${xmlEscape(group.area)}" name="${xmlEscape(`${check.id}: ${check.title}`)}" time="0"`;
      const body: string[] = [];
      if (failing.length > 0) {
        failures++;
        const message = failing[0].message + (failing.length > 1 ? ` (+${failing.length - 1} more)` : '');
        const type = [...new Set(failing.map((f) => f.code))].join(',');
        body.push(`      <failure message="${xmlEscape(message)}" type="${xmlEscape(type)}">${xmlEscape(failing.map(detail).join('\n\n'))}</failure>`);
      } else if (unreadable.length > 0) {
        // Not compared: a JUnit error (the test could not run), never a pass.
        errors++;
        body.push(`      <error message="${xmlEscape(unreadable[0].message)}" type="MRR_UNREADABLE_E001">${xmlEscape(unreadable.map((u) => u.message).join('\n'))}</error>`);
      }
      const notes = [...other.map(detail), ...allowed.map((f) => `allowed ${f.code} [${f.region}] ${f.path}: ${f.allowance.reason}`)];
      if (notes.length > 0) body.push(`      <system-out>${xmlEscape(notes.join('\n\n'))}</system-out>`);
      cases.push(body.length > 0 ? `    <testcase ${attrs}>\n${body.join('\n')}\n    </testcase>` : `    <testcase ${attrs}/>`);
    }
    totalTests += group.checks.length;
    totalFailures += failures;
    totalErrors += errors;
    suites.push(
      `  <testsuite name="${xmlEscape(AREA_TITLES[group.area])}" tests="${group.checks.length}" failures="${failures}" errors="${errors}" skipped="0" time="0" timestamp="${xmlEscape(report.checkedAt)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mrrctl drift ${xmlEscape(report.userPoolId)} ${xmlEscape(report.primaryRegion)}→${xmlEscape(report.secondaryRegion)}" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}" time="0">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}
