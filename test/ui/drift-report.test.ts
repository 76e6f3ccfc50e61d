/** Every drift report format, from one report: JSON envelope shape, JUnit and SARIF that parse and carry the findings, a Markdown table, text. */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { applyAllowances } from '../../src/core/drift/allowances.js';
import { DRIFT_RULES } from '../../src/core/drift/codes.js';
import { compareRegional, compareReplicated } from '../../src/core/drift/compare.js';
import { buildReport } from '../../src/core/drift/report.js';
import type { DriftReport, DriftSeverity } from '../../src/core/drift/types.js';
import type { JsonObject } from '../../src/core/plan/types.js';
import { formatDriftReport } from '../../src/ui/drift-report/index.js';
import { alignedObservation, P, POOL_ID, S } from '../core/drift/fixtures.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const opts = { color: false, toolVersion: '9.9.9', artifactUri: 'ops/mrrctl.yaml' };

function sampleReport(failOn: DriftSeverity = 'error'): DriftReport {
  const o = alignedObservation();
  delete (o.secondary.pool!.LambdaConfig as JsonObject).PreSignUp;
  (o.secondary.pool!.EmailConfiguration as JsonObject).From = 'Ops <ops@example.com> | "quoted" & more';
  o.secondary.pool!.UserPoolTags = { region: 'eu' };
  const regional = compareRegional(o);
  const replicated = compareReplicated(o);
  const { findings, allowed } = applyAllowances([...regional.findings, ...replicated.findings], [{ path: 'secondary.UserPoolTags.region', reason: 'Region tag on purpose' }], NOW);
  return buildReport({
    userPoolId: POOL_ID,
    primaryRegion: P,
    secondaryRegion: S,
    checkedAt: NOW,
    deep: false,
    replica: { status: 'INACTIVE', role: 'SECONDARY' },
    failOn,
    checks: [...regional.checks, ...replicated.checks],
    findings,
    allowed,
    recheck: { performed: false, delayMs: 0, firstPass: 0, resolved: 0 },
  });
}

describe('the sample report', () => {
  it('has an error, warnings and an allowed finding to format', () => {
    const r = sampleReport();
    expect(r.findings.map((f) => f.code)).toEqual(['MRR_DRIFT_E101', 'MRR_DRIFT_W204', 'MRR_DRIFT_W501']);
    expect(r.allowed.map((f) => f.code)).toEqual(['MRR_DRIFT_I502']);
  });
});

describe('json', () => {
  it('is the standard envelope with the report as data', () => {
    const doc = JSON.parse(formatDriftReport(sampleReport(), 'json', opts));
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'command', 'ok', 'data', 'diagnostics']);
    expect(doc).toMatchObject({ schemaVersion: 2, command: 'drift', ok: false });
    expect(doc.diagnostics).toEqual([{ severity: 'error', code: 'MRR_DRIFT_E000', message: expect.stringContaining('MRR_DRIFT_E101') }]);
    expect(doc.data).toMatchObject({ userPoolId: POOL_ID, primaryRegion: P, secondaryRegion: S, failOn: 'error', ok: false, summary: { errors: 1, warnings: 2, infos: 0, allowed: 1 } });
    for (const f of doc.data.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['code', 'severity', 'region', 'path', 'primary', 'secondary', 'message', 'remedy']));
    }
    expect(doc.data.allowed[0]).toMatchObject({ path: 'secondary.UserPoolTags.region', allowance: { reason: 'Region tag on purpose', expires: null } });
  });
});

describe('junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

  it('parses, has one test case per check, and fails exactly the checks with findings at or above --fail-on', () => {
    const report = sampleReport();
    const xml = formatDriftReport(report, 'junit', opts);
    const doc = parser.parse(xml);
    const cases = doc.testsuites.testsuite.flatMap((s: any) => s.testcase);
    expect(cases).toHaveLength(report.checks.length);
    expect(Number(doc.testsuites['@tests'])).toBe(report.checks.length);
    const failed = cases.filter((c: any) => c.failure);
    expect(failed.map((c: any) => c['@name'])).toEqual(['lambda.PreSignUp: Lambda trigger PreSignUp']);
    expect(Number(doc.testsuites['@failures'])).toBe(1);
    expect(failed[0].failure['@type']).toBe('MRR_DRIFT_E101');
    expect(failed[0].failure['#text']).toContain('secondary.LambdaConfig.PreSignUp');
    // Warnings below the threshold and allowed findings are told, not failed; special characters survive.
    const email = cases.find((c: any) => c['@name'].startsWith('email.EmailConfiguration'));
    expect(email['system-out']).toContain('Ops <ops@example.com> | "quoted" & more');
    const tags = cases.find((c: any) => c['@name'].startsWith('tags.'));
    expect(tags['system-out']).toContain('allowed MRR_DRIFT_I502');
  });

  it('--fail-on warning fails the warning checks too', () => {
    const doc = parser.parse(formatDriftReport(sampleReport('warning'), 'junit', opts));
    expect(Number(doc.testsuites['@failures'])).toBe(3);
  });
});

describe('sarif', () => {
  it('is SARIF 2.1.0 with one rule per code and one result per finding (allowed ones suppressed)', () => {
    const report = sampleReport();
    const doc = JSON.parse(formatDriftReport(report, 'sarif', opts));
    expect(doc.version).toBe('2.1.0');
    expect(doc.$schema).toMatch(/sarif-2\.1\.0/);
    const run = doc.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'mrrctl', version: '9.9.9' });
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    // The drift rules in registry order, then the rule of an unreadable check.
    expect(ids).toEqual([...DRIFT_RULES.map((r) => r.code), 'MRR_UNREADABLE_E001']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    expect(run.results).toHaveLength(report.findings.length + report.allowed.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('ops/mrrctl.yaml');
      expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe(result.properties.path);
      expect(result.partialFingerprints['mrrctlDrift/v1']).toMatch(/^[0-9a-f]{64}$/);
    }
    const e101 = run.results.find((r: any) => r.ruleId === 'MRR_DRIFT_E101');
    expect(e101).toMatchObject({ level: 'error', properties: { region: S, path: 'secondary.LambdaConfig.PreSignUp' } });
    expect(run.results.find((r: any) => r.ruleId === 'MRR_DRIFT_W204').level).toBe('warning');
    const allowed = run.results.find((r: any) => r.ruleId === 'MRR_DRIFT_I502');
    expect(allowed).toMatchObject({ level: 'note', suppressions: [{ kind: 'external', justification: 'Region tag on purpose' }] });
  });
});

describe('markdown', () => {
  it('renders a table with one row per finding, pipes escaped, and the allowed differences', () => {
    const report = sampleReport();
    const md = formatDriftReport(report, 'markdown', opts);
    const lines = md.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| Severity | Code |'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^\|(---\|)+$/);
    const rows = lines.slice(header + 2, header + 2 + report.findings.length);
    expect(rows.every((l) => l.startsWith('| '))).toBe(true);
    expect(rows[0]).toContain('`MRR_DRIFT_E101`');
    // Every row keeps the column count although a value holds a pipe.
    const columns = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (const row of rows) expect(columns(row)).toBe(columns(lines[header]));
    expect(md).toContain('## mrrctl drift: ❌ 1 finding at or above error');
    expect(md).toContain('### Allowed differences');
    expect(md).toContain('Region tag on purpose');
  });
});

describe('text', () => {
  it('groups by area and colours only when asked', () => {
    const report = sampleReport();
    const plain = formatDriftReport(report, 'text', opts);
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toContain('Lambda triggers (');
    expect(plain).toContain('MRR_DRIFT_E101 secondary.LambdaConfig.PreSignUp [eu-west-1]');
    expect(plain).toContain('Allowed differences (drift.allow)');
    expect(plain.indexOf('Lambda triggers')).toBeLessThan(plain.indexOf('Email ('));
    const coloured = formatDriftReport(report, 'text', { ...opts, color: true });
    expect(coloured).toMatch(/\u001b\[31m✗ MRR_DRIFT_E101/);
  });
});
