/**
 * The bad-input corpus: flags, config files, environment and plan files that are wrong in one way
 * each. Every case must be refused with a message that names the field and what was expected, exit 2
 * (4 for a stale or expired plan), and not one write call in the sandbox call log. The cases run
 * against one seeded world through mutating commands with --yes wherever possible, so a check that
 * let bad input through would show up as a write.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUserPoolInput } from '../../src/core/cognito/update-pool.js';
import { serializePlan, type PlanFileEnvelope } from '../../src/core/plan/plan-file.js';
import type { Plan } from '../../src/core/plan/types.js';
import type { UserPool } from '../../src/core/ports/cognito.js';
import { runCli } from '../helpers/run-cli.js';
import { awsClientConfig } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

const P = 'us-east-1';
const S = 'eu-west-1';

interface Case {
  name: string;
  /** Class, for docs/reliability.md. */
  kind: 'flag' | 'config' | 'environment' | 'plan';
  /** After `mrrctl --sandbox <url>` (unless sandbox: false). */
  argv: () => string[];
  env?: () => Record<string, string>;
  /** Leave out the leading `--sandbox <url>` (the case is about how the endpoint is given). */
  sandbox?: false;
  /** Skip while the command is not in the CLI yet. */
  code: 2 | 4;
  /** The field (flag, config key, variable, file) the message must name. */
  field: string;
  /** What the message must say was expected (a fragment). */
  expected: string | RegExp;
}

let w: SeededWorld;
let bad: string;
let goodPlan: PlanFileEnvelope;

const file = (name: string) => join(bad, name);
/** A config file in the world's directory, named by --config in the case. */
function config(name: string, text: string): string {
  writeFileSync(file(name), text);
  return file(name);
}
/** The world's own config with one edit applied. */
function worldConfig(edit: (yaml: string) => string): string {
  return edit(w.config);
}
/** A plan file crafted from the good plan: checksum recomputed, so only the edited property is wrong. */
function craftedPlan(name: string, edit: (plan: Plan) => Plan): string {
  writeFileSync(file(name), serializePlan(edit(structuredClone(goodPlan.plan))));
  return file(name);
}
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

const CASES: Case[] = [
  // ── flags ────────────────────────────────────────────────────────────────────────────────────────
  { name: 'primary Region with a typo', kind: 'flag', argv: () => ['--primary', 'us-eats-1', 'keys', 'setup', '--yes'], code: 2, field: '--primary', expected: 'did you mean us-east-1' },
  { name: 'secondary Region that is not one', kind: 'flag', argv: () => ['--secondary', 'mars-north-1', 'replica', 'create', '--yes'], code: 2, field: '--secondary', expected: 'an AWS Region name' },
  { name: 'pool id without an underscore', kind: 'flag', argv: () => ['--pool', 'notapool', 'keys', 'setup', '--yes'], code: 2, field: '--pool', expected: 'a user pool id such as us-east-1_Ab12Cd34' },
  { name: 'pool id whose prefix is not a Region', kind: 'flag', argv: () => ['--pool', 'moon-1_Ab12Cd34', 'keys', 'setup', '--yes'], code: 2, field: '--pool', expected: 'is not an AWS Region name' },
  { name: 'pool created in another Region than --primary', kind: 'flag', argv: () => ['--pool', 'eu-west-2_Ab12Cd34', 'keys', 'setup', '--yes'], code: 2, field: '--pool', expected: 'a pool id of the primary Region us-east-1' },
  { name: 'primary = secondary by flags', kind: 'flag', argv: () => ['--secondary', P, 'replica', 'create', '--yes'], code: 2, field: '--secondary', expected: 'a Region other than the primary us-east-1' },
  { name: 'unknown flag', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--bogus'], code: 2, field: '--bogus', expected: /unknown option/ },
  { name: 'unknown command', kind: 'flag', argv: () => ['frobnicate', '--yes'], code: 2, field: 'frobnicate', expected: /unknown command/ },
  { name: '--output yaml', kind: 'flag', argv: () => ['--output', 'yaml', 'keys', 'setup', '--yes'], code: 2, field: '--output', expected: 'text, json' },
  { name: '--timeout 0', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--timeout', '0'], code: 2, field: '--timeout', expected: '1 or more' },
  { name: '--timeout not a number', kind: 'flag', argv: () => ['replica', 'create', '--wait', '--yes', '--timeout', 'soon'], code: 2, field: '--timeout', expected: 'a whole number of seconds' },
  { name: '--timeout negative', kind: 'flag', argv: () => ['replica', 'activate', '--yes', '--timeout=-5'], code: 2, field: '--timeout', expected: 'a whole number of seconds' },
  { name: '--key-arn not an ARN', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--key-arn', 'my-key'], code: 2, field: '--key-arn', expected: 'a KMS key ARN' },
  { name: '--key-arn with a short account', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--key-arn', 'arn:aws:kms:us-east-1:1234:key/mrk-1'], code: 2, field: '--key-arn', expected: 'a KMS key ARN' },
  { name: '--key-arn naming a key that does not exist', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--key-arn', `arn:aws:kms:${P}:123456789012:key/mrk-00000000000000000000000000000000`], code: 2, field: '--key-arn', expected: 'an existing KMS key' },
  { name: '--sandbox with a non-http URL', kind: 'flag', sandbox: false, argv: () => ['--sandbox=ftp://127.0.0.1:1', 'keys', 'setup', '--yes'], code: 2, field: '--sandbox', expected: 'an http(s) URL' },
  { name: '--sandbox with no URL at all', kind: 'flag', sandbox: false, argv: () => ['--sandbox=not a url', 'keys', 'setup', '--yes'], code: 2, field: '--sandbox', expected: 'an http(s) URL' },
  { name: '--endpoint-url together with --sandbox', kind: 'flag', argv: () => ['--endpoint-url', 'http://127.0.0.1:9', 'keys', 'setup', '--yes'], code: 2, field: '--endpoint-url', expected: 'not both --sandbox and --endpoint-url' },
  { name: 'issuer switch --to SIDEWAYS', kind: 'flag', argv: () => ['issuer', 'switch', '--yes', '--to', 'SIDEWAYS'], code: 2, field: '--to', expected: 'ORIGINAL, UPDATED' },
  { name: 'cost --mau negative', kind: 'flag', argv: () => ['cost', '--mau=-3'], code: 2, field: '--mau', expected: 'a whole number' },
  { name: 'apply --max-age 0', kind: 'flag', argv: () => ['apply', file('good.plan'), '--yes', '--max-age', '0'], code: 2, field: '--max-age', expected: '1 or more' },
  { name: 'drift --format yaml', kind: 'flag', argv: () => ['drift', '--format', 'yaml'], code: 2, field: '--format', expected: /Allowed choices/ },
  { name: 'drift --recheck-after soon', kind: 'flag', argv: () => ['drift', '--recheck-after', 'soon'], code: 2, field: '--recheck-after', expected: 'a number of seconds' },
  { name: 'failover --to a Region that is not the pool’s', kind: 'flag', argv: () => ['failover', '--to', 'ap-south-1', '--yes', '--reason', 'test'], code: 2, field: '--to', expected: /eu-west-1|us-east-1/ },
  { name: 'failover --to a bad Region name', kind: 'flag', argv: () => ['failover', '--to', 'eu-wst-1', '--yes', '--reason', 'test'], code: 2, field: '--to', expected: /Region/ },
  { name: 'canary --percent 0', kind: 'flag', argv: () => ['canary', '--to', S, '--percent', '0', '--reason', 'test', '--yes'], code: 2, field: '--percent', expected: /1/ },
  { name: 'canary --percent 101', kind: 'flag', argv: () => ['canary', '--to', S, '--percent', '101', '--reason', 'test', '--yes'], code: 2, field: '--percent', expected: /50|100/ },
  { name: 'canary --percent not a number', kind: 'flag', argv: () => ['canary', '--to', S, '--percent', 'some', '--reason', 'test', '--yes'], code: 2, field: '--percent', expected: /number/ },
  { name: 'iam-policy --command that does not exist', kind: 'flag', argv: () => ['iam-policy', '--command', 'keys setupp'], code: 2, field: '--command', expected: 'did you mean "keys setup"' },
  { name: 'iam-policy --account with 11 digits', kind: 'flag', argv: () => ['iam-policy', '--account', '12345678901'], code: 2, field: '--account', expected: 'a 12-digit AWS account id' },

  // ── config files ─────────────────────────────────────────────────────────────────────────────────
  { name: 'unknown key', kind: 'config', argv: () => ['--config', config('unknown.yaml', worldConfig((y) => y.replace('userPoolId:', 'userPoolID:'))), 'keys', 'setup', '--yes'], code: 2, field: 'userPoolID', expected: 'did you mean userPoolId' },
  { name: 'bad Region', kind: 'config', argv: () => ['--config', config('region.yaml', worldConfig((y) => y.replace(`secondaryRegion: ${S}`, 'secondaryRegion: eu-west-9x'))), 'replica', 'create', '--yes'], code: 2, field: 'secondaryRegion', expected: 'an AWS Region name' },
  { name: 'primary = secondary', kind: 'config', argv: () => ['--config', config('same.yaml', worldConfig((y) => y.replace(`secondaryRegion: ${S}`, `secondaryRegion: ${P}`))), 'replica', 'create', '--yes'], code: 2, field: 'secondaryRegion', expected: 'a Region other than the primary us-east-1' },
  { name: 'pool prefix is not the primary Region', kind: 'config', argv: () => ['--config', config('prefix.yaml', worldConfig((y) => y.replace(`primaryRegion: ${P}`, 'primaryRegion: us-west-2').replace(`secondaryRegion: ${S}`, `secondaryRegion: ${S}`))), 'keys', 'setup', '--yes'], code: 2, field: 'primaryRegion', expected: /us-east-1/ },
  { name: 'client secret in the file', kind: 'config', argv: () => ['--config', config('secret.yaml', worldConfig((y) => y.replace(/probe:\n {2}clientId: (\S+)/, 'probe:\n  clientId: $1\n  clientSecret: hunter2-in-a-file'))), 'issuer', 'switch', '--yes'], code: 2, field: 'clientSecret', expected: 'MRRCTL_PROBE_CLIENT_SECRET' },
  { name: 'YAML syntax error', kind: 'config', argv: () => ['--config', config('syntax.yaml', 'userPoolId: [unclosed\nprimaryRegion: us-east-1\n'), 'keys', 'setup', '--yes'], code: 2, field: 'syntax.yaml', expected: /YAML|line/ },
  { name: 'JSON syntax error', kind: 'config', argv: () => ['--config', config('syntax.json', '{"userPoolId": "us-east-1_Ab12Cd34",,}'), 'keys', 'setup', '--yes'], code: 2, field: 'syntax.json', expected: /JSON/ },
  { name: 'wrong type: a string where seconds go', kind: 'config', argv: () => ['--config', config('types.yaml', worldConfig((y) => y.replace(/cooldownSeconds: \d+/, 'cooldownSeconds: soon'))), 'keys', 'setup', '--yes'], code: 2, field: 'guards.cooldownSeconds', expected: 'a whole number of seconds' },
  { name: 'wrong type: a list where a mapping goes', kind: 'config', argv: () => ['--config', config('list.yaml', worldConfig((y) => `${y}key:\n  - alias/x\n`.replace(/^key:\n {2}alias: \S+\n/m, ''))), 'keys', 'setup', '--yes'], code: 2, field: 'key', expected: 'a mapping with alias' },
  { name: 'drift.allow without a reason', kind: 'config', argv: () => ['--config', config('allow.yaml', `${w.config}drift:\n  allow:\n    - path: secondary.LambdaConfig.CustomMessage\n`), 'keys', 'setup', '--yes'], code: 2, field: 'drift.allow[0].reason', expected: 'a non-empty reason' },
  { name: 'drift.allow with a bad expires', kind: 'config', argv: () => ['--config', config('expires.yaml', `${w.config}drift:\n  allow:\n    - path: secondary.LambdaConfig.CustomMessage\n      reason: English only\n      expires: next tuesday\n`), 'keys', 'setup', '--yes'], code: 2, field: 'expires', expected: 'an ISO 8601 date' },
  { name: 'alias under alias/aws/', kind: 'config', argv: () => ['--config', config('alias.yaml', worldConfig((y) => y.replace(/alias: alias\/\S+/, 'alias: alias/aws/cognito'))), 'keys', 'setup', '--yes'], code: 2, field: 'key.alias', expected: 'not under alias/aws/' },
  { name: 'weighted DNS without a record for the secondary', kind: 'config', argv: () => ['--config', config('records.yaml', worldConfig((y) => y.replace(new RegExp(`\\n {4}${S}:\\n( {6}.*\\n)+`), '\n'))), 'replica', 'delete', '--yes'], code: 2, field: 'dns.records', expected: /a record for the secondary Region eu-west-1/ },
  { name: 'an empty config file', kind: 'config', argv: () => ['--config', config('empty.yaml', ''), 'keys', 'setup', '--yes'], code: 2, field: 'userPoolId', expected: '--pool <id>' },
  { name: 'the config path is a directory', kind: 'config', argv: () => ['--config', bad, 'keys', 'setup', '--yes'], code: 2, field: '--config', expected: 'is a directory' },

  // ── environment ──────────────────────────────────────────────────────────────────────────────────
  { name: 'MRRCTL_CONFIG pointing nowhere', kind: 'environment', argv: () => ['keys', 'setup', '--yes'], env: () => ({ MRRCTL_CONFIG: file('does-not-exist.yaml') }), code: 2, field: 'MRRCTL_CONFIG', expected: 'does not exist' },
  { name: 'MRRCTL_SANDBOX_URL not a URL', kind: 'environment', sandbox: false, argv: () => ['--sandbox', 'keys', 'setup', '--yes'], env: () => ({ MRRCTL_SANDBOX_URL: 'localhost-4566' }), code: 2, field: 'MRRCTL_SANDBOX_URL', expected: 'an http(s) URL' },
  { name: 'MRRCTL_SANDBOX_URL with a file: URL', kind: 'environment', sandbox: false, argv: () => ['--sandbox', 'replica', 'create', '--yes'], env: () => ({ MRRCTL_SANDBOX_URL: 'file:///etc/passwd' }), code: 2, field: 'MRRCTL_SANDBOX_URL', expected: 'an http(s) URL' },

  // ── plan files ───────────────────────────────────────────────────────────────────────────────────
  { name: 'plan file truncated', kind: 'plan', argv: () => { const text = readFileSync(file('good.plan'), 'utf8'); writeFileSync(file('truncated.plan'), text.slice(0, Math.floor(text.length / 2))); return ['apply', file('truncated.plan'), '--yes']; }, code: 2, field: 'truncated.plan', expected: 'was it truncated' },
  { name: 'plan file altered by one character', kind: 'plan', argv: () => { const text = readFileSync(file('good.plan'), 'utf8'); writeFileSync(file('altered.plan'), text.replace('"ORIGINAL"', '"ORIGINAl"')); return ['apply', file('altered.plan'), '--yes']; }, code: 2, field: 'altered.plan', expected: 'altered after it was saved' },
  { name: 'plan file for another pool', kind: 'plan', argv: () => ['apply', craftedPlan('other-pool.plan', (p) => ({ ...p, userPoolId: 'us-east-1_Other0001' })), '--yes'], code: 2, field: 'plan.userPoolId', expected: 'the pool in the configuration' },
  { name: 'plan file for other Regions', kind: 'plan', argv: () => ['apply', craftedPlan('other-region.plan', (p) => ({ ...p, secondaryRegion: 'eu-central-1' })), '--yes'], code: 2, field: 'plan.secondaryRegion', expected: 'the secondary Region in the configuration' },
  { name: 'plan file expired (old createdAt, valid checksum)', kind: 'plan', argv: () => ['apply', craftedPlan('expired.plan', (p) => { const createdAt = minutesAgo(120); return { ...p, createdAt, expiresAt: new Date(Date.parse(createdAt) + 3_600_000).toISOString() }; }), '--yes'], code: 4, field: 'expired.plan', expected: /expired at .*make a new one/ },
  { name: 'plan file older than --max-age', kind: 'plan', argv: () => ['apply', craftedPlan('aged.plan', (p) => { const createdAt = minutesAgo(0.2); return { ...p, createdAt, expiresAt: new Date(Date.parse(createdAt) + 3_600_000).toISOString() }; }), '--yes', '--max-age', '1'], code: 4, field: 'aged.plan', expected: 'older than --max-age 1s' },
  { name: 'plan file made in the future', kind: 'plan', argv: () => ['apply', craftedPlan('future.plan', (p) => { const created = Date.now() + 3_600_000; return { ...p, createdAt: new Date(created).toISOString(), expiresAt: new Date(created + 3_600_000).toISOString() }; }), '--yes'], code: 2, field: 'plan.createdAt', expected: 'a time not after now' },
  { name: 'plan file of a command that makes no plans', kind: 'plan', argv: () => ['apply', craftedPlan('status.plan', (p) => ({ ...p, command: 'status' })), '--yes'], code: 2, field: 'command', expected: 'a plan made by a mutating mrrctl command' },
  { name: 'plan file of a newer format version', kind: 'plan', argv: () => { writeFileSync(file('v2.plan'), JSON.stringify({ ...goodPlan, version: 2 })); return ['apply', file('v2.plan'), '--yes']; }, code: 2, field: 'version', expected: 'this mrrctl reads version 1' },
  { name: 'plan file that is not JSON', kind: 'plan', argv: () => { writeFileSync(file('text.plan'), 'apply everything, please\n'); return ['apply', file('text.plan'), '--yes']; }, code: 2, field: 'text.plan', expected: 'a plan file written by `--plan-out`' },
  { name: 'plan file that is empty', kind: 'plan', argv: () => { writeFileSync(file('empty.plan'), ''); return ['apply', file('empty.plan'), '--yes']; }, code: 2, field: 'empty.plan', expected: 'the file is empty' },
  { name: 'plan file that is a directory', kind: 'plan', argv: () => ['apply', bad, '--yes'], code: 2, field: '/bad: cannot read the plan file', expected: 'it is a directory' },
  { name: 'plan file that does not exist', kind: 'plan', argv: () => ['apply', file('nope.plan'), '--yes'], code: 2, field: 'nope.plan', expected: 'no such file' },
];

beforeAll(async () => {
  w = await seededWorld();
  bad = join(w.dir, 'bad');
  mkdirSync(bad);
  // One good plan to derive the plan-file cases from: back to ORIGINAL after a switch to UPDATED.
  const r = await w.run(['issuer', 'switch', '--to', 'ORIGINAL', '--dry-run', '--plan-out', file('good.plan')]);
  expect(r.code, r.stderr).toBe(0);
  goodPlan = JSON.parse(readFileSync(file('good.plan'), 'utf8')) as PlanFileEnvelope;
}, 60_000);

afterAll(async () => {
  await w?.stop();
});

function cli(c: Case, output: 'text' | 'json' = 'text') {
  const argv = [...(c.sandbox === false ? [] : ['--sandbox', w.sb.url]), ...(output === 'json' ? ['--output', 'json'] : []), ...c.argv()];
  return runCli(argv, { cwd: w.dir, env: { MRRCTL_JOURNAL: w.journal, HOME: w.dir, ...c.env?.() } });
}

describe('the bad-input corpus', () => {
  it('has at least 40 cases in every class', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['flag', 'config', 'environment', 'plan']) expect(CASES.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: refused, names the field and the expectation, writes nothing', async (_name, c) => {
    const since = w.lastSeq();
    const r = await cli(c);
    const message = r.stderr;
    expect(r.code, message).toBe(c.code);
    expect(message, 'names the field').toContain(c.field);
    if (typeof c.expected === 'string') expect(message, 'says what was expected').toContain(c.expected);
    else expect(message, 'says what was expected').toMatch(c.expected);
    expect(r.stdout, 'stdout carries no result on a refusal').toBe('');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('answers in JSON mode with one document naming the field, for every case', async () => {
    for (const c of CASES) {
      // "--output yaml" cannot also be --output json.
      if (c.field === '--output') continue;
      const since = w.lastSeq();
      const r = await cli(c, 'json');
      expect(r.code, `${c.name}\n${r.stderr}`).toBe(c.code);
      const doc = JSON.parse(r.stdout);
      expect(doc, c.name).toMatchObject({ schemaVersion: 2, ok: false });
      expect(doc.diagnostics[0].message, c.name).toContain(c.field);
      expect(w.writesSince(since), c.name).toEqual([]);
    }
  });
});

describe('a stale plan', () => {
  it('is refused with exit 4 when the world changed after planning, and nothing is written', async () => {
    // A plan its guards refuse is not saved (docs/plans.md): take one without guards.
    const planned = await w.run(['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', file('stale.plan')]);
    expect(planned.code, planned.stderr).toBe(0);
    // Someone else changes what the plan depends on: the pool's tier.
    const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
    try {
      const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: w.summary.userPoolId }))).UserPool as unknown as UserPool;
      await cognito.send(new UpdateUserPoolCommand(updateUserPoolInput(pool, { UserPoolTier: 'PLUS' }) as never));
    } finally {
      cognito.destroy();
    }
    const since = w.lastSeq();
    const r = await w.run(['apply', file('stale.plan'), '--yes']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('the world changed since this plan was made');
    expect(r.stderr).toContain('re-plan');
    expect(w.writesSince(since)).toEqual([]);
  });
});
