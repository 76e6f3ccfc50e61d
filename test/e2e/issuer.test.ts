/**
 * `mrrctl issuer switch` and `issuer status` end to end: the real CLI (in-process through main) against
 * the sandbox's demo seed, proving writes (and their absence) with the sandbox call log.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';

let world: SeededWorld;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let secret: string;

async function describePool() {
  return (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
}

/** The settings an issuer switch must not touch. */
async function untouchedSettings() {
  const pool = await describePool();
  const { $metadata: _m, ...mfa } = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  return {
    LambdaConfig: pool.LambdaConfig,
    MfaConfiguration: pool.MfaConfiguration,
    EmailConfiguration: pool.EmailConfiguration,
    SmsConfiguration: pool.SmsConfiguration,
    UserPoolTags: pool.UserPoolTags,
    AutoVerifiedAttributes: pool.AutoVerifiedAttributes,
    DeletionProtection: pool.DeletionProtection,
    UserPoolTier: pool.UserPoolTier,
    KeyConfiguration: pool.KeyConfiguration,
    mfa,
  };
}

function journalText(): string {
  return existsSync(world.journal) ? readFileSync(world.journal, 'utf8') : '';
}

beforeAll(async () => {
  world = await seededWorld();
  poolId = world.summary.userPoolId;
  cognito = new CognitoIdentityProviderClient(awsClientConfig(world.sb, 'us-east-1'));
  // The test reads the M2M secret the way an operator would (it is in no summary or config).
  const client = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: world.summary.m2mClientId }));
  secret = client.UserPoolClient!.ClientSecret!;
  expect(secret.length).toBeGreaterThan(10);
});

afterAll(async () => {
  cognito?.destroy();
  await world?.stop();
});

const ORIGINAL_ISSUER = () => `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
const UPDATED_ISSUER = () => `https://issuer-cognito-idp.us-east-1.amazonaws.com/${poolId}`;

describe('issuer status and switch on the demo seed', () => {
  it('status before: ORIGINAL, per-Region issuer, JWKS answers in the primary', async () => {
    const r = await world.run(['issuer', 'status', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const data = r.json().data;
    expect(data.type).toBe('ORIGINAL');
    const [primary, secondary] = data.regions;
    expect(primary).toMatchObject({ region: 'us-east-1', hosted: true, issuer: ORIGINAL_ISSUER() });
    expect(primary.jwks).toMatchObject({ ok: true, status: 200 });
    expect(primary.jwks.keyCount).toBeGreaterThanOrEqual(1);
    expect(primary.discovery).toMatchObject({ ok: true, issuer: ORIGINAL_ISSUER() });
    expect(secondary).toMatchObject({ region: 'eu-west-1', hosted: false, replicaStatus: 'none' });
    expect(secondary.issuer).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`);
    // Not probed where the pool is not hosted: null, never missing (docs/json.md).
    expect(secondary.jwks).toBeNull();
    expect(secondary.discovery).toBeNull();
  });

  it('dry-run prints the impact report and the plan, writes the Markdown report, and writes nothing to AWS', async () => {
    const since = world.lastSeq();
    const r = await world.run(['issuer', 'switch', '--dry-run', '--report', 'impact.md']);
    expect(r.code, r.stderr).toBe(0);
    expect(world.writesSince(since)).toEqual([]);
    expect(r.stdout).toContain(`old issuer (us-east-1): ${ORIGINAL_ISSUER()}`);
    expect(r.stdout).toContain(`new JWKS   (us-east-1): ${UPDATED_ISSUER()}/.well-known/jwks.json`);
    expect(r.stdout).toContain('3 app clients (1 mobile)');
    expect(r.stdout).toMatch(/mobile \(\w+\) — mobile app; OAuth flows: code; .*callback hosts: myapp:\/\/.*\[MOBILE/);
    expect(r.stdout).toMatch(/web \(\w+\) — web app; OAuth flows: code; secret: no; callback hosts: app\.example\.com/);
    expect(r.stdout).toMatch(/m2m-probe \(\w+\) — machine-to-machine; OAuth flows: client_credentials; secret: yes/);
    expect(r.stdout).toContain('cognito-idp:UpdateUserPool');
    const md = readFileSync(join(world.dir, 'impact.md'), 'utf8');
    expect(md).toContain(`| After | us-east-1 | \`${UPDATED_ISSUER()}\``);
    expect(md).toMatch(/\| mobile \| `\w+` \| mobile app \| code \| no \| myapp:\/\/ \|/);
    expect(journalText()).toBe('');
  });

  it('JSON dry-run carries the report and the plan', async () => {
    const r = await world.run(['issuer', 'switch', '--dry-run', '--output', 'json']);
    expect(r.code).toBe(0);
    const { data } = r.json();
    expect(data.report).toMatchObject({ from: 'ORIGINAL', to: 'UPDATED', summary: { clients: 3, mobile: 1, machine: 1 } });
    expect(data.plan.steps).toHaveLength(1);
    expect(data.plan.steps[0].input.IssuerConfiguration).toEqual({ Type: 'UPDATED' });
  });

  it('--plan-out saves the plan with its options for `mrrctl apply`, writing nothing to AWS', async () => {
    const since = world.lastSeq();
    const r = await world.run(['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', 'issuer.plan']);
    expect(r.code, r.stderr).toBe(0);
    expect(world.writesSince(since)).toEqual([]);
    const file = JSON.parse(readFileSync(join(world.dir, 'issuer.plan'), 'utf8'));
    expect(file.plan.command).toBe('issuer switch');
    expect(file.plan.options).toEqual({ to: 'UPDATED' });
    expect(file.plan.steps.map((s: { operation: string }) => s.operation)).toEqual(['UpdateUserPool']);
  });

  it('refuses without --yes and without a terminal (exit 5), writing nothing', async () => {
    const since = world.lastSeq();
    const r = await world.run(['issuer', 'switch']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('--yes');
    expect(world.writesSince(since)).toEqual([]);
  });

  it('switch --yes: exactly one UpdateUserPool, other settings unchanged, verified with a fresh token', async () => {
    const before = await untouchedSettings();
    const since = world.lastSeq();
    const r = await world.run(['issuer', 'switch', '--yes'], { env: { MRRCTL_PROBE_CLIENT_SECRET: secret } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(world.writesSince(since).map((c) => [c.region, c.service, c.operation])).toEqual([['us-east-1', 'cognito-idp', 'UpdateUserPool']]);
    expect((await describePool()).IssuerConfiguration).toEqual({ Type: 'UPDATED' });
    expect(await untouchedSettings()).toEqual(before);

    expect(r.stdout).toContain('Verification (passed):');
    expect(r.stdout).toContain('✓ the pool reports issuer type UPDATED');
    expect(r.stdout).toContain(`✓ discovery ${UPDATED_ISSUER()}/.well-known/openid-configuration answers with issuer ${UPDATED_ISSUER()}`);
    expect(r.stdout).toMatch(/✓ JWKS .* answers with \d+ key\(s\)/);
    expect(r.stdout).toContain(`✓ client_credentials token from https://auth.example.com/oauth2/token carries iss ${UPDATED_ISSUER()} and verifies`);
    // The report went to stderr before applying.
    expect(r.stderr).toContain('3 app clients (1 mobile)');
    const tokenCalls = world.sb.calls().filter((c) => c.seq > since && c.service === 'oidc' && c.operation === 'Token');
    expect(tokenCalls.map((c) => c.status)).toEqual([200]);

    const journal = journalText();
    expect(journal).toContain('"operation":"UpdateUserPool"');
    for (const text of [r.stdout, r.stderr, journal]) expect(text).not.toContain(secret);
  });

  it('a second switch is a no-op with no write', async () => {
    const since = world.lastSeq();
    const r = await world.run(['issuer', 'switch', '--yes'], { env: { MRRCTL_PROBE_CLIENT_SECRET: secret } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('already UPDATED');
    expect(r.stdout).toContain('No changes');
    expect(world.writesSince(since)).toEqual([]);
  });

  it('status after: UPDATED, one issuer for both Regions', async () => {
    const r = await world.run(['issuer', 'status']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Issuer of ${poolId}: UPDATED`);
    expect(r.stdout).toContain(`  issuer: ${UPDATED_ISSUER()}`);
    expect(r.stdout.split('\n').filter((l) => l === `  issuer: ${UPDATED_ISSUER()}`)).toHaveLength(2);
    expect(r.stdout).toMatch(/✓ JWKS .*jwks\.json answers with \d+ key\(s\) \(200, [\d.]+ ms\)/);
  });

  it('status exits 3 when the JWKS does not answer in the primary', async () => {
    const fault = await sandboxAdmin(world.sb, 'POST', 'faults', { region: 'us-east-1', service: 'oidc', kind: 'outage' });
    expect(fault.status).toBe(201);
    try {
      const r = await world.run(['issuer', 'status', '--output', 'json']);
      expect(r.code).toBe(3);
      const doc = r.json();
      expect(doc.ok).toBe(false);
      expect(doc.diagnostics.map((d: { code: string }) => d.code)).toContain('MRR_ISSUER_E101');
      expect(doc.data.regions[0].jwks).toMatchObject({ ok: false, status: 503 });
    } finally {
      await sandboxAdmin(world.sb, 'DELETE', 'faults');
    }
  });

  it('a probe client without its secret skips the token check (and still passes)', async () => {
    const since = world.lastSeq();
    const r = await world.run(['issuer', 'switch', '--to', 'original', '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(world.writesSince(since).map((c) => c.operation)).toEqual(['UpdateUserPool']);
    expect((await describePool()).IssuerConfiguration).toEqual({ Type: 'ORIGINAL' });
    expect(r.stdout).toContain(`✓ discovery ${ORIGINAL_ISSUER()}/.well-known/openid-configuration answers with issuer ${ORIGINAL_ISSUER()}`);
    expect(r.stdout).toContain('- token check skipped: MRRCTL_PROBE_CLIENT_SECRET is not set');
  });

  it('--to ORIGINAL again is a no-op; back to UPDATED works with the token check', async () => {
    const since = world.lastSeq();
    const again = await world.run(['issuer', 'switch', '--to', 'ORIGINAL', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(world.writesSince(since)).toEqual([]);

    const back = await world.run(['issuer', 'switch', '--yes'], { env: { MRRCTL_PROBE_CLIENT_SECRET: secret } });
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(back.stdout).toContain('carries iss ' + UPDATED_ISSUER());
  });

  it('a bad --to is a usage error', async () => {
    const r = await world.run(['issuer', 'switch', '--to', 'NEWEST', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to: got "NEWEST", expected one of ORIGINAL, UPDATED');
  });
});
