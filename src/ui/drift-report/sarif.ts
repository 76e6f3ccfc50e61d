/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning tools — one rule per drift code, one result per
 * finding. Results point at the config file (code scanning needs a file location) and name the
 * drift path as a logical location; allowed findings are results with an external suppression.
 */
import { createHash } from 'node:crypto';
import { DRIFT_RULES } from '../../core/drift/codes.js';
import type { DriftFinding, DriftReport, DriftSeverity, DriftUnreadable } from '../../core/drift/types.js';
import { expiredNote } from './shared.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVELS: Record<DriftSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  toolVersion: string;
  /** The config file, relative to the repository root (default mrrctl.yaml). */
  artifactUri?: string;
}

function fingerprint(report: DriftReport, f: DriftFinding): string {
  return createHash('sha256').update(`${report.userPoolId}|${f.code}|${f.region}|${f.path}`).digest('hex');
}

export function sarifDocument(report: DriftReport, opts: SarifOptions): Record<string, unknown> {
  const index = new Map(DRIFT_RULES.map((r, i) => [r.code, i]));
  const uri = opts.artifactUri ?? 'mrrctl.yaml';
  const result = (f: DriftFinding, suppression?: { reason: string }) => {
    const note = expiredNote(f);
    return {
      ruleId: f.code,
      ruleIndex: index.get(f.code),
      level: LEVELS[f.severity],
      message: { text: `${f.message}. Fix: ${f.remedy}${note ? ` (${note})` : ''}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
          logicalLocations: [{ fullyQualifiedName: f.path, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'mrrctlDrift/v1': fingerprint(report, f) },
      properties: { region: f.region, path: f.path, check: f.check, primary: f.primary, secondary: f.secondary, remedy: f.remedy, fixable: f.fixable },
      ...(suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: suppression.reason }] } : {}),
    };
  };
  // An unreadable check is an error result of its own rule (after the drift rules, whose indexes stay),
  // and a tool execution notification: a gate reading either never passes on unread data.
  const unreadIndex = DRIFT_RULES.length;
  const unreadResult = (u: DriftUnreadable) => ({
    ruleId: UNREADABLE_RULE.id,
    ruleIndex: unreadIndex,
    level: 'error' as const,
    message: { text: `${u.check} (${u.title}) not compared: ${u.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } }, logicalLocations: [{ fullyQualifiedName: u.check, kind: 'resource' }] }],
    partialFingerprints: { 'mrrctlDrift/v1': createHash('sha256').update(`${report.userPoolId}|${UNREADABLE_RULE.id}|${u.check}|${u.region}|${u.service}|${u.operation}`).digest('hex') },
    properties: { status: 'unreadable', check: u.check, region: u.region, service: u.service, operation: u.operation, error: u.error, primary: null, secondary: null },
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mrrctl',
            semanticVersion: opts.toolVersion,
            version: opts.toolVersion,
            rules: DRIFT_RULES.map((r) => ({
              id: r.code,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.help },
              defaultConfiguration: { level: LEVELS[r.severity] },
              properties: { area: r.area, tags: ['mrrctl', 'drift', r.area] },
            })).concat([UNREADABLE_RULE as never]),
          },
        },
        automationDetails: { id: `mrrctl-drift/${report.userPoolId}/${report.secondaryRegion}/` },
        invocations: [
          {
            executionSuccessful: report.unreadable.length === 0,
            endTimeUtc: report.checkedAt,
            ...(report.unreadable.length > 0
              ? { toolExecutionNotifications: report.unreadable.map((u) => ({ level: 'error', descriptor: { id: UNREADABLE_RULE.id }, message: { text: `${u.check}: ${u.message}` } })) }
              : {}),
          },
        ],
        results: [...report.findings.map((f) => result(f)), ...report.unreadable.map(unreadResult), ...report.allowed.map((f) => result(f, { reason: f.allowance.reason }))],
        properties: { userPoolId: report.userPoolId, primaryRegion: report.primaryRegion, secondaryRegion: report.secondaryRegion, summary: report.summary },
      },
    ],
  };
}

const UNREADABLE_RULE = {
  id: 'MRR_UNREADABLE_E001',
  name: 'CheckUnreadable',
  shortDescription: { text: 'check could not be read' },
  fullDescription: { text: 'An AWS read failed after retries (Region down, throttling, 5xx, access denied): the comparison was not made. Re-run after recovery.' },
  defaultConfiguration: { level: 'error' },
  properties: { area: 'unreadable', tags: ['mrrctl', 'drift', 'unreadable'] },
};

export function formatSarif(report: DriftReport, opts: SarifOptions): string {
  return JSON.stringify(sarifDocument(report, opts), null, 2);
}
