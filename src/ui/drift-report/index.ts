/**
 * The drift report in every format. `json` is the standard mrrctl envelope with the report as
 * `data`, so `--format json` and `--output json` give scripts the same document.
 */
import { failingFindings } from '../../core/drift/report.js';
import type { DriftReport } from '../../core/drift/types.js';
import { envelope, type Diagnostic } from '../output.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { DriftFormat } from './formats.js';

export { DRIFT_FORMATS, type DriftFormat } from './formats.js';

export interface FormatOptions {
  color: boolean;
  toolVersion: string;
  /** The config file as SARIF should name it. */
  artifactUri?: string;
}

/** The one diagnostic a drift result carries: the verdict (every finding is in data.findings). */
export function driftDiagnostics(report: DriftReport): Diagnostic[] {
  if (report.ok) return [];
  const failing = failingFindings(report);
  const codes = [...new Set(failing.map((f) => f.code))].join(', ');
  const out: Diagnostic[] = failing.length > 0 ? [{ severity: 'error', code: 'MRR_DRIFT_E000', message: `drift: ${failing.length} finding(s) at or above ${report.failOn} (${codes})` }] : [];
  // One line per failed read (several checks may share one).
  for (const message of new Set(report.unreadable.map((u) => u.message))) out.push({ severity: 'error', code: 'MRR_UNREADABLE_E001', message });
  return out;
}

export function driftEnvelope(report: DriftReport, command = 'drift') {
  return envelope({ command, ok: report.ok, data: report, diagnostics: driftDiagnostics(report) });
}

export function formatDriftReport(report: DriftReport, format: DriftFormat, opts: FormatOptions): string {
  switch (format) {
    case 'text':
      return formatText(report, { color: opts.color });
    case 'json':
      return JSON.stringify(driftEnvelope(report), null, 2);
    case 'markdown':
      return formatMarkdown(report);
    case 'junit':
      return formatJunit(report);
    case 'sarif':
      return formatSarif(report, { toolVersion: opts.toolVersion, artifactUri: opts.artifactUri });
  }
}
