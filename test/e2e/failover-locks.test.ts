/**
 * What happens around the lock: a step failing after the lock was taken (the lock is released and
 * journaled), a concurrent DNS edit (the compare-and-swap fails, nothing is clobbered, exit 4), a lock
 * held by someone else (exit 4 naming them), and an expired lock (`--break-lock`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { sandboxAdmin } from '../helpers/sandbox.js';
import { failoverWorld, plantLock, type FailoverWorld } from '../helpers/failover-world.js';
import { holdModelCall } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

let world: FailoverWorld;
/** Shared by the sandbox and mrrctl: a planted lock expires when the test advances it. */
const clock = new VirtualClock();
const planned = ['--planned', '--reason', 'drill'];

beforeAll(async () => {
  world = await failoverWorld({ activate: false, guards: { cooldownSeconds: 0 }, clock });
});
afterAll(async () => {
  await world.stop();
});

async function fault(body: Record<string, unknown>) {
  const r = await sandboxAdmin(world.w.sb, 'POST', 'faults', body);
  expect(r.status).toBe(201);
}

describe('failover locks', () => {
  it('a step failing after the lock was taken: exit 1 naming the step, DNS untouched, lock released and journaled', async () => {
    await fault({ region: world.secondary, service: 'cognito-idp', operation: 'UpdateUserPoolReplica', kind: 'error', status: 500 });
    try {
      const r = await world.w.run(['failover', '--to', world.secondary, '--yes', ...planned], { env: world.env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/step cognito\.activate-replica failed: InternalErrorException/);
      expect(r.stdout).toContain('✓ after the stop: release the failover lock');
      expect(await world.txt('_mrrctl-lock')).toEqual([]);
      expect(await world.weights()).toEqual({ 'us-east-1': 100, 'eu-west-1': 0 });
      expect(await world.txt('_mrrctl-history')).toEqual([]);
      const journal = readFileSync(world.w.journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const released = journal.filter((e) => e.kind === 'step' && e.stepId === 'route53.release-lock' && e.status === 'applied');
      expect(released).toHaveLength(1);
    } finally {
      await world.clearFaults();
    }
  });

  it('a concurrent DNS edit makes the compare-and-swap fail: exit 4, the edit survives, the lock is released', async () => {
    // The activation is held until another operator has edited the weights: it comes after the lock
    // and the DNS read, before the DNS change.
    const activation = holdModelCall(world.w.sb, { service: 'cognito-idp', operation: 'UpdateUserPoolReplica', region: world.secondary });
    try {
      const running = world.w.run(['failover', '--to', world.secondary, '--yes', ...planned, '--output', 'json'], { env: world.env });
      await activation.reached;
      expect(await world.txt('_mrrctl-lock')).toEqual([expect.stringContaining('mrrctl-lock=1')]);
      await world.route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: world.w.summary.hostedZoneId,
          ChangeBatch: {
            Changes: [
              {
                Action: 'UPSERT',
                ResourceRecordSet: { Name: world.w.summary.recordName, Type: 'CNAME', SetIdentifier: world.primary, Weight: 90, TTL: 60, ResourceRecords: [{ Value: world.w.summary.records[world.primary].value }], HealthCheckId: world.w.summary.healthChecks[world.primary] },
              },
            ],
          },
        }),
      );
      activation.release();
      const r = await running;
      expect(r.code).toBe(4);
      expect(r.json().diagnostics[0]).toMatchObject({ code: 'MRR_FAILOVER_E005', message: expect.stringContaining('DNS changed since it was read (InvalidChangeBatch') });
      expect(await world.weights()).toEqual({ 'us-east-1': 90, 'eu-west-1': 0 });
      expect(await world.txt('_mrrctl-lock')).toEqual([]);
    } finally {
      activation.restore();
    }
  });

  it("someone else's lock: exit 4 naming holder, reason and since; nothing written", async () => {
    const since = clock.now().toISOString();
    await plantLock(world, { holder: 'bo@ops-laptop', reason: 'sev2 drill', since, expires: new Date(clock.nowMs() + 2500).toISOString() });
    const seq = world.w.lastSeq();
    const r = await world.w.run(['failover', '--to', world.secondary, '--yes', ...planned], { env: world.env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`the failover lock is held by bo@ops-laptop since ${since} (failover, reason "sev2 drill"`);
    expect(world.w.writesSince(seq)).toEqual([]);
    // --break-lock removes only expired locks.
    const early = await world.w.run(['failover', '--to', world.secondary, '--yes', '--break-lock', ...planned], { env: world.env });
    expect(early.code).toBe(4);
    expect(world.w.writesSince(seq)).toEqual([]);
  });

  it('an expired lock: named with the --break-lock remedy; --break-lock replaces it in the same atomic batch', async () => {
    clock.advance(2600);
    const stuck = await world.w.run(['failover', '--to', world.secondary, '--yes', ...planned], { env: world.env });
    expect(stuck.code).toBe(4);
    const dry = await world.w.run(['failover', '--to', world.secondary, '--dry-run', ...planned], { env: world.env });
    expect(dry.stdout).toContain('its expiry passed at');
    expect(dry.stdout).toContain('`mrrctl failover --to eu-west-1 --planned --break-lock --reason "…"` removes it (after confirmation)');
    const r = await world.w.run(['failover', '--to', world.secondary, '--yes', '--break-lock', ...planned], { env: world.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('take the failover lock, replacing the lock of bo@ops-laptop');
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    // The break is in the zone's history, under the move it made way for.
    const history = await world.txt('_mrrctl-history');
    expect(history.map((v) => /kind=([a-z-]+)/.exec(v)?.[1])).toEqual(['failover', 'break-lock']);
    expect(history[1]).toContain('removed the lock of bo@ops-laptop: its expiry passed at');
    expect(await world.weights()).toEqual({ 'us-east-1': 0, 'eu-west-1': 90 });
  });

  it('a plan saved with --plan-out applies later through `mrrctl apply`, and is refused as stale once DNS changed', async () => {
    const file = join(world.w.dir, 'failback.plan');
    const saved = await world.w.run(['failover', '--to', world.primary, '--dry-run', '--plan-out', file, ...planned], { env: world.env });
    expect(saved.code).toBe(0);
    await world.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: world.w.summary.hostedZoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: { Name: world.w.summary.recordName, Type: 'CNAME', SetIdentifier: world.secondary, Weight: 80, TTL: 60, ResourceRecords: [{ Value: world.w.summary.records[world.secondary].value }], HealthCheckId: world.w.summary.healthChecks[world.secondary] },
            },
          ],
        },
      }),
    );
    const seq = world.w.lastSeq();
    const stale = await world.w.run(['apply', file, '--yes', ...planned], { env: world.env });
    expect(stale.code).toBe(4);
    expect(world.w.writesSince(seq)).toEqual([]);

    const fresh = await world.w.run(['failover', '--to', world.primary, '--dry-run', '--plan-out', file, ...planned], { env: world.env });
    expect(fresh.code).toBe(0);
    const applied = await world.w.run(['apply', file, '--yes', ...planned], { env: world.env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(await world.weights()).toEqual({ 'us-east-1': 80, 'eu-west-1': 0 });
    expect((await world.txt('_mrrctl-history'))[0]).toContain('"kind=failback"');
  });
});
