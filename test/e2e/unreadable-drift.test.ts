/**
 * drift reports what it can read (issue 16), end to end on the demo world after phases 1–3: under a
 * us-east-1 outage, Lambda down in eu-west-1, and a throttling storm on SES GetEmailIdentity, each
 * comparison that cannot be made is an unreadable check ("unreadable: … re-run after recovery"), the
 * rest is still compared and reported, and the exit is 3 whatever --fail-on says.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { injectFault } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

const P = 'us-east-1';
const S = 'eu-west-1';
const LOG_GROUP = '/aws/vendedlogs/cognito/demo-users';
let w: SeededWorld;

const inject = (fault: Record<string, unknown>) => injectFault(w.sb, fault);
const pairs = (findings: Array<{ code: string; path: string }>) => findings.map((f) => [f.code, f.path]);
const unreadChecks = (checks: Array<{ id: string; status: string }>) => checks.filter((c) => c.status === 'unreadable').map((c) => c.id);

beforeEach(async () => {
  w = await seededWorld();
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: false });
});
afterEach(async () => {
  await w.stop();
});

describe('drift when a read fails', () => {
  it('us-east-1 down: nothing to compare against, said as an unreadable check, exit 3 (not exit 1)', async () => {
    await inject({ region: P, kind: 'outage' });
    const r = await w.run(['drift', '--output', 'json', '--recheck-after', '0']);
    expect(r.code).toBe(3);
    const { data, diagnostics } = r.json();
    expect(data.ok).toBe(false);
    expect(data.findings).toEqual([]);
    expect(data.checks).toEqual([{ id: 'replica.Status', area: 'replica', title: `Replica in ${S}`, status: 'unreadable' }]);
    expect(data.unreadable).toEqual([
      expect.objectContaining({ status: 'unreadable', check: 'replica.Status', service: 'cognito-idp', operation: 'DescribeUserPool', region: P, primary: null, secondary: null }),
    ]);
    expect(data.unreadable[0].message).toMatch(/^unreadable: cognito-idp DescribeUserPool in us-east-1: \S+.*, re-run after recovery$/);
    expect(diagnostics.map((d: { code: string }) => d.code)).toEqual(['MRR_UNREADABLE_E001']);
  });

  it('Lambda down in eu-west-1: the secondary functions are unreadable, every other finding is still reported', async () => {
    await inject({ region: S, service: 'lambda', kind: 'outage' });
    const r = await w.run(['drift', '--output', 'json', '--recheck-after', '0']);
    expect(r.code).toBe(3);
    const data = r.json().data;
    expect(unreadChecks(data.checks)).toEqual(['resource.lambda:demo-pre-sign-up', 'resource.lambda:demo-custom-message', 'resource.lambda:demo-post-confirmation']);
    expect(data.unreadable.map((u: { message: string }) => u.message)).toEqual(
      Array(3).fill(expect.stringMatching(/^unreadable: lambda GetFunction in eu-west-1: \S+.*, re-run after recovery$/)),
    );
    // Exactly the fresh replica's findings, minus "function missing" that nobody could read.
    expect(pairs(data.findings)).toEqual(
      expect.arrayContaining([
        ['MRR_DRIFT_E101', 'secondary.LambdaConfig.PreSignUp'],
        ['MRR_DRIFT_E201', 'secondary.EmailConfiguration.EmailSendingAccount'],
        ['MRR_DRIFT_E202', 'secondary.resources.ses:example.com'],
        ['MRR_DRIFT_E601', 'secondary.LogDeliveryConfiguration.userNotification'],
        ['MRR_DRIFT_E602', `secondary.resources.log-group:${LOG_GROUP}`],
        ['MRR_DRIFT_E701', 'secondary.WebACL'],
        ['MRR_DRIFT_E702', 'secondary.resources.web-acl:demo-auth-acl'],
      ]),
    );
    expect(data.findings.filter((f: { code: string }) => f.code === 'MRR_DRIFT_E105')).toEqual([]);
  });

  it('Lambda down in eu-west-1, as JUnit: the unreadable checks are <error>s, the drift <failure>s', async () => {
    await inject({ region: S, service: 'lambda', kind: 'outage' });
    const r = await w.run(['drift', '--format', 'junit', '--recheck-after', '0']);
    expect(r.code).toBe(3);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    expect(xml.testsuites.errors).toBe('3');
    expect(Number(xml.testsuites.failures)).toBeGreaterThan(0);
    const lambda = [xml.testsuites.testsuite].flat().find((s: { name: string }) => s.name === 'Lambda triggers');
    const errored = [lambda.testcase].flat().filter((c: { error?: unknown }) => c.error);
    expect(errored.map((c: { error: { type: string } }) => c.error.type)).toEqual(['MRR_UNREADABLE_E001', 'MRR_UNREADABLE_E001', 'MRR_UNREADABLE_E001']);
  });

  it('a throttling storm on GetEmailIdentity in eu-west-1: that identity is unreadable, the rest compared; --fail-on warning still exit 3', async () => {
    await inject({ region: S, service: 'ses', operation: 'GetEmailIdentity', kind: 'throttle' });
    const r = await w.run(['drift', '--fail-on', 'warning', '--recheck-after', '0']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^ {2}\? resource\.ses:example\.com: unreadable: ses GetEmailIdentity in eu-west-1: TooManyRequestsException: .*, re-run after recovery$/m);
    expect(r.stdout).toContain('MRR_DRIFT_E105 secondary.resources.lambda:demo-pre-sign-up [eu-west-1]');
    expect(r.stdout).toContain('MRR_DRIFT_E701 secondary.WebACL [eu-west-1]');
    expect(r.stdout).toMatch(/^Not compared: 1 check could not be read \(the report fails whatever --fail-on says\): re-run after recovery\.$/m);
    expect(r.stderr).toContain('[MRR_UNREADABLE_E001]');
  });
});
