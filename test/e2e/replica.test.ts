/** Phase 3 end to end: replica create/activate/deactivate/delete/list against the seeded sandbox. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { replicaStatus, setUpKeyAndIssuer } from '../helpers/mrr-setup.js';

let w: SeededWorld;
beforeEach(async () => {
  w = await seededWorld();
});
afterEach(async () => {
  await w.stop();
});

describe('replica create', () => {
  it('refuses, in its own words, while the key and issuer prerequisites are missing — and writes nothing', async () => {
    const since = w.lastSeq();
    const r = await w.run(['replica', 'create', '--yes', '--output', 'json']);
    expect(r.code).toBe(3);
    const guards = r.json().data.plan.guards as Array<{ id: string; ok: boolean; remedy?: string }>;
    expect(guards.find((g) => g.id === 'key')).toMatchObject({ ok: false, remedy: expect.stringContaining('keys setup') });
    expect(guards.find((g) => g.id === 'issuer')).toMatchObject({ ok: false, remedy: expect.stringContaining('issuer switch') });
    expect(w.writesSince(since)).toEqual([]);
  });

  it('dry-run shows the plan and writes nothing', async () => {
    await setUpKeyAndIssuer(w);
    const since = w.lastSeq();
    const r = await w.run(['replica', 'create', '--wait', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CreateUserPoolReplica');
    expect(r.stdout).toContain('WaitForReplicaStatus');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('creates the replica, waits for INACTIVE, journals the steps, and a second run changes nothing', async () => {
    await setUpKeyAndIssuer(w);
    const r = await w.run(['replica', 'create', '--wait', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/waiting: replica in eu-west-1 is CREATING/);
    expect(await replicaStatus(w)).toBe('INACTIVE');
    const journal = readFileSync(w.journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(journal.filter((e) => e.kind === 'step').map((e) => [e.stepId, e.status])).toEqual([
      ['cognito.create-replica', 'applied'],
      ['cognito.wait-replica-inactive-active', 'applied'],
    ]);

    const since = w.lastSeq();
    const again = await w.run(['replica', 'create', '--wait', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('needs --yes without a terminal: exit 5, nothing written', async () => {
    await setUpKeyAndIssuer(w);
    const since = w.lastSeq();
    const r = await w.run(['replica', 'create']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('--yes');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('times out with exit 6 when the replica stays CREATING longer than --timeout', async () => {
    await setUpKeyAndIssuer(w);
    await fetch(`${w.sb.url}/_sandbox/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replicaDelayMs: 60_000 }) });
    const r = await w.run(['replica', 'create', '--wait', '--timeout', '1', '--yes']);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/timed out .* waiting for the replica in eu-west-1/);
    expect(r.stderr).toContain('mrrctl status');
  });
});

describe('replica activate, deactivate, delete, list', () => {
  beforeEach(async () => {
    await setUpKeyAndIssuer(w);
    expect((await w.run(['replica', 'create', '--wait', '--yes'])).code).toBe(0);
  });

  it('refuses to activate while error-severity drift remains, and writes nothing', async () => {
    const since = w.lastSeq();
    const r = await w.run(['replica', 'activate', '--yes', '--output', 'json']);
    expect(r.code).toBe(3);
    const guard = r.json().data.plan.guards.find((g: any) => g.id === 'drift-clean');
    expect(guard).toMatchObject({ ok: false, remedy: expect.stringContaining('drift fix') });
    expect(guard.evidence).toContain('MRR_DRIFT_E101');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('activates an INACTIVE replica with --allow-drift, recording the waived guard', async () => {
    const r = await w.run(['replica', 'activate', '--allow-drift', '--yes', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().data.plan.guards.find((g: any) => g.id === 'drift-clean')).toMatchObject({ ok: false, waived: true });
    expect(await replicaStatus(w)).toBe('ACTIVE');
    const list = await w.run(['replica', 'list', '--output', 'json']);
    expect(list.json().data.replicas.map((x: any) => [x.role, x.region, x.status])).toEqual(
      expect.arrayContaining([
        ['PRIMARY', 'us-east-1', 'ACTIVE'],
        ['SECONDARY', 'eu-west-1', 'ACTIVE'],
      ]),
    );
  });

  it('refuses to delete an ACTIVE replica and to deactivate while DNS routes to it', async () => {
    expect((await w.run(['replica', 'activate', '--allow-drift', '--yes'])).code).toBe(0);
    const del = await w.run(['replica', 'delete', '--yes', '--output', 'json']);
    expect(del.code).toBe(3);
    expect(del.json().data.plan.guards.find((g: any) => g.id === 'replica-inactive').ok).toBe(false);

    // Route some traffic to the secondary: deactivation must now be refused.
    const yaml = readFileSync(join(w.dir, 'mrrctl.yaml'), 'utf8');
    expect(yaml).toContain('weighted');
    const { Route53Client, ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } = await import('@aws-sdk/client-route-53');
    const r53 = new Route53Client({ endpoint: w.sb.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const sets = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: w.summary.hostedZoneId }));
    const secondary = sets.ResourceRecordSets!.find((s) => s.Name === 'auth.example.com.' && s.ResourceRecords?.[0]?.Value === w.summary.records['eu-west-1'].value)!;
    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: w.summary.hostedZoneId,
        ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { ...secondary, Weight: 10 } }] },
      }),
    );
    const since = w.lastSeq();
    const deact = await w.run(['replica', 'deactivate', '--yes', '--output', 'json']);
    expect(deact.code).toBe(3);
    const guard = deact.json().data.plan.guards.find((g: any) => g.id === 'dns-not-routing-to-replica');
    expect(guard).toMatchObject({ ok: false });
    expect(guard.evidence).toContain('eu-west-1 weight 10');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('deactivates then deletes after typed-Region confirmation (--yes here)', async () => {
    expect((await w.run(['replica', 'activate', '--allow-drift', '--yes'])).code).toBe(0);
    expect((await w.run(['replica', 'deactivate', '--yes'])).code).toBe(0);
    expect(await replicaStatus(w)).toBe('INACTIVE');
    const del = await w.run(['replica', 'delete', '--yes']);
    expect(del.code).toBe(0);
    expect(['DELETING', undefined]).toContain(await replicaStatus(w));
  });
});

describe('replica delete with custom-domain failover routing', () => {
  it('is refused at plan time (exit 3) while the custom domain fails over to the replica', async () => {
    await setUpKeyAndIssuer(w);
    expect((await w.run(['replica', 'create', '--wait', '--yes'])).code).toBe(0);
    const { CognitoIdentityProviderClient, DescribeUserPoolDomainCommand, UpdateUserPoolDomainCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const cognito = new CognitoIdentityProviderClient({ endpoint: w.sb.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const domain = (await cognito.send(new DescribeUserPoolDomainCommand({ Domain: w.summary.domains.custom }))).DomainDescription!;
    await cognito.send(
      new UpdateUserPoolDomainCommand({
        Domain: w.summary.domains.custom,
        UserPoolId: w.summary.userPoolId,
        CustomDomainConfig: domain.CustomDomainConfig,
        Routing: { Failover: { SecondaryRegion: 'eu-west-1', PrimaryRoute53HealthCheckId: w.summary.healthChecks['us-east-1'] } },
      } as never),
    );
    const since = w.lastSeq();
    const r = await w.run(['replica', 'delete', '--yes', '--output', 'json']);
    expect(r.code).toBe(3);
    const guard = r.json().data.plan.guards.find((g: any) => g.id === 'domain-not-failing-over-to-replica');
    expect(guard).toMatchObject({ ok: false, remedy: expect.stringContaining('Routing.Failover') });
    expect(w.writesSince(since)).toEqual([]);
  });
});
