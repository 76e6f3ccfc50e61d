/**
 * The bad-input corpus, the sandbox and endpoints: a sandbox URL that names AWS, a busy port, a bad
 * admin token. Then the endpoint notice: AWS_ENDPOINT_URL pointing at something that is not AWS is
 * said once on stderr (and not at all in JSON mode).
 */
import { describe, expect, it } from 'vitest';
import { corpusContext, describeCorpus, type BadInputCase } from '../helpers/bad-input-corpus.js';
import { runCli } from '../helpers/run-cli.js';

const ctx = corpusContext();

const CASES: BadInputCase[] = [
  { name: '--sandbox is a KMS endpoint', kind: 'flag', sandbox: false, argv: () => ['--sandbox', 'https://kms.us-east-1.amazonaws.com', 'keys', 'setup', '--yes'], code: 2, field: '--sandbox', expected: 'not an AWS endpoint' },
  { name: '--sandbox is the Route 53 endpoint', kind: 'flag', sandbox: false, argv: () => ['--sandbox=https://route53.amazonaws.com/', 'sandbox', 'reset'], code: 2, field: '--sandbox', expected: 'not an AWS endpoint' },
  { name: '--sandbox is a China endpoint', kind: 'flag', sandbox: false, argv: () => ['--sandbox', 'https://cognito-idp.cn-north-1.amazonaws.com.cn', 'sandbox', 'fault', '--clear'], code: 2, field: '--sandbox', expected: 'not an AWS endpoint' },
  { name: '--sandbox is a dual-stack api.aws endpoint', kind: 'flag', sandbox: false, argv: () => ['--sandbox', 'https://kms.us-east-1.api.aws', 'status'], code: 2, field: '--sandbox', expected: 'not an AWS endpoint' },
  { name: 'MRRCTL_SANDBOX_URL is a Cognito endpoint', kind: 'environment', sandbox: false, argv: () => ['--sandbox', 'replica', 'create', '--yes'], env: () => ({ MRRCTL_SANDBOX_URL: 'https://cognito-idp.eu-west-1.amazonaws.com' }), code: 2, field: 'MRRCTL_SANDBOX_URL', expected: 'not an AWS endpoint' },
  { name: 'MRRCTL_SANDBOX_URL for sandbox seed is AWS', kind: 'environment', sandbox: false, argv: () => ['sandbox', 'seed'], env: () => ({ MRRCTL_SANDBOX_URL: 'https://sts.amazonaws.com' }), code: 2, field: 'MRRCTL_SANDBOX_URL', expected: 'not an AWS endpoint' },
  { name: 'sandbox start on a busy port', kind: 'flag', sandbox: false, argv: () => ['sandbox', 'start', '--port', String(ctx.w.sb.port)], code: 2, field: () => `port ${ctx.w.sb.port} is already in use`, expected: 'mrrctl sandbox stop --port' },
  { name: 'sandbox start --detach on a busy port', kind: 'flag', sandbox: false, argv: () => ['sandbox', 'start', '--detach', '--port', String(ctx.w.sb.port)], code: 2, field: () => `port ${ctx.w.sb.port}`, expected: 'choose another --port' },
  { name: 'sandbox start on an address not of this machine', kind: 'flag', sandbox: false, argv: () => ['sandbox', 'start', '--port', '0', '--host', '203.0.113.7'], code: 2, field: '--host 203.0.113.7', expected: 'is not an address of this machine' },
  { name: 'sandbox start with a short admin token', kind: 'flag', sandbox: false, argv: () => ['sandbox', 'start', '--port', '0', '--admin-token', 'short'], code: 2, field: '--admin-token', expected: '16 to 256 printable characters', absent: ['"short"'] },
  { name: 'AWS_ENDPOINT_URL is not an http(s) URL', kind: 'environment', sandbox: false, argv: () => ['replica', 'create', '--yes'], env: () => ({ AWS_ENDPOINT_URL: 'ftp://127.0.0.1:1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' }), code: 2, field: 'AWS_ENDPOINT_URL', expected: 'an http(s) URL' },
  { name: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER is not a URL', kind: 'environment', sandbox: false, argv: () => ['keys', 'setup', '--yes'], env: () => ({ AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'localhost 4566', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' }), code: 2, field: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', expected: 'an http(s) URL' },
  { name: 'sandbox fault at a URL where nothing listens', kind: 'flag', sandbox: false, argv: () => ['--sandbox', 'http://127.0.0.1:9', 'sandbox', 'fault', '--clear'], code: 2, field: '--sandbox', expected: 'expected the mrrctl sandbox listening there' },
];

describeCorpus('the bad-input corpus: the sandbox and endpoints', ctx, CASES);

describe('the endpoint notice', () => {
  const env = () => ({ AWS_ENDPOINT_URL: ctx.w.sb.url, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', MRRCTL_JOURNAL: ctx.w.journal, HOME: ctx.w.dir });

  it('AWS_ENDPOINT_URL at a local endpoint is said once on stderr', async () => {
    const r = await runCli(['status'], { cwd: ctx.w.dir, env: env() });
    expect(r.code, r.stderr).toBe(0);
    const notes = r.stderr.split('\n').filter((l) => l.startsWith('note: AWS calls go to'));
    expect(notes).toEqual([`note: AWS calls go to ${ctx.w.sb.url} (--endpoint-url, AWS_ENDPOINT_URL… or the profile's endpoint_url), not to AWS; they are signed with your credentials [MRR_ENDPOINT_I001]`]);
  });

  it('JSON mode keeps stderr free of it', async () => {
    const r = await runCli(['status', '--output', 'json'], { cwd: ctx.w.dir, env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('AWS calls go to');
  });

  it('the sandbox (--sandbox) needs no notice', async () => {
    const r = await ctx.w.run(['status']);
    expect(r.stderr).not.toContain('AWS calls go to');
  });
});
