/**
 * Secrets never leave mrrctl: the M2M client secret (read by Cognito's DescribeUserPoolClient and given
 * to mrrctl as MRRCTL_PROBE_CLIENT_SECRET), AWS credentials in the environment, a token minted by the
 * sandbox's token endpoint, and the tokens mrrctl mints itself must not appear in any stdout, stderr
 * (--verbose included), JSON document, plan file, report or the journal — nor may any Authorization
 * header, SigV4 signature or bearer token. The scanner is proved able to fail by negative controls.
 *
 * The AWS credentials must really pass through the SDK for that to mean anything, and in sandbox mode
 * the SDK signs with the sandbox's fixed dummy keys. So every command that only calls AWS runs with
 * real AWS settings pointed at the sandbox (`--endpoint-url`, the marker keys in the injected
 * environment), and the sandbox's call log must show the marker key id; only commands that probe the
 * HTTPS OIDC endpoints (mapped into the sandbox in sandbox mode alone) run with `--sandbox`.
 */
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSandboxUrl } from '../../src/core/sandbox-urls.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import type { CallRecord } from '../../src/sandbox/types.js';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

const P = 'us-east-1';
const S = 'eu-west-1';

/** AWS credentials in the environment, as an operator's shell would have them. */
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAMRRCTLLEAKMARKER',
  AWS_SECRET_ACCESS_KEY: 'mrrctl-leak-marker-secret-access-key-0123456789',
  AWS_SESSION_TOKEN: 'mrrctl-leak-marker-session-token-IQoJb3JpZ2luX2VjEXAMPLE',
};

/** Shapes that are secret whatever their value. */
const SECRET_SHAPES: Array<[string, RegExp]> = [
  ['an Authorization header', /\bauthorization["']?\s*[:=]\s*["']?(basic|bearer|aws4)/i],
  ['a SigV4 signature', /AWS4-HMAC-SHA256/],
  ['a SigV4 security-token header', /x-amz-security-token/i],
  ['a bearer token', /\bbearer\s+[A-Za-z0-9._~+/-]{16,}/i],
  ['HTTP Basic credentials', /\bbasic\s+[A-Za-z0-9+/]{20,}={0,2}/i],
  ['a JWT', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];

let w: SeededWorld;
let clientId: string;
let clientSecret: string;
let mintedToken: string;
/** Every secret value that must never be seen, with a label for the failure message. */
let secrets: Array<[string, string]>;
const outputs: Array<{ what: string; text: string }> = [];
/** Files this test wrote itself (they hold secrets on purpose); everything else in the directory is mrrctl's. */
const testFiles = new Set<string>();

/** Every leak in `text`: a known secret value, or a secret shape. */
function findLeaks(text: string): string[] {
  const found = secrets.filter(([, value]) => text.includes(value)).map(([label]) => label);
  for (const [label, shape] of SECRET_SHAPES) if (shape.test(text)) found.push(label);
  return found;
}

/**
 * How a command reaches the sandbox: `aws` = --endpoint-url, signed by the SDK with the marker keys
 * from the environment; `sandbox` = --sandbox, for commands that probe HTTPS OIDC endpoints.
 */
type Route = 'aws' | 'sandbox';

async function run(argv: string[], codes: number[] = [0], route: Route = 'aws'): Promise<CliRun> {
  const env = { ...AWS_ENV, MRRCTL_PROBE_CLIENT_SECRET: clientSecret };
  const r =
    route === 'sandbox'
      ? await w.run(argv, { env })
      : await runCli(['--endpoint-url', w.sb.url, ...argv], { cwd: w.dir, env: { MRRCTL_JOURNAL: w.journal, HOME: w.dir, ...env } });
  expect(codes, `${route}: ${argv.join(' ')} exited ${r.code}\n${r.stderr}`).toContain(r.code);
  outputs.push({ what: `stdout of ${argv.join(' ')}`, text: r.stdout }, { what: `stderr of ${argv.join(' ')}`, text: r.stderr });
  return r;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function mintToken(): Promise<string> {
  const issuer = `https://cognito-idp.${P}.amazonaws.com/${w.summary.userPoolId}`;
  const discovery = (await (await fetch(toSandboxUrl(`${issuer}/.well-known/openid-configuration`, w.sb.url))).json()) as { token_endpoint: string };
  const response = await fetch(toSandboxUrl(discovery.token_endpoint, w.sb.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`the sandbox token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  return body.access_token;
}

beforeAll(async () => {
  w = await seededWorld();
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
  try {
    clientId = w.summary.m2mClientId;
    const described = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: w.summary.userPoolId, ClientId: clientId }));
    clientSecret = described.UserPoolClient!.ClientSecret!;
  } finally {
    cognito.destroy();
  }
  mintedToken = await mintToken();
  secrets = [
    ['the M2M client secret', clientSecret],
    ['the client secret as HTTP Basic credentials', Buffer.from(`${clientId}:${clientSecret}`).toString('base64')],
    ['AWS_SECRET_ACCESS_KEY', AWS_ENV.AWS_SECRET_ACCESS_KEY],
    ['AWS_SESSION_TOKEN', AWS_ENV.AWS_SESSION_TOKEN],
    ['a token from the sandbox token endpoint', mintedToken],
    // Each part of that token too: a printed payload or signature alone is as bad.
    ...mintedToken.split('.').map((part, i): [string, string] => [`part ${i + 1} of the minted token`, part]),
    ["the sandbox's own dummy secret key", 'mrrctl-sandbox-not-a-secret'],
  ];
}, 60_000);

afterAll(async () => {
  await w?.stop();
});

describe('the secret values and the scanner', () => {
  it('are real: a 51-character client secret, a three-part JWT', () => {
    expect(clientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(mintedToken.split('.')).toHaveLength(3);
  });

  it('catches each planted secret and each secret shape (negative controls)', () => {
    for (const [label, value] of secrets) expect(findLeaks(`…noise ${value} noise…`), label).toContain(label);
    expect(findLeaks('GET / HTTP/1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/kms/aws4_request')).toEqual(
      expect.arrayContaining(['an Authorization header', 'a SigV4 signature']),
    );
    expect(findLeaks(`{"headers":{"authorization":"Bearer ${'x'.repeat(40)}"}}`)).toContain('a bearer token');
    expect(findLeaks('x-amz-security-token: abc')).toContain('a SigV4 security-token header');
    // A JWT that is not one of ours is still caught by its shape.
    const foreign = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"someone-else"}').toString('base64url')}.c2lnbmF0dXJlLWJ5dGVz`;
    expect(findLeaks(`token=${foreign}`)).toContain('a JWT');
    // Ordinary mrrctl prose passes.
    expect(findLeaks('Applied 1 step(s); the issuer https://issuer-cognito-idp.us-east-1.amazonaws.com/x answers; token check passed (iss matches)')).toEqual([]);
  });
});

describe('a full runbook with every secret in play', () => {
  it('runs the commands in text, JSON and --verbose modes, with dry-runs, plan files and reports', async () => {
    await run(['status']);
    await run(['--verbose', '--output', 'json', 'status']);
    await run(['--verbose', 'preflight'], [3]);
    await run(['keys', 'setup', '--dry-run', '--plan-out', 'keys.plan']);
    await run(['--verbose', 'keys', 'setup', '--yes']);
    await run(['--output', 'json', 'keys', 'verify']);
    await run(['--verbose', 'issuer', 'switch', '--dry-run', '--report', 'impact.md', '--plan-out', 'issuer.plan']);
    // Applying the saved plan verifies the new issuer with a freshly minted token (probe client).
    const applied = await run(['--verbose', 'apply', join(w.dir, 'issuer.plan'), '--yes'], [0], 'sandbox');
    expect(applied.stdout).toMatch(/token/i);
    await run(['--output', 'json', 'issuer', 'status'], [0], 'sandbox');
    await run(['--verbose', '--output', 'json', 'replica', 'create', '--wait', '--yes']);
    await run(['replica', 'activate', '--yes', '--allow-drift']);
    await run(['--verbose', 'preflight'], [0, 3], 'sandbox');
    // --deep reads every app client with DescribeUserPoolClient, whose answer carries the secret.
    await run(['--verbose', 'drift', '--deep', '--recheck-after', '0', '--report', 'drift.md', '--report', 'junit:drift.xml', '--report', 'drift.sarif'], [0, 3]);
    await run(['--output', 'json', 'drift', '--deep', '--recheck-after', '0'], [0, 3]);
    await run(['--verbose', '--output', 'json', 'health'], [0, 3], 'sandbox');
    // Through --endpoint-url the HTTPS probes reach nothing: error paths, with the marker keys in play.
    await run(['--verbose', 'health'], [3]);
    // The failover mints a token in the source Region and verifies it after the move.
    await run(['--verbose', 'failover', '--to', S, '--planned', '--force', '--reason', 'secrets drill', '--yes'], [0], 'sandbox');
    await run(['--output', 'json', 'failover', '--to', P, '--planned', '--force', '--reason', 'secrets drill', '--yes'], [0], 'sandbox');
    await run(['iam-policy', '--output', 'json']);
    // Twenty-one commands in a row: about 13 s alone, so a generous bound for a loaded 2-core machine.
  }, 120_000);

  it('signed the AWS-only commands with the marker credentials (the sandbox saw their key id)', async () => {
    const response = await sandboxAdmin(w.sb, 'GET', 'calls');
    const calls = response.body.calls as CallRecord[];
    const signedByMarker = calls.filter((c) => c.accessKeyId === 'AKIAMRRCTLLEAKMARKER');
    // drift --deep reads the parity services (Lambda triggers, WAF, SES, log delivery) too.
    expect(new Set(signedByMarker.map((c) => c.service))).toEqual(new Set(['cognito-idp', 'kms', 'route53', 'lambda', 'logs', 'ses', 'wafv2']));
    expect(signedByMarker.length).toBeGreaterThan(50);
    // Every other signed call used a dummy key: the test's own client or the sandbox mode's.
    const signed = calls.filter((c) => c.accessKeyId !== undefined);
    expect(new Set(signed.map((c) => c.accessKeyId))).toEqual(new Set(['AKIAMRRCTLLEAKMARKER', 'AKIDSANDBOX', 'AKIDMRRCTLSANDBOX']));
  });

  it('keeps secrets out of error messages too (a secret pasted into the config file)', async () => {
    const file = join(w.dir, 'pasted-secret.yaml');
    writeFileSync(file, w.config.replace(/probe:\n {2}clientId: (\S+)/, `probe:\n  clientId: $1\n  clientSecret: ${clientSecret}`));
    testFiles.add(file);
    const text = await run(['--config', file, 'issuer', 'switch', '--yes'], [2]);
    expect(text.stderr).toContain('clientSecret');
    const json = await run(['--config', file, '--output', 'json', 'issuer', 'switch', '--yes'], [2]);
    expect(JSON.parse(json.stdout).ok).toBe(false);
  });

  it('keeps secrets out of error messages under misspelt and other secret-looking keys', async () => {
    const variants: Array<[string, string]> = [
      ['secert.yaml', w.config.replace(/probe:\n {2}clientId: (\S+)/, `probe:\n  clientId: $1\n  clientSecert: ${clientSecret}`)],
      ['password.yaml', `${w.config}password: ${clientSecret}\n`],
      ['apikey.json', JSON.stringify({ apiKey: clientSecret, userPoolId: 'us-east-1_Ab12Cd34' })],
      ['syntax.yaml', `clientSecert: "${clientSecret}\nprimaryRegion: [\n`],
      ['syntax.json', `{"pasword": "${clientSecret}",,}`],
    ];
    for (const [name, body] of variants) {
      const file = join(w.dir, name);
      writeFileSync(file, body);
      testFiles.add(file);
      const text = await run(['--config', file, 'keys', 'setup', '--yes'], [2]);
      expect(text.stderr, name).not.toContain(clientSecret);
      const json = await run(['--config', file, '--output', 'json', 'keys', 'setup', '--yes'], [2]);
      expect(json.stdout, name).not.toContain(clientSecret);
    }
  });

  it('leaks nothing on stdout or stderr', () => {
    expect(outputs.length).toBeGreaterThan(30);
    const leaks = outputs.flatMap(({ what, text }) => findLeaks(text).map((leak) => `${leak} in ${what}`));
    expect(leaks).toEqual([]);
  });

  it('leaks nothing into plan files, reports or the journal', () => {
    const files = filesUnder(w.dir).filter((f) => !testFiles.has(f));
    const names = files.map((f) => relative(w.dir, f));
    expect(names).toEqual(expect.arrayContaining(['journal.jsonl', 'keys.plan', 'issuer.plan', 'impact.md']));
    expect(readFileSync(w.journal, 'utf8').split('\n').length).toBeGreaterThan(5);
    const leaks = files.flatMap((f) => findLeaks(readFileSync(f, 'utf8')).map((leak) => `${leak} in ${relative(w.dir, f)}`));
    expect(leaks).toEqual([]);
  });

  it('would notice a leak in a file (negative control on the directory scan)', () => {
    const planted = join(w.dir, 'planted.log');
    writeFileSync(planted, `debug: client secret ${clientSecret}\n`);
    try {
      const leaks = filesUnder(w.dir)
        .filter((f) => !testFiles.has(f))
        .flatMap((f) => findLeaks(readFileSync(f, 'utf8')).map((leak) => `${leak} in ${relative(w.dir, f)}`));
      expect(leaks).toContain('the M2M client secret in planted.log');
    } finally {
      unlinkSync(planted);
    }
  });
});
