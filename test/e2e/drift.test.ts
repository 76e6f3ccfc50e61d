/**
 * `drift` and `drift fix` end to end against the sandbox's demo world after phases 1–3 (set up
 * through the SDK, not mrrctl's own commands): the fresh replica in eu-west-1 has none of the
 * primary's Regional settings, and none of the Regional resources exist there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';
import { CognitoIdentityProviderClient, CreateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const S = 'eu-west-1';
const FUNCTIONS = ['demo-pre-sign-up', 'demo-custom-message', 'demo-post-confirmation'];
const LOG_GROUP = '/aws/vendedlogs/cognito/demo-users';

/** What `drift` must name on the fresh replica: each missing Regional setting and each missing resource. */
const EXPECTED_ON_FRESH_REPLICA = [
  ['MRR_DRIFT_E101', 'secondary.LambdaConfig.PreSignUp'],
  ['MRR_DRIFT_E101', 'secondary.LambdaConfig.CustomMessage'],
  ['MRR_DRIFT_E101', 'secondary.LambdaConfig.PostConfirmation'],
  ['MRR_DRIFT_E105', 'secondary.resources.lambda:demo-pre-sign-up'],
  ['MRR_DRIFT_E105', 'secondary.resources.lambda:demo-custom-message'],
  ['MRR_DRIFT_E105', 'secondary.resources.lambda:demo-post-confirmation'],
  ['MRR_DRIFT_E201', 'secondary.EmailConfiguration.EmailSendingAccount'],
  ['MRR_DRIFT_E202', 'secondary.resources.ses:example.com'],
  ['MRR_DRIFT_E301', 'secondary.SmsConfiguration'],
  ['MRR_DRIFT_E401', 'secondary.RiskConfiguration.AccountTakeoverRiskConfiguration.NotifyConfiguration.SourceArn'],
  ['MRR_DRIFT_E601', 'secondary.LogDeliveryConfiguration.userNotification'],
  ['MRR_DRIFT_E602', `secondary.resources.log-group:${LOG_GROUP}`],
  ['MRR_DRIFT_E701', 'secondary.WebACL'],
  ['MRR_DRIFT_E702', 'secondary.resources.web-acl:demo-auth-acl'],
  ['MRR_DRIFT_W501', 'secondary.UserPoolTags.app'],
  ['MRR_DRIFT_W501', 'secondary.UserPoolTags.managed-by'],
  ['MRR_DRIFT_I801', 'secondary.MfaConfig.SoftwareTokenMfaConfiguration'],
];

const pairs = (findings: Array<{ code: string; path: string }>) => findings.map((f) => [f.code, f.path]);

/** The resources an operator deploys to the secondary Region (the demo seed has them in us-east-1 only). */
async function createSecondaryResources(w: SeededWorld): Promise<void> {
  const created = [
    ...FUNCTIONS.map((name) =>
      sandboxAdmin(w.sb, 'POST', 'resources/lambda', {
        region: S,
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        // The seed's code hash, so the two Regions run the same code.
        CodeSha256: createHash('sha256').update(`mrrctl demo ${name}`).digest('base64'),
      }),
    ),
    sandboxAdmin(w.sb, 'POST', 'resources/ses', { region: S, EmailIdentity: 'example.com' }),
    sandboxAdmin(w.sb, 'POST', 'resources/logs', { region: S, logGroupName: LOG_GROUP }),
    sandboxAdmin(w.sb, 'POST', 'resources/wafv2', { region: S, Name: 'demo-auth-acl' }),
  ];
  for (const r of await Promise.all(created)) expect(r.status).toBe(201);
}

let w: SeededWorld;
beforeEach(async () => {
  // Virtual time: replication lands only when mrrctl's own waits (the re-check) move the clock on.
  w = await seededWorld(undefined, undefined, { clock: new VirtualClock() });
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: false });
});
afterEach(async () => {
  await w.stop();
});

describe('replication lag', () => {
  it('re-reads a replicated difference once after --recheck-after, and reports only what persists', async () => {
    const { userPoolId, primaryRegion } = w.summary;
    // On the virtual clock the change arrives 5 s after it was made, whatever the machine's load:
    // after the first pass (its pacing waits take well under 5 s), before the end of the 6 s re-check.
    expect((await sandboxAdmin(w.sb, 'PUT', 'settings', { syncDelayMs: 5000 })).status).toBe(200);
    const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, primaryRegion));
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'auditors' }));
    const caughtUp = (await w.run(['drift', '--output', 'json', '--recheck-after', '6'])).json().data;
    expect(caughtUp.recheck).toMatchObject({ performed: true, delayMs: 6000, firstPass: 1, resolved: 1 });
    expect(caughtUp.findings.filter((f: { area: string }) => f.area === 'replicated')).toEqual([]);

    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'support' }));
    const lagging = await w.run(['drift', '--output', 'json', '--recheck-after', '0']);
    expect(lagging.code).toBe(3);
    expect(lagging.json().data.recheck).toMatchObject({ performed: true, firstPass: 1, resolved: 0 });
    expect(pairs(lagging.json().data.findings)).toContainEqual(['MRR_DRIFT_E906', 'replicated.Groups.support']);
  });

  it('--deep describes every app client in both Regions', async () => {
    const since = w.lastSeq();
    const r = await w.run(['drift', '--deep', '--output', 'json']);
    expect(r.json().data.deep).toBe(true);
    const describes = w.sb.calls().filter((c) => c.seq > since && c.operation === 'DescribeUserPoolClient');
    expect(describes.filter((c) => c.region === S)).toHaveLength(3);
    expect(describes).toHaveLength(6);
    expect(r.json().data.findings.filter((f: { area: string }) => f.area === 'replicated')).toEqual([]);
  });
});

describe('drift', () => {
  it('exits 3 on the fresh replica, names each missing Regional setting and resource, and writes nothing', async () => {
    const since = w.lastSeq();
    const r = await w.run(['drift', '--output', 'json']);
    expect(r.code).toBe(3);
    const doc = r.json();
    expect(doc).toMatchObject({ schemaVersion: 2, command: 'drift', ok: false, diagnostics: [{ code: 'MRR_DRIFT_E000' }] });
    expect(pairs(doc.data.findings)).toEqual(expect.arrayContaining(EXPECTED_ON_FRESH_REPLICA));
    expect(doc.data.findings).toHaveLength(EXPECTED_ON_FRESH_REPLICA.length);
    // The replicated configuration matches: no replication finding, no re-check wait.
    expect(doc.data.findings.filter((f: { area: string }) => f.area === 'replicated')).toEqual([]);
    expect(doc.data.recheck.performed).toBe(false);
    expect(w.writesSince(since)).toEqual([]);
    // It looked in both Regions, at the resources too.
    const services = new Set(w.sb.calls().filter((c) => c.seq > since && c.region === S).map((c) => c.service));
    expect([...services].sort()).toEqual(['cognito-idp', 'lambda', 'logs', 'ses', 'wafv2']);
  });

  it('without a replica it says so and exits 3', async () => {
    const bare = await seededWorld();
    try {
      const r = await bare.run(['drift', '--output', 'json']);
      expect(r.code).toBe(3);
      expect(pairs(r.json().data.findings)).toEqual([['MRR_DRIFT_E001', 'secondary.Replica']]);
    } finally {
      await bare.stop();
    }
  });

  it('prints each format raw on stdout, and writes --report files while stdout keeps the text report', async () => {
    const junit = await w.run(['drift', '--format', 'junit']);
    expect(junit.code).toBe(3);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(junit.stdout);
    expect(Number(doc.testsuites['@failures'])).toBeGreaterThan(0);
    expect(junit.stdout).toContain('secondary.LambdaConfig.PreSignUp');

    const json = await w.run(['drift', '--format', 'json']);
    expect(json.json()).toMatchObject({ schemaVersion: 2, command: 'drift', ok: false });

    const r = await w.run(['drift', '--report', 'junit:drift-junit.xml', '--report', 'drift.sarif', '--report', 'summary.md', '--fail-on', 'warning']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Drift for ');
    expect(r.stderr).toContain('wrote the sarif report to drift.sarif');
    expect(readFileSync(join(w.dir, 'drift-junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    const sarif = JSON.parse(readFileSync(join(w.dir, 'drift.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('mrrctl.yaml');
    expect(readFileSync(join(w.dir, 'summary.md'), 'utf8')).toContain('| Severity | Code |');
  });

  it('an allowance silences exactly its finding until it expires', async () => {
    const allow = (expires: string) =>
      `${w.config}drift:\n  allow:\n    - path: secondary.LambdaConfig.PreSignUp\n      reason: sign-up is closed in eu-west-1\n      expires: ${expires}\n`;
    writeFileSync(join(w.dir, 'allowed.yaml'), allow('2999-12-31'));
    const allowed = (await w.run(['--config', 'allowed.yaml', 'drift', '--output', 'json'])).json().data;
    expect(pairs(allowed.allowed)).toEqual([['MRR_DRIFT_E101', 'secondary.LambdaConfig.PreSignUp']]);
    expect(allowed.allowed[0].allowance).toEqual({ reason: 'sign-up is closed in eu-west-1', expires: '3000-01-01T00:00:00.000Z' });
    expect(pairs(allowed.findings)).not.toContainEqual(['MRR_DRIFT_E101', 'secondary.LambdaConfig.PreSignUp']);
    expect(allowed.findings).toHaveLength(EXPECTED_ON_FRESH_REPLICA.length - 1);

    writeFileSync(join(w.dir, 'expired.yaml'), allow('2020-01-01'));
    const expired = (await w.run(['--config', 'expired.yaml', 'drift', '--output', 'json'])).json().data;
    expect(expired.allowed).toEqual([]);
    const back = expired.findings.find((f: { path: string }) => f.path === 'secondary.LambdaConfig.PreSignUp');
    expect(back.expiredAllowance).toEqual({ reason: 'sign-up is closed in eu-west-1', expires: '2020-01-02T00:00:00.000Z' });
    expect(expired.findings).toHaveLength(EXPECTED_ON_FRESH_REPLICA.length);
  });
});

describe('drift fix', () => {
  it('without the resources: aligns only SMS and tags, and lists what it cannot do', async () => {
    const r = await w.run(['drift', 'fix', '--yes', '--output', 'json']);
    expect(r.code).toBe(0);
    const data = r.json().data;
    expect(data.plan.steps.map((s: { operation: string }) => s.operation)).toEqual(['UpdateUserPool']);
    expect(data.report.cannot).toEqual(
      expect.arrayContaining([
        expect.stringContaining('deploy demo-pre-sign-up to eu-west-1'),
        expect.stringContaining('verify the SES identity example.com in eu-west-1'),
        expect.stringContaining(`create ${LOG_GROUP} in eu-west-1`),
        expect.stringContaining('create web ACL demo-auth-acl in eu-west-1'),
      ]),
    );
    expect(data.plan.notes).toEqual(expect.arrayContaining([expect.stringContaining('drift fix cannot do this for you: deploy demo-pre-sign-up')]));
    const after = (await w.run(['drift', '--output', 'json'])).json().data;
    const codes = after.findings.map((f: { code: string }) => f.code);
    expect(codes).not.toContain('MRR_DRIFT_E301');
    expect(codes).not.toContain('MRR_DRIFT_W501');
    expect(codes).toContain('MRR_DRIFT_E101');
  });

  it('once the resources exist: dry-run writes nothing, apply aligns everything, drift exits 0, a re-run changes nothing', async () => {
    await createSecondaryResources(w);

    let since = w.lastSeq();
    const dry = await w.run(['drift', 'fix', '--dry-run']);
    expect(dry.code).toBe(0);
    for (const op of ['AddPermission', 'UpdateUserPool', 'SetLogDeliveryConfiguration', 'SetRiskConfiguration', 'AssociateWebACL']) expect(dry.stdout).toContain(op);
    expect(w.writesSince(since)).toEqual([]);

    since = w.lastSeq();
    const fix = await w.run(['drift', 'fix', '--yes']);
    expect(fix.code).toBe(0);
    expect(fix.stdout).toContain('Applied 7 step(s)');
    expect(fix.stdout).toContain('Verified:');
    const writes = w.writesSince(since);
    expect(writes.map((c) => c.operation).sort()).toEqual(
      ['AddPermission', 'AddPermission', 'AddPermission', 'AssociateWebACL', 'SetLogDeliveryConfiguration', 'SetRiskConfiguration', 'UpdateUserPool'],
    );
    expect(writes.every((c) => c.region === S && c.status < 300)).toBe(true);
    expect(readFileSync(w.journal, 'utf8')).toContain('drift fix');

    const clean = await w.run(['drift']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No drift at or above error.');
    const data = (await w.run(['drift', '--output', 'json'])).json().data;
    // Only the TOTP notice remains: an AWS limitation, not drift.
    expect(pairs(data.findings)).toEqual([['MRR_DRIFT_I801', 'secondary.MfaConfig.SoftwareTokenMfaConfiguration']]);

    since = w.lastSeq();
    const again = await w.run(['drift', 'fix', '--yes', '--output', 'json']);
    expect(again.code).toBe(0);
    expect(again.json().data.changes).toBe(0);
    expect(w.writesSince(since)).toEqual([]);
  });

  it('refuses to apply without --yes when there is no terminal, and writes nothing', async () => {
    const since = w.lastSeq();
    const r = await w.run(['drift', 'fix']);
    expect(r.code).toBe(5);
    expect(w.writesSince(since)).toEqual([]);
  });
});
