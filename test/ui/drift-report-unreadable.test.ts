/**
 * A drift report with a comparison that could not be read: every format shows it as unreadable (JSON
 * status with null values, a JUnit error, a SARIF error result and notification, a Markdown section,
 * a text line), and the report is not ok whatever --fail-on says.
 */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { compareRegional, compareReplicated } from '../../src/core/drift/compare.js';
import { buildReport } from '../../src/core/drift/report.js';
import { unreadKey, type DriftReport, type DriftSeverity } from '../../src/core/drift/types.js';
import { unreadableFrom } from '../../src/core/unreadable.js';
import { formatDriftReport } from '../../src/ui/drift-report/index.js';
import { alignedObservation, P, POOL_ID, S } from '../core/drift/fixtures.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const opts = { color: false, toolVersion: '9.9.9', artifactUri: 'ops/mrrctl.yaml' };
const LOGS_DOWN = unreadableFrom(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailableException', $metadata: {} }), {
  service: 'cognito-idp',
  operation: 'GetLogDeliveryConfiguration',
  region: S,
});
const ACL_THROTTLED = unreadableFrom(Object.assign(new Error('Rate exceeded'), { name: 'WAFInternalErrorException', $metadata: {} }), { service: 'wafv2', operation: 'ListWebACLs', region: S });

function unreadReport(failOn: DriftSeverity): DriftReport {
  const o = alignedObservation();
  o.secondary.unread = { logDelivery: LOGS_DOWN };
  o.resources.unread = { [unreadKey('webAcl', S, 'auth-acl')]: ACL_THROTTLED };
  const regional = compareRegional(o);
  const replicated = compareReplicated(o);
  return buildReport({
    userPoolId: POOL_ID,
    primaryRegion: P,
    secondaryRegion: S,
    checkedAt: NOW,
    deep: false,
    replica: { status: 'ACTIVE', role: 'SECONDARY' },
    failOn,
    checks: [...regional.checks, ...replicated.checks],
    findings: [...regional.findings, ...replicated.findings],
    allowed: [],
    unreadable: [...regional.unreadable, ...replicated.unreadable],
    recheck: { performed: false, delayMs: 0, firstPass: 0, resolved: 0 },
  });
}

describe('a report with unreadable checks', () => {
  it('is not ok at either --fail-on, and marks exactly those checks unreadable (the rest compared)', () => {
    for (const failOn of ['error', 'warning'] as const) {
      const r = unreadReport(failOn);
      expect(r.ok).toBe(false);
      expect(r.findings).toEqual([]);
      expect(r.checks.filter((c) => c.status === 'unreadable').map((c) => c.id)).toEqual(['log-delivery.*', 'resource.web-acl:auth-acl']);
      expect(r.checks.filter((c) => c.status === 'pass').map((c) => c.id)).toContain('waf.WebACL');
      expect(r.summary).toMatchObject({ unreadable: 2, errors: 0, warnings: 0 });
    }
  });

  it('JSON: status "unreadable" with null values, and one MRR_UNREADABLE_E001 diagnostic per failed read', () => {
    const doc = JSON.parse(formatDriftReport(unreadReport('error'), 'json', opts));
    expect(doc.ok).toBe(false);
    expect(doc.data.unreadable[0]).toEqual({
      status: 'unreadable',
      service: 'cognito-idp',
      operation: 'GetLogDeliveryConfiguration',
      region: S,
      error: { code: 'ServiceUnavailableException', message: 'Service Unavailable' },
      message: `unreadable: cognito-idp GetLogDeliveryConfiguration in ${S}: ServiceUnavailableException: Service Unavailable, re-run after recovery`,
      check: 'log-delivery.*',
      area: 'log-delivery',
      title: 'Log delivery (not compared)',
      primary: null,
      secondary: null,
    });
    expect(doc.diagnostics.map((d: { code: string }) => d.code)).toEqual(['MRR_UNREADABLE_E001', 'MRR_UNREADABLE_E001']);
  });

  it('JUnit: each unreadable check is an <error>, counted in errors', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(formatDriftReport(unreadReport('error'), 'junit', opts));
    expect(xml.testsuites.errors).toBe('2');
    expect(xml.testsuites.failures).toBe('0');
    const cases = [xml.testsuites.testsuite].flat().flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as Array<{ name: string; error?: { type: string; message: string } }>;
    const errored = cases.filter((c) => c.error).map((c) => [c.name.split(':')[0] + (c.name.startsWith('resource.') ? `:${c.name.split(':')[1]}` : ''), c.error!.type]);
    expect(errored).toEqual([
      ['log-delivery.*', 'MRR_UNREADABLE_E001'],
      ['resource.web-acl:auth-acl', 'MRR_UNREADABLE_E001'],
    ]);
  });

  it('SARIF: an error result per unreadable check, a failed invocation with notifications', () => {
    const run = JSON.parse(formatDriftReport(unreadReport('warning'), 'sarif', opts)).runs[0];
    const unread = run.results.filter((r: { ruleId: string }) => r.ruleId === 'MRR_UNREADABLE_E001');
    expect(unread.map((r: { level: string; properties: { check: string; status: string } }) => [r.level, r.properties.status, r.properties.check])).toEqual([
      ['error', 'unreadable', 'log-delivery.*'],
      ['error', 'unreadable', 'resource.web-acl:auth-acl'],
    ]);
    for (const r of unread) expect(run.tool.driver.rules[r.ruleIndex].id).toBe('MRR_UNREADABLE_E001');
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications.map((n: { level: string }) => n.level)).toEqual(['error', 'error']);
  });

  it('Markdown and text say what was not compared and that the report fails', () => {
    const md = formatDriftReport(unreadReport('error'), 'markdown', opts);
    expect(md).toContain('## mrrctl drift: ❌ 2 checks unreadable (not compared)');
    expect(md).toContain('### ❓ Unreadable: not compared (re-run after recovery)');
    expect(md).toContain(`| \`resource.web-acl:auth-acl\` | WAF web ACL | ${S} | unreadable: wafv2 ListWebACLs in ${S}: WAFInternalErrorException: Rate exceeded, re-run after recovery |`);
    const text = formatDriftReport(unreadReport('error'), 'text', opts);
    expect(text).toContain(`  ? log-delivery.*: unreadable: cognito-idp GetLogDeliveryConfiguration in ${S}: ServiceUnavailableException: Service Unavailable, re-run after recovery`);
    expect(text).toContain('Log delivery (1 check, 0 passed, 1 unreadable)');
    expect(text).toContain('Not compared: 2 checks could not be read (the report fails whatever --fail-on says): re-run after recovery.');
    expect(text).not.toContain('No drift at or above');
  });
});
