/**
 * Credentials and endpoints are not outages: with no credentials, an unknown profile, an expired SSO
 * session, a role that cannot be assumed, or a --sandbox URL where nothing listens, every AWS-using
 * command stops with exit 2 naming the problem and the next step — before any Region is asked (the
 * sandbox's call log stays empty). Real providers, real files: the commands reach the sandbox through
 * --endpoint-url, as they would reach AWS, signed by whatever the temp HOME's files resolve to.
 *
 * One thing is not injected: the SDK reads the SSO token cache under process.env.HOME (its
 * getSSOTokenFilepath), so the SSO case points process.env.HOME at the temp home too.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { awsHome } from '../helpers/aws-home.js';

let w: SeededWorld;

beforeAll(async () => {
  w = await seededWorld();
}, 60_000);
afterAll(async () => {
  await w?.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const COMMANDS: Array<[string, string[]]> = [
  ['status', ['status']],
  ['health', ['health']],
  ['failover --dry-run', ['failover', '--to', 'eu-west-1', '--dry-run']],
  ['drift', ['drift']],
];

const home = awsHome;

/** Runs against the sandbox as if it were AWS (--endpoint-url): credentials come from `env`. */
function runAsAws(argv: string[], env: Record<string, string>) {
  return runCli(['--endpoint-url', w.sb.url, ...argv], { cwd: w.dir, env: { MRRCTL_JOURNAL: w.journal, AWS_EC2_METADATA_DISABLED: 'true', ...env } });
}

function callCount(): number {
  return w.sb.calls().length;
}

describe('credentials are resolved once, before any Region is asked', () => {
  it.each(COMMANDS)('no credentials at all: %s exits 2 with "Unable to locate credentials" and the next step, no AWS call', async (_name, argv) => {
    const before = callCount();
    const r = await runAsAws(argv, { HOME: home() });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error: Unable to locate credentials');
    expect(r.stderr).toContain('`aws configure`');
    expect(r.stderr).toContain('aws sso login --profile NAME');
    expect(r.stderr).toContain('[MRR_CREDENTIALS_E001]');
    expect(r.stderr).not.toMatch(/UNREACHABLE|impaired|Unhealthy|this is a bug/);
    expect(r.stdout).toBe('');
    expect(callCount()).toBe(before);
  });

  it.each(COMMANDS)('--profile nosuch: %s exits 2 naming the profile and where it looked, no AWS call', async (_name, argv) => {
    const dir = home({ credentials: '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n' });
    const before = callCount();
    const r = await runAsAws(['--profile', 'nosuch', ...argv], { HOME: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error: The config profile (nosuch) could not be found (named by --profile; looked in ${join(dir, '.aws', 'config')} and ${join(dir, '.aws', 'credentials')})`);
    expect(r.stderr).toContain('`aws configure list-profiles`');
    expect(r.stderr).toContain('[MRR_CREDENTIALS_E002]');
    expect(callCount()).toBe(before);
  });

  it('AWS_PROFILE naming no profile says AWS_PROFILE named it; JSON mode is one document with the code', async () => {
    const before = callCount();
    const r = await runAsAws(['status', '--output', 'json'], { HOME: home(), AWS_PROFILE: 'ghost' });
    expect(r.code).toBe(2);
    const doc = r.json();
    expect(doc).toMatchObject({ ok: false, command: 'status', data: { error: { code: 'MRR_CREDENTIALS_E002', reason: 'profile-not-found', profile: 'ghost' } } });
    expect(doc.diagnostics[0].message).toContain('The config profile (ghost) could not be found (named by AWS_PROFILE;');
    expect(callCount()).toBe(before);
  });

  it('an SSO profile whose cached token has expired: exit 2 and `aws sso login --profile ops`, no AWS call', async () => {
    const startUrl = 'https://example-ops.awsapps.com/start';
    const dir = home({ config: `[profile ops]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Operator\nregion = us-east-1\n` });
    mkdirSync(join(dir, '.aws', 'sso', 'cache'), { recursive: true });
    const cacheName = `${createHash('sha1').update(startUrl).digest('hex')}.json`;
    writeFileSync(join(dir, '.aws', 'sso', 'cache', cacheName), JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z' }));
    vi.stubEnv('HOME', dir);
    for (const [name, argv] of COMMANDS) {
      const before = callCount();
      const r = await runAsAws(['--profile', 'ops', ...argv], { HOME: dir });
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr, name).toContain('error: The SSO session of profile ops has expired or is not valid (The SSO session associated with this profile has expired.');
      expect(r.stderr, name).toContain('Next: `aws sso login --profile ops`, then re-run [MRR_CREDENTIALS_E003]');
      expect(callCount(), name).toBe(before);
    }
  });

  it('a role that cannot be assumed (its source_profile does not exist): exit 2 naming the role, no AWS call', async () => {
    const dir = home({ config: '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/mrrctl-operator\nsource_profile = missing-base\n' });
    const before = callCount();
    const r = await runAsAws(['--profile', 'deploy', 'status'], { HOME: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error: The role arn:aws:iam::111122223333:role/mrrctl-operator of profile deploy could not be assumed: its source_profile missing-base is in neither file. Next: ');
    expect(r.stderr).toContain('[MRR_CREDENTIALS_E004]');
    expect(callCount()).toBe(before);
  });

  it('keys in the environment still work (the check passes and the command runs)', async () => {
    const r = await runAsAws(['status', '--output', 'json'], { HOME: home(), AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' });
    expect(r.code, r.stderr).toBe(0);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a --sandbox URL where nothing listens', () => {
  it.each(COMMANDS)('%s exits 2 naming the URL and what was expected', async (_name, argv) => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await runCli(['--sandbox', url, ...argv], { cwd: w.dir, env: { MRRCTL_JOURNAL: w.journal } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error: --sandbox: nothing answers at ${url} (ECONNREFUSED); expected the mrrctl sandbox listening there (start one with \`mrrctl sandbox start\``);
    expect(r.stderr).toContain('No AWS call was made [MRR_SANDBOX_E001]');
    expect(r.stderr).not.toMatch(/UNREACHABLE|impaired|Unhealthy|this is a bug/);
  });

  it('a URL that answers but is not a sandbox is refused too, and MRRCTL_SANDBOX_URL is named when it gave the URL', async () => {
    const r = await runCli(['--sandbox', 'status'], { cwd: w.dir, env: { MRRCTL_JOURNAL: w.journal, MRRCTL_SANDBOX_URL: `${w.sb.url}/not-here` } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error: MRRCTL_SANDBOX_URL: ${w.sb.url}/not-here answers, but not as an mrrctl sandbox (GET /_sandbox/health: HTTP `);
  });
});
