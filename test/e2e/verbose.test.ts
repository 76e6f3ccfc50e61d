/** --verbose logs each AWS call on stderr; --endpoint-url reaches the same endpoint as --sandbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

let w: SeededWorld;
beforeAll(async () => {
  w = await seededWorld();
});
afterAll(async () => {
  await w.stop();
});

describe('--verbose', () => {
  it('prints one line per AWS call with Region, service, operation, status and duration — on stderr only', async () => {
    const r = await w.run(['status', '--verbose', '--output', 'json']);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('aws '));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws us-east-1 cognito-idp DescribeUserPool 200 \d+ms$/),
        expect.stringMatching(/^aws eu-west-1 cognito-idp ListUserPoolReplicas 400 ResourceNotFoundException \d+ms$/),
        expect.stringMatching(/^aws us-east-1 route53 ListResourceRecordSets 200 \d+ms$/),
      ]),
    );
    // stdout is still exactly one JSON document.
    expect(r.json().command).toBe('status');
    expect(r.stderr).not.toMatch(/AWS4-HMAC-SHA256|Authorization|secretAccessKey|mrrctl-sandbox-not-a-secret/);
  });

  it('is silent without --verbose', async () => {
    const r = await w.run(['status']);
    expect(r.stderr).not.toMatch(/^aws /m);
  });
});

describe('--endpoint-url', () => {
  it('sends every call to the given endpoint (here the sandbox, with credentials from the environment)', async () => {
    const r = await runCli(['--endpoint-url', w.sb.url, 'status', '--output', 'json'], {
      cwd: w.dir,
      env: { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example-secret', MRRCTL_JOURNAL: w.journal, HOME: w.dir },
    });
    expect(r.code).toBe(0);
    expect(r.json().data.userPoolId).toBe(w.summary.userPoolId);
  });

  it('refuses --endpoint-url together with --sandbox, naming both', async () => {
    const r = await w.run(['--endpoint-url', w.sb.url, 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--endpoint-url');
    expect(r.stderr).toContain('--sandbox');
  });

  it('rejects a malformed URL with exit 2', async () => {
    const r = await runCli(['--endpoint-url', 'not a url', 'status'], { cwd: w.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--endpoint-url: got "not a url", expected an http\(s\) URL/);
  });
});
