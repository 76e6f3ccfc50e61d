/**
 * Cleanup is safe: a run that fails midway still has everything it created deleted (reverse order,
 * proven by the sandbox call log), cleanup is idempotent, and resources the run did not create —
 * even ones wearing the run's names — survive, with no delete call ever sent for them.
 */
import { CognitoIdentityProviderClient, CreateUserPoolCommand, DescribeUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateHealthCheckCommand, CreateHostedZoneCommand, GetHealthCheckCommand, GetHostedZoneCommand, ListHealthChecksCommand, ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { sandboxClients, writeCalls } from '../helpers/sandbox.js';
import { Ledger } from './lib/ledger.js';
import { marks } from './lib/marks.js';
import { openRun, startRun } from './lib/targets.js';
import { runScenarios, type Scenario } from './scenarios/step.js';
import { phases } from './scenarios/phases.js';
import { acceptanceSandbox, inProcess } from './sandbox-target.js';

const P = 'us-east-1';
const S = 'eu-west-1';
let sb: SandboxHandle | undefined;
let clients: ReturnType<typeof sandboxClients> | undefined;

afterEach(async () => {
  clients?.destroy();
  await sb?.stop();
  sb = undefined;
});

/** A pool, zone, health check and key that belong to someone else: no run tag, foreign caller references. */
async function foreignResources(c: ReturnType<typeof sandboxClients>, poolName: string, alias?: string) {
  const pool = await c.make(CognitoIdentityProviderClient, P).send(new CreateUserPoolCommand({ PoolName: poolName, DeletionProtection: 'INACTIVE' }));
  const r53 = c.make(Route53Client, 'us-east-1');
  const zone = await r53.send(new CreateHostedZoneCommand({ Name: 'prod.example.org', CallerReference: 'someone-elses-zone' }));
  const check = await r53.send(
    new CreateHealthCheckCommand({ CallerReference: 'someone-elses-check', HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: `cognito-idp.${P}.amazonaws.com`, Port: 443, ResourcePath: '/' } }),
  );
  const kms = c.make(KMSClient, P);
  const key = await kms.send(new CreateKeyCommand({ MultiRegion: true }));
  if (alias) await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyMetadata!.KeyId! }));
  return { poolId: pool.UserPool!.Id!, zoneId: zone.HostedZone!.Id!.replace('/hostedzone/', ''), checkId: check.HealthCheck!.Id!, keyId: key.KeyMetadata!.KeyId! };
}

async function stillThere(c: ReturnType<typeof sandboxClients>, f: Awaited<ReturnType<typeof foreignResources>>) {
  const r53 = c.make(Route53Client, 'us-east-1');
  await c.make(CognitoIdentityProviderClient, P).send(new DescribeUserPoolCommand({ UserPoolId: f.poolId }));
  await r53.send(new GetHostedZoneCommand({ Id: f.zoneId }));
  await r53.send(new GetHealthCheckCommand({ HealthCheckId: f.checkId }));
  expect((await c.make(KMSClient, P).send(new DescribeKeyCommand({ KeyId: f.keyId }))).KeyMetadata?.KeyState).toBe('Enabled');
}

describe('acceptance cleanup', () => {
  it('deletes everything a run created after a scenario fails midway, in reverse order, and leaves the rest alone', async () => {
    const env = await acceptanceSandbox();
    sb = env.sb;
    clients = sandboxClients(sb);
    const foreign = await foreignResources(clients, 'prod-users');
    const runId = 'acc2601010000fail';
    const run = openRun({ runId, config: env.config, env: process.env });
    const target = await startRun(run, { runId, config: env.config, env: process.env, dir: env.dir, runner: inProcess });
    const wanted = new Set(['phase 1: keys setup', 'phase 2: issuer switch', 'phase 3a: replica create --wait']);
    const broken: Scenario[] = [
      { ...phases, steps: phases.steps.filter((s) => wanted.has(s.title)) },
      { id: 'drift', title: 'a scenario that fails midway', steps: [{ title: 'boom', run: async () => Promise.reject(new Error('simulated failure')) }] },
    ];
    const records = await runScenarios(target, broken);
    expect(records.map((r) => [r.step, r.ok])).toEqual([
      ['phase 1: keys setup', true],
      ['phase 2: issuer switch', true],
      ['phase 3a: replica create --wait', true],
      ['boom', false],
    ]);

    const before = sb.calls().length;
    const report = await run.cleanup();
    expect(report.map((r) => [r.kind, r.region, r.outcome])).toEqual([
      ['zone', 'global', 'deleted'],
      ['health-check', S, 'deleted'],
      ['health-check', P, 'deleted'],
      ['replica', S, 'deleted'],
      ['pool', P, 'deleted'],
      ['key', S, 'scheduled for deletion in 7 days'],
      ['key', P, 'scheduled for deletion in 7 days'],
    ]);
    const deletes = sb
      .calls()
      .slice(before)
      .filter((c) => c.write && c.status < 300)
      .map((c) => `${c.operation} ${c.region}`);
    expect(deletes).toEqual([
      'ChangeResourceRecordSets us-east-1',
      'DeleteHostedZone us-east-1',
      'DeleteHealthCheck us-east-1',
      'DeleteHealthCheck us-east-1',
      // The replica stopped INACTIVE (the run failed before activating it): deleted as it is.
      'DeleteUserPoolReplica us-east-1',
      'DeleteUserPool us-east-1',
      'DeleteAlias eu-west-1',
      'ScheduleKeyDeletion eu-west-1',
      'DeleteAlias us-east-1',
      'ScheduleKeyDeletion us-east-1',
    ]);
    // Nothing of the run is left, everything else is.
    const r53 = clients.make(Route53Client, 'us-east-1');
    expect((await r53.send(new ListHostedZonesCommand({}))).HostedZones?.map((z) => z.CallerReference)).toEqual(['someone-elses-zone']);
    expect((await r53.send(new ListHealthChecksCommand({}))).HealthChecks?.map((h) => h.CallerReference)).toEqual(['someone-elses-check']);
    expect((await clients.make(CognitoIdentityProviderClient, P).send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.map((p) => p.Name)).toEqual(['prod-users']);
    await stillThere(clients, foreign);

    // Idempotent: a second cleanup finds nothing to do and writes nothing.
    const again = sb.calls().length;
    expect((await run.cleanup()).every((r) => r.outcome === 'already gone')).toBe(true);
    expect(sb.calls().slice(again).filter((c) => c.write)).toEqual([]);
    run.clients.destroy();
    expect(target.world.userPoolId).toMatch(/^us-east-1_/);
  }, 60_000);

  it('refuses resources that carry the run names but not its marks, and sends no delete for them', async () => {
    const env = await acceptanceSandbox();
    sb = env.sb;
    clients = sandboxClients(sb);
    const runId = 'acc2601010000fake';
    const m = marks(runId);
    // Someone else's pool named like the run's, and a key behind the run's alias: names are not proof.
    const foreign = await foreignResources(clients, m.poolName, m.keyAlias);
    // A ledger that points at them (as a corrupted or hand-edited one could).
    const ledger = new Ledger(env.config.ledgerDir, runId);
    ledger.record({ event: 'intent', kind: 'key', region: P, mark: m.keyAlias });
    ledger.record({ event: 'intent', kind: 'replica', region: S, mark: m.poolName });
    ledger.record({ event: 'intent', kind: 'pool', region: P, mark: m.poolName });
    ledger.record({ event: 'created', kind: 'zone', region: 'global', mark: m.zoneCallerReference, id: foreign.zoneId });
    ledger.record({ event: 'created', kind: 'health-check', region: P, mark: m.healthCheckCallerReference(P), id: foreign.checkId });

    const run = openRun({ runId, config: env.config, env: process.env });
    const before = writeCalls(sb).length;
    const report = await run.cleanup();
    run.clients.destroy();
    expect(report.map((r) => [r.kind, r.outcome])).toEqual([
      ['zone', 'refused: not created by this run'],
      ['health-check', 'refused: not created by this run'],
      ['replica', 'refused: not created by this run'],
      ['pool', 'refused: not created by this run'],
      ['key', 'refused: not created by this run'],
    ]);
    expect(writeCalls(sb).slice(before)).toEqual([]);
    await stillThere(clients, foreign);
  }, 60_000);
});
