/**
 * `mrrctl status` against the seeded sandbox: every part of the report (health, drift counts, DNS
 * serving, last failover, lock), a Region down (every key still there, null with its reason), and a
 * pool that does not exist (exit 3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { sandboxAdmin } from '../helpers/sandbox.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** A fixed start, so the drift check's time is a literal. */
const START = '2030-01-02T03:04:05.000Z';
let w: SeededWorld;
let pool: string;
beforeEach(async () => {
  w = await seededWorld(undefined, undefined, { clock: new VirtualClock(Date.parse(START)) });
  pool = w.summary.userPoolId;
});
afterEach(async () => {
  await w.stop();
});

/** docs/status.md's JSON fields table names every key status prints, and nothing it does not print. */
function expectDocumentedFields(data: Record<string, any>): void {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/status.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| field | type | meaning |'));
  const documented = [...table.matchAll(/^\| `([\w.[\]]+)` \|/gm)].map((m) => m[1]);
  const resolve = (path: string) => path.split('.').reduce<any>((v, k) => (k.endsWith('[]') ? v?.[k.slice(0, -2)]?.[0] : v?.[k]), data);
  for (const path of documented) expect(resolve(path), `documented ${path}`).not.toBeUndefined();
  const printed = [
    ...Object.keys(data).filter((k) => k !== 'regions' && k !== 'dns'),
    'regions[]',
    ...Object.keys(data.regions[0]).map((k) => `regions[].${k}`),
    ...Object.keys(data.dns).map((k) => `dns.${k}`),
  ];
  expect(printed.filter((k) => !documented.includes(k))).toEqual([]);
}

describe('status', () => {
  it('shows the demo before replication: every part of the report, nothing written', async () => {
    const since = w.lastSeq();
    const r = await w.run(['status', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().diagnostics).toEqual([]);
    expect(r.json().data).toEqual({
      userPoolId: pool,
      regions: [
        {
          region: 'us-east-1',
          role: 'PRIMARY',
          status: 'ACTIVE',
          reachable: true,
          error: null,
          issuerUrl: `https://cognito-idp.us-east-1.amazonaws.com/${pool}`,
          health: { verdict: 'healthy', problems: [] },
          healthUnknown: null,
        },
        {
          region: 'eu-west-1',
          role: 'SECONDARY',
          status: null,
          reachable: true,
          error: null,
          issuerUrl: null,
          health: { verdict: 'absent', problems: [`ListUserPoolReplicas in eu-west-1 failed: ResourceNotFoundException: User pool ${pool} does not exist.`] },
          healthUnknown: null,
        },
      ],
      tier: 'ESSENTIALS',
      key: { type: 'AWS_OWNED_KEY', arn: null },
      issuer: { type: 'ORIGINAL', url: `https://cognito-idp.us-east-1.amazonaws.com/${pool}` },
      poolReadFrom: 'us-east-1',
      poolUnknown: null,
      dns: {
        strategy: 'weighted',
        serving: 'us-east-1',
        servingUnknown: null,
        shares: { 'us-east-1': 100, 'eu-west-1': 0 },
        weights: { 'us-east-1': 100, 'eu-west-1': 0 },
        healthCheck: null,
        evidence: 'us-east-1 weight 100, eu-west-1 weight 0',
      },
      // The drift command's own count (no replica yet: MRR_DRIFT_E001).
      drift: { errors: 1, warnings: 0, infos: 0, allowed: 0, checkedAt: START, scope: 'quick' },
      driftUnknown: null,
      lastFailover: null,
      lastFailoverUnknown: null,
      lock: null,
      lockUnknown: null,
    });
    expect(w.writesSince(since)).toEqual([]);
    expectDocumentedFields(r.json().data);
  });

  it('shows the replica, each Region health, the shared issuer, the drift counts, no failover and a free lock in text', async () => {
    const { keyArn } = await setUpKeyAndIssuer(w);
    await setUpReplica(w, { activate: true });
    const r = await w.run(['status']);
    expect(r.code).toBe(0);
    const issuer = `https://issuer-cognito-idp.us-east-1.amazonaws.com/${pool}`;
    expect(r.stdout.split('\n').slice(0, 13)).toEqual([
      `User pool ${pool} (ESSENTIALS)`,
      '  REGION          ROLE       STATUS     ISSUER',
      `  us-east-1       PRIMARY    ACTIVE     ${issuer}`,
      '    health healthy',
      `  eu-west-1       SECONDARY  ACTIVE     ${issuer}`,
      '    health healthy',
      `  key     CUSTOMER_MANAGED_KEY ${keyArn}`,
      `  issuer  UPDATED ${issuer}`,
      '  dns     weighted: serving us-east-1 (us-east-1 weight 100, eu-west-1 weight 0)',
      // The demo's secondary lacks its Lambda, SES, SMS, logs and WAF counterparts by design.
      `  drift   14 errors, 2 warnings, 1 info (quick check at ${w.clock!.now().toISOString()}; \`mrrctl drift\` lists them)`,
      '  last failover  none recorded',
      '  lock    free',
      '',
    ]);
  });

  it('with all of us-east-1 down (Route 53 too): exit 0, every key present, null with its reason, "unknown (…)" in text', async () => {
    const { keyArn } = await setUpKeyAndIssuer(w);
    await setUpReplica(w, { activate: true });
    const fault = await sandboxAdmin(w.sb, 'POST', 'faults', { region: 'us-east-1', kind: 'outage' });
    expect(fault.status).toBe(201);
    const started = Date.now();
    const r = await w.run(['status', '--output', 'json']);
    // Within seconds, not minutes (a dead Region is not retried for long); room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(0);
    const issuer = `https://issuer-cognito-idp.us-east-1.amazonaws.com/${pool}`;
    const hangUp = 'TimeoutError: socket hang up';
    expect(r.json().data).toEqual({
      userPoolId: pool,
      regions: [
        {
          region: 'us-east-1',
          role: 'PRIMARY',
          status: null,
          reachable: false,
          error: hangUp,
          issuerUrl: issuer,
          health: {
            verdict: 'unhealthy',
            problems: [
              `the Cognito API in us-east-1 did not answer: ${hangUp}`,
              `discovery https://cognito-idp.us-east-1.amazonaws.com/${pool}/.well-known/openid-configuration: ConnectionError`,
              `JWKS https://cognito-idp.us-east-1.amazonaws.com/${pool}/.well-known/jwks.json: ConnectionError`,
            ],
          },
          healthUnknown: null,
        },
        { region: 'eu-west-1', role: 'SECONDARY', status: 'ACTIVE', reachable: true, error: null, issuerUrl: issuer, health: { verdict: 'healthy', problems: [] }, healthUnknown: null },
      ],
      // Tier, key and issuer are replicated settings: the secondary still tells them.
      tier: 'ESSENTIALS',
      key: { type: 'CUSTOMER_MANAGED_KEY', arn: keyArn },
      issuer: { type: 'UPDATED', url: issuer },
      poolReadFrom: 'eu-west-1',
      poolUnknown: null,
      dns: {
        strategy: 'weighted',
        serving: null,
        servingUnknown: `Route 53 ListResourceRecordSets auth.example.com: ${hangUp}`,
        shares: null,
        weights: null,
        healthCheck: null,
        evidence: null,
      },
      drift: null,
      driftUnknown: `not checked: us-east-1 did not answer (${hangUp}), and drift compares it with eu-west-1`,
      lastFailover: null,
      lastFailoverUnknown: `Route 53 ListResourceRecordSets _mrrctl-history.auth.example.com: ${hangUp}`,
      lock: null,
      lockUnknown: `Route 53 ListResourceRecordSets _mrrctl-lock.auth.example.com: ${hangUp}`,
    });
    expect(r.json().diagnostics).toEqual([{ severity: 'warning', code: 'MRR_STATUS_W001', message: 'us-east-1 did not answer' }]);

    const text = await w.run(['status']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`  us-east-1       PRIMARY    UNREACHABLE ${issuer}\n    ${hangUp}\n`);
    expect(text.stdout).toContain('  pool    read from eu-west-1\n');
    expect(text.stdout).toContain(`  dns     weighted: serving unknown (Route 53 ListResourceRecordSets auth.example.com: ${hangUp})\n`);
    expect(text.stdout).toContain(`  drift   unknown (not checked: us-east-1 did not answer (${hangUp}), and drift compares it with eu-west-1)\n`);
    expect(text.stdout).toContain(`  last failover  unknown (Route 53 ListResourceRecordSets _mrrctl-history.auth.example.com: ${hangUp})\n`);
    expect(text.stdout).toContain(`  lock    unknown (Route 53 ListResourceRecordSets _mrrctl-lock.auth.example.com: ${hangUp})\n`);
    expect(text.stderr).toBe('warning: us-east-1 did not answer [MRR_STATUS_W001]\n');
  });

  it('a pool that does not exist: exit 3 naming the Regions that answered ResourceNotFoundException, nothing written', async () => {
    const since = w.lastSeq();
    const r = await w.run(['status', '--pool', 'us-east-1_Nope12345', '--output', 'json']);
    expect(r.code).toBe(3);
    const message =
      'user pool us-east-1_Nope12345 was not found: us-east-1 and eu-west-1 answered ResourceNotFoundException. ' +
      'Check --pool (or userPoolId in the config) and that the credentials are for the account that owns the pool.';
    expect(r.json()).toMatchObject({ command: 'status', ok: false, diagnostics: [{ severity: 'error', code: 'MRR_STATUS_E003', message }] });
    const text = await w.run(['status', '--pool', 'us-east-1_Nope12345']);
    expect(text.code).toBe(3);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe(`error: ${message} [MRR_STATUS_E003]\n`);
    expect(w.writesSince(since)).toEqual([]);
  });
});
