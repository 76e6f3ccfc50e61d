/** The game day's timeline (terminal) and its Markdown report: timeline, findings, plans. */
import { renderPlanText } from '../../ui/plan/plan-text.js';
import type { Plan } from '../../core/plan/types.js';
import type { Rehearsal, StepRecord } from './runner.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function timelineLine(r: StepRecord, index: number, total: number): string {
  return `${r.ok ? '✓' : '✗'} ${String(index + 1).padStart(2)}/${total} ${r.step.title.padEnd(52)} ${seconds(r.durationMs).padStart(7)}  ${r.outcome}`;
}

interface Finding {
  code?: string;
  severity?: string;
  path?: string;
  message?: string;
}

function findingsOf(records: StepRecord[]): Finding[] {
  const drift = records.find((r) => r.step.id === 'drift');
  const findings = drift?.envelope?.data?.findings;
  return Array.isArray(findings) ? (findings as Finding[]) : [];
}

const cell = (s: unknown) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReport(r: Rehearsal, startedAt: Date): string {
  const total = r.records.reduce((sum, x) => sum + x.durationMs, 0);
  const lines = [
    '# mrrctl rehearsal report',
    '',
    `- Started: ${startedAt.toISOString()}`,
    `- Scenario: \`${r.scenario ?? 'default'}\``,
    `- User pool: \`${r.userPoolId}\` on the embedded sandbox`,
    `- Result: **${r.ok ? 'every step behaved as the runbook expects' : `step \`${r.failedStep}\` did not behave as the runbook expects`}**`,
    `- Duration: ${seconds(total)}`,
    '',
    '## Timeline',
    '',
    '| # | step | duration | outcome | |',
    '|---|---|---|---|---|',
    ...r.records.map((x, i) => `| ${i + 1} | ${cell(x.step.title)} | ${seconds(x.durationMs)} | ${cell(x.outcome)} | ${x.ok ? '✓' : '✗'} |`),
  ];
  const findings = findingsOf(r.records);
  if (findings.length > 0) {
    lines.push('', '## Drift findings (before the fix)', '', '| severity | code | path | message |', '|---|---|---|---|');
    for (const f of findings) lines.push(`| ${cell(f.severity)} | ${cell(f.code)} | ${cell(f.path)} | ${cell(f.message)} |`);
  }
  const plans = r.records.filter((x) => x.envelope?.data?.plan);
  if (plans.length > 0) {
    lines.push('', '## Plans');
    for (const x of plans) {
      lines.push('', `### ${x.step.title}`, '', '```', ...renderPlanText(x.envelope!.data.plan as Plan), '```');
    }
  }
  return `${lines.join('\n')}\n`;
}
