/**
 * --verbose logs each AWS call on stderr; --endpoint-url reaches the same endpoint as --sandbox; and
 * where calls go and who signs them comes from the command's injected environment, never process.env.
 * Arrival is proved by the sandbox's own call log (its admin API), not by what the CLI printed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/sandbox/types.js';
import { runCli } from '../helpers/run-cli.js';
import { sandboxAdmin } from '../helpers/sandbox.js';
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

/** Static keys as an operator's shell would export them; the sandbox logs the key id it was signed with. */
const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIDENDPOINTURLTEST', AWS_SECRET_ACCESS_KEY: 'endpoint-url-test-secret' };

/** Runs the CLI against real AWS settings (no --sandbox): only `env` says where calls go and who signs. */
function runWithEnv(argv: string[], env: Record<string, string | undefined>) {
  return runCli(argv, { cwd: w.dir, env: { MRRCTL_JOURNAL: w.journal, HOME: w.dir, ...env } });
}

/** The calls that reached the sandbox after `since`, read back through its admin API. */
async function arrivedSince(since: number): Promise<CallRecord[]> {
  const response = await sandboxAdmin(w.sb, 'GET', `calls?since=${since}`);
  expect(response.status).toBe(200);
  return response.body.calls;
}

const callName = (c: { region: string; service: string; operation: string }) => `${c.region} ${c.service} ${c.operation}`;

/** `aws REGION SERVICE OPERATION ...` lines of --verbose, as `REGION SERVICE OPERATION`. */
function verboseCalls(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('aws '))
    .map((l) => l.split(' ').slice(1, 4).join(' '));
}

/** The calls `status` makes against the demo world, as the sandbox logs them. */
const STATUS_CALLS = ['us-east-1 cognito-idp DescribeUserPool', 'eu-west-1 cognito-idp ListUserPoolReplicas', 'us-east-1 route53 ListResourceRecordSets'];

describe('--endpoint-url', () => {
  it('sends every call to the given endpoint, signed with the keys in the environment', async () => {
    const since = w.lastSeq();
    const r = await runWithEnv(['--endpoint-url', w.sb.url, '--verbose', 'status', '--output', 'json'], ENV_KEYS);
    expect(r.code, r.stderr).toBe(0);
    const arrived = await arrivedSince(since);
    expect(arrived.map(callName)).toEqual(expect.arrayContaining(STATUS_CALLS));
    // Every call the CLI made (one --verbose line each) arrived, and nothing else did.
    expect(arrived.map(callName).sort()).toEqual(verboseCalls(r.stderr).sort());
    expect(new Set(arrived.map((c) => c.accessKeyId))).toEqual(new Set(['AKIDENDPOINTURLTEST']));
    // Not-found answers are findings (no replica yet; the demo's secondary lacks its SES identity, which
    // status's drift counts read), never errors of the endpoint.
    const notFound = ['ResourceNotFoundException', 'NotFoundException'];
    expect(arrived.filter((c) => c.status !== 200 && !notFound.includes(String(c.error))).map((c) => [callName(c), c.status, c.error])).toEqual([]);
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

/**
 * Sets variables in this worker's process.env for the duration of `body`, then restores them. The CLI
 * runs in-process here, so a value the SDK picked up from process.env would show in the sandbox log.
 */
async function withProcessEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.entries(vars).map(([name]) => [name, process.env[name]] as const);
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** What a stray process.env would say: another endpoint (a closed loopback port), other keys, a missing profile. */
const STRAY_PROCESS_ENV = {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_ACCESS_KEY_ID: 'AKIDFROMPROCESSENV',
  AWS_SECRET_ACCESS_KEY: 'process-env-secret',
  AWS_PROFILE: 'mrrctl-no-such-profile',
};

describe('the injected environment, not process.env', () => {
  it('sends calls to AWS_ENDPOINT_URL from the injected environment, signed with its keys', async () => {
    const since = w.lastSeq();
    const r = await withProcessEnv(STRAY_PROCESS_ENV, () =>
      runWithEnv(['--verbose', 'status', '--output', 'json'], { ...ENV_KEYS, AWS_ENDPOINT_URL: w.sb.url }),
    );
    expect(r.code, r.stderr).toBe(0);
    const arrived = await arrivedSince(since);
    expect(arrived.map(callName)).toEqual(expect.arrayContaining(STATUS_CALLS));
    expect(arrived.map(callName).sort()).toEqual(verboseCalls(r.stderr).sort());
    expect(new Set(arrived.map((c) => c.accessKeyId))).toEqual(new Set(['AKIDENDPOINTURLTEST']));
  });

  it('lets AWS_ENDPOINT_URL_<SERVICE> in the injected environment win over AWS_ENDPOINT_URL', async () => {
    const since = w.lastSeq();
    // Route 53 goes to the sandbox; every other service to a closed port, so only Route 53 calls arrive.
    const r = await runWithEnv(['--verbose', 'status', '--output', 'json'], {
      ...ENV_KEYS,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_ROUTE_53: w.sb.url,
    });
    const arrived = await arrivedSince(since);
    expect(arrived.map(callName)).toContain('us-east-1 route53 ListResourceRecordSets');
    expect(arrived.filter((c) => c.service !== 'route53')).toEqual([]);
    expect(r.stderr).toMatch(/^aws us-east-1 cognito-idp DescribeUserPool ERR /m);
  });

  it('never sends a call to an endpoint or with keys that only process.env holds', async () => {
    const since = w.lastSeq();
    const r = await withProcessEnv({ AWS_ENDPOINT_URL: w.sb.url, AWS_ACCESS_KEY_ID: 'AKIDFROMPROCESSENV', AWS_SECRET_ACCESS_KEY: 'process-env-secret' }, () =>
      // Keys but no endpoint in the injected environment: the calls go to real AWS, which the test
      // setup's network guard refuses, so the command fails — and nothing reaches the sandbox.
      runWithEnv(['--verbose', 'status', '--output', 'json'], ENV_KEYS),
    );
    expect(r.stderr).toMatch(/^aws us-east-1 cognito-idp DescribeUserPool ERR /m);
    expect(await arrivedSince(since)).toEqual([]);
  });

  it('signs with the profile named by AWS_PROFILE or --profile, in the credentials file the environment names', async () => {
    const credentialsFile = join(w.dir, 'aws-credentials');
    writeFileSync(
      credentialsFile,
      '[ops]\naws_access_key_id = AKIDPROFILEOPS\naws_secret_access_key = ops-secret\n\n[audit]\naws_access_key_id = AKIDPROFILEAUDIT\naws_secret_access_key = audit-secret\n',
    );
    const files = { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: join(w.dir, 'no-aws-config') };
    const keyIdsOf = async (argv: string[], env: Record<string, string>) => {
      const since = w.lastSeq();
      const r = await withProcessEnv(STRAY_PROCESS_ENV, () => runWithEnv(['--endpoint-url', w.sb.url, ...argv, 'status', '--output', 'json'], { ...files, ...env }));
      expect(r.code, r.stderr).toBe(0);
      return new Set((await arrivedSince(since)).map((c) => c.accessKeyId));
    };
    // A named profile wins over keys in the environment, as in the SDK's own chain.
    expect(await keyIdsOf([], { ...ENV_KEYS, AWS_PROFILE: 'ops' })).toEqual(new Set(['AKIDPROFILEOPS']));
    expect(await keyIdsOf(['--profile', 'audit'], { AWS_PROFILE: 'ops' })).toEqual(new Set(['AKIDPROFILEAUDIT']));
  });
});

