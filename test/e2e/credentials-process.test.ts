/**
 * The credential chain of the bundled executable (bin/mrrctl.js over dist/bundle, which needs
 * `npm run build`). The SDK loads most of its credential providers on demand — the profile's SSO,
 * process and assume-role links, web identity, the container endpoint, instance metadata, and the
 * nested STS client they call — and scripts/build.mjs bundles each of them into a chunk of its own:
 * here every provider is reached for real, in a process, and the sandbox's call log shows the access
 * key it produced signing the command's calls.
 *
 * Not AWS itself: STS, the container credentials endpoint and the instance metadata service are small
 * HTTP stand-ins in this test (AWS_ENDPOINT_URL_STS, AWS_CONTAINER_CREDENTIALS_FULL_URI and
 * AWS_EC2_METADATA_SERVICE_ENDPOINT point the SDK at them, as an operator's environment could), each
 * answering with the documented response shape. The commands reach the sandbox through --endpoint-url,
 * as they would reach AWS.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../helpers/run-cli.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { awsHome } from '../helpers/aws-home.js';

let w: SeededWorld;
let stand: Server;
let standUrl = '';
/** Requests the stand-ins answered: `METHOD path` (and STS's Action). */
const seen: string[] = [];
const EXPIRES = '2099-01-01T00:00:00Z';

function sts(action: string, accessKeyId: string): string {
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>stand-in-secret</SecretAccessKey><SessionToken>stand-in-token</SessionToken><Expiration>${EXPIRES}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/mrrctl-operator/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser></${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`;
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  for await (const chunk of req) body += chunk;
  const url = req.url ?? '';
  const json = (doc: unknown) => res.setHeader('content-type', 'application/json').end(JSON.stringify(doc));
  if (url.startsWith('/sts')) {
    const action = new URLSearchParams(body).get('Action') ?? '';
    seen.push(`STS ${action}`);
    const key = action === 'AssumeRoleWithWebIdentity' ? 'ASIAWEBIDENTITY' : 'ASIAASSUMEDROLE';
    res.setHeader('content-type', 'text/xml').end(sts(action, key));
  } else if (url === '/container-credentials') {
    seen.push(`${req.method} ${url} ${req.headers.authorization ?? ''}`.trim());
    json({ AccessKeyId: 'ASIACONTAINER', SecretAccessKey: 's', Token: 't', Expiration: EXPIRES });
  } else if (url === '/latest/api/token' && req.method === 'PUT') {
    seen.push(`PUT ${url}`);
    res.end('imds-session-token');
  } else if (url === '/latest/meta-data/iam/security-credentials/') {
    seen.push(`GET ${url}`);
    res.end('mrrctl-instance-role');
  } else if (url === '/latest/meta-data/iam/security-credentials/mrrctl-instance-role') {
    seen.push(`GET ${url}`);
    json({ Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: 'ASIAINSTANCE', SecretAccessKey: 's', Token: 't', Expiration: EXPIRES, LastUpdated: '2026-01-01T00:00:00Z' });
  } else {
    seen.push(`unexpected ${req.method} ${url}`);
    res.statusCode = 404;
    res.end();
  }
}

beforeAll(async () => {
  w = await seededWorld();
  stand = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', resolve));
  standUrl = `http://127.0.0.1:${(stand.address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => stand?.close(resolve));
  await w?.stop();
});

const home = awsHome;

/** `mrrctl replica list` as a process against the sandbox as if it were AWS; the access keys that signed its calls. */
async function replicaList(env: Record<string, string>, argv: string[] = []) {
  seen.length = 0;
  const since = w.lastSeq();
  const r = await runCliProcess(['--endpoint-url', w.sb.url, ...argv, 'replica', 'list', '--output', 'json'], {
    cwd: w.dir,
    env: { MRRCTL_JOURNAL: w.journal, AWS_EC2_METADATA_DISABLED: 'true', NO_COLOR: '1', ...env },
    timeoutMs: 60_000,
  });
  const keys = [...new Set(w.sb.calls().filter((c) => c.seq > since).map((c) => c.accessKeyId))];
  return { ...r, keys };
}

describe('the bundled executable resolves credentials from every link of the chain', () => {
  it('a profile with keys in ~/.aws/credentials (--profile)', async () => {
    const r = await replicaList({ HOME: home({ credentials: '[ops]\naws_access_key_id = AKIAPROFILEKEYS\naws_secret_access_key = s\n' }) }, ['--profile', 'ops']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.keys).toEqual(['AKIAPROFILEKEYS']);
  }, 60_000);

  it('a profile that assumes a role from a source profile (the nested STS client, AssumeRole)', async () => {
    const dir = home({
      config: '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/mrrctl-operator\nsource_profile = base\n',
      credentials: '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n',
    });
    const r = await replicaList({ HOME: dir, AWS_ENDPOINT_URL_STS: `${standUrl}/sts`, AWS_REGION: 'us-east-1' }, ['--profile', 'deploy']);
    expect(r.code, r.stderr).toBe(0);
    expect(seen).toEqual(['STS AssumeRole']);
    expect(r.keys).toEqual(['ASIAASSUMEDROLE']);
  }, 60_000);

  it('a profile with credential_process (the process provider)', async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'mrrctl-credproc-')), 'creds.cjs');
    writeFileSync(script, "process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS', SecretAccessKey: 's' }));\n");
    const r = await replicaList({ HOME: home({ config: `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n` }) }, ['--profile', 'proc']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.keys).toEqual(['AKIAPROCESS']);
  }, 60_000);

  it('an SSO profile whose cached token has expired: exit 2 naming `aws sso login --profile ops` (the SSO provider and token provider load), no AWS call', async () => {
    const startUrl = 'https://example-ops.awsapps.com/start';
    const dir = home({ config: `[profile ops]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Operator\nregion = us-east-1\n` });
    mkdirSync(join(dir, '.aws', 'sso', 'cache'), { recursive: true });
    const cacheName = `${createHash('sha1').update(startUrl).digest('hex')}.json`;
    writeFileSync(join(dir, '.aws', 'sso', 'cache', cacheName), JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z' }));
    const r = await replicaList({ HOME: dir }, ['--profile', 'ops']);
    expect(r.code, r.stderr).toBe(2);
    const doc = r.json();
    expect(doc.data.error).toMatchObject({ code: 'MRR_CREDENTIALS_E003' });
    expect(doc.diagnostics[0].message).toContain('The SSO session of profile ops has expired or is not valid');
    expect(JSON.stringify(doc)).toContain('aws sso login --profile ops');
    expect(r.keys).toEqual([]);
  }, 60_000);

  it('web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN (STS AssumeRoleWithWebIdentity)', async () => {
    const dir = home();
    writeFileSync(join(dir, 'token'), 'a-web-identity-token');
    const r = await replicaList({ HOME: dir, AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token'), AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/mrrctl-operator', AWS_ENDPOINT_URL_STS: `${standUrl}/sts`, AWS_REGION: 'us-east-1' });
    expect(r.code, r.stderr).toBe(0);
    expect(seen).toEqual(['STS AssumeRoleWithWebIdentity']);
    expect(r.keys).toEqual(['ASIAWEBIDENTITY']);
  }, 60_000);

  it('the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI with its authorization token)', async () => {
    const r = await replicaList({ HOME: home(), AWS_CONTAINER_CREDENTIALS_FULL_URI: `${standUrl}/container-credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-token' });
    expect(r.code, r.stderr).toBe(0);
    expect(seen).toEqual(['GET /container-credentials container-token']);
    expect(r.keys).toEqual(['ASIACONTAINER']);
  }, 60_000);

  it('the instance metadata service (IMDSv2: a session token, then the role and its credentials)', async () => {
    const r = await replicaList({ HOME: home(), AWS_EC2_METADATA_DISABLED: 'false', AWS_EC2_METADATA_SERVICE_ENDPOINT: standUrl });
    expect(r.code, r.stderr).toBe(0);
    expect(seen).toEqual(['PUT /latest/api/token', 'GET /latest/meta-data/iam/security-credentials/', 'GET /latest/meta-data/iam/security-credentials/mrrctl-instance-role']);
    expect(r.keys).toEqual(['ASIAINSTANCE']);
  }, 60_000);
});
