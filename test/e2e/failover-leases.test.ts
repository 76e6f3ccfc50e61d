/**
 * The failover lock is a lease: it names its owner (user@host, pid, run id) and ends 60 s after its last
 * renewal; a live run renews it every 20 s with a compare-and-swap (DELETE the exact old value + CREATE
 * the new one, one batch). Time is the virtual clock shared by the sandbox and mrrctl: a long INSYNC
 * wait passes in milliseconds of real time, and its sleeps drive the renewals. The "dead pid" case uses
 * a real process that has exited, so its pid is really gone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { hookModelCalls } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const drill = ['--planned', '--reason', 'drill'];
let world: FailoverWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const field = (value: string, key: string) => new RegExp(`"${key}=([^"]*)"`).exec(value)?.[1];

/** A lease-era lock record as another run's mrrctl would have written it. */
async function plantLeaseLock(w: FailoverWorld, f: { holder: string; host: string; pid: number; since: Date; expires: Date }): Promise<string> {
  const value = [
    'mrrctl-lock=1',
    `holder=${f.holder}`,
    'reason=their drill',
    `since=${f.since.toISOString()}`,
    `expires=${f.expires.toISOString()}`,
    'command=failover',
    'id=theirs',
    `host=${f.host}`,
    `pid=${f.pid}`,
    'run=run-theirs',
    'lease=60',
  ]
    .map((s) => `"${s}"`)
    .join(' ');
  await w.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: w.w.summary.hostedZoneId,
      ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: `_mrrctl-lock.${w.w.summary.recordName}`, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: value }] } }] },
    }),
  );
  return value;
}

async function lockRecord(w: FailoverWorld) {
  const name = `_mrrctl-lock.${w.w.summary.recordName}.`;
  const r = await w.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: w.w.summary.hostedZoneId, StartRecordName: name }));
  return r.ResourceRecordSets?.find((s) => s.Name === name);
}

describe('the lock lease', () => {
  it('is renewed while a long wait runs: 100 s of INSYNC wait, the lease never ends, since stays, the lock goes at the end', async () => {
    const clock = new VirtualClock();
    world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock, settings: { dnsDelayMs: 100_000 } });
    const w = world;
    const seen: Array<{ at: number; value: string }> = [];
    let start = 0;
    // Every GetChange of the INSYNC wait: read the lock as another operator would (through the SDK).
    const unhook = hookModelCalls(w.w.sb, { service: 'route53', operation: 'GetChange' }, {
      before: async () => {
        const record = await lockRecord(w);
        if (record) seen.push({ at: clock.nowMs(), value: record.ResourceRecords?.[0]?.Value ?? '' });
      },
    });
    try {
      start = clock.nowMs();
      const r = await w.w.run(['failover', '--to', w.secondary, '--yes', ...drill, '--timeout', '300'], { env: w.env });
      expect(r.code, r.stderr).toBe(0);
    } finally {
      unhook();
    }
    expect(clock.nowMs() - start).toBeGreaterThanOrEqual(100_000);
    // At every read, the lease was live: its end lay ahead of the (virtual) now.
    expect(seen.length).toBeGreaterThan(100);
    for (const s of seen) expect(Date.parse(field(s.value, 'expires')!)).toBeGreaterThan(s.at);
    const values = [...new Set(seen.map((s) => s.value))];
    // Renewed every 20 s over ~100 s: five or six values, one `since`, one owner.
    expect(values.length).toBeGreaterThanOrEqual(5);
    expect(new Set(values.map((v) => field(v, 'since'))).size).toBe(1);
    expect(new Set(values.map((v) => field(v, 'run'))).size).toBe(1);
    expect(field(values[0], 'pid')).toBe(String(process.pid));
    expect(field(values[0], 'host')).toBe(hostname());
    expect(await w.txt('_mrrctl-lock')).toEqual([]);
    // Each renewal is journaled nowhere as a step, but each is one batch of DELETE old + CREATE new.
    const renewals = w.w.writesSince(0).filter((c) => c.operation === 'ChangeResourceRecordSets').length;
    expect(renewals).toBeGreaterThanOrEqual(6); // lock + move (one batch), history + unlock (one batch), and at least four renewals
  });

  it('a run whose lock was broken meanwhile stops at the next renewal: exit 4 (MRR_FAILOVER_E006), the other lock untouched, the move recorded', async () => {
    const clock = new VirtualClock();
    world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock, settings: { dnsDelayMs: 100_000 } });
    const w = world;
    let replaced: string | undefined;
    // 30 s into the wait, someone replaces the lock (as --break-lock would, had its lease ended).
    const unhook = hookModelCalls(w.w.sb, { service: 'route53', operation: 'GetChange' }, {
      before: async () => {
        if (replaced || clock.nowMs() - started < 30_000) return;
        const record = (await lockRecord(w))!;
        replaced = `"mrrctl-lock=1" "holder=bo@elsewhere" "reason=broke it" "since=${clock.now().toISOString()}" "expires=${new Date(clock.nowMs() + 60_000).toISOString()}" "command=failover" "id=bo"`;
        await w.route53.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: w.w.summary.hostedZoneId,
            ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: record }, { Action: 'CREATE', ResourceRecordSet: { ...record, ResourceRecords: [{ Value: replaced }] } }] },
          }),
        );
      },
    });
    const started = clock.nowMs();
    const r = await w.w.run(['failover', '--to', w.secondary, '--yes', ...drill, '--timeout', '300', '--output', 'json'], { env: w.env }).finally(unhook);
    expect(r.code, r.stderr).toBe(4);
    expect(r.json().diagnostics[0]).toMatchObject({ code: 'MRR_FAILOVER_E006', message: expect.stringContaining('renewing the lock: Route 53 refused the compare-and-swap (InvalidChangeBatch') });
    expect(r.json().diagnostics[0].message).toContain('after traffic moved: check `mrrctl status`');
    expect(await w.txt('_mrrctl-lock')).toEqual([replaced]);
    expect(await w.txt('_mrrctl-history')).toEqual([expect.stringContaining('"kind=failover"')]);
  });

  it("a live lease held by another host's run: exit 4 naming holder, lease end and the command; once the lease ended, --break-lock removes it and the history says so", async () => {
    const clock = new VirtualClock();
    world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock });
    const w = world;
    const expires = new Date(clock.nowMs() + 60_000);
    await plantLeaseLock(w, { holder: 'bo@other-box', host: 'other-box', pid: 4242, since: clock.now(), expires });
    const seq = w.w.lastSeq();
    for (const extra of [[], ['--break-lock']]) {
      const r = await w.w.run(['failover', '--to', w.secondary, '--yes', ...drill, ...extra, '--output', 'json'], { env: w.env });
      expect(r.code).toBe(4);
      expect(r.json().diagnostics[0]).toEqual({
        severity: 'error',
        code: 'MRR_FAILOVER_E004',
        message:
          `the failover lock is held by bo@other-box (pid 4242, run run-theirs) since ${clock.now().toISOString()} (failover, reason "their drill"; lease ends ${expires.toISOString()}, renewed every 20 s while its run lives); nothing was changed — ` +
          `wait for bo@other-box to finish; if that run died, its lease ends within 60 s (at ${expires.toISOString()}), and then \`mrrctl failover --to eu-west-1 --planned --break-lock --reason "…"\` removes it`,
      });
    }
    expect(w.w.writesSince(seq)).toEqual([]);

    clock.advance(60_001);
    const r = await w.w.run(['failover', '--to', w.secondary, '--yes', '--planned', '--break-lock', '--reason', 'bo is gone'], { env: w.env });
    expect(r.code, r.stderr).toBe(0);
    expect(await w.txt('_mrrctl-lock')).toEqual([]);
    expect(await w.weights()).toEqual({ [w.primary]: 0, [w.secondary]: 100 });
    const history = await w.txt('_mrrctl-history');
    expect(history.map((v) => field(v, 'kind'))).toEqual(['failover', 'break-lock']);
    expect(field(history[1], 'reason')).toBe(`removed the lock of bo@other-box (pid 4242): its lease ended at ${expires.toISOString()}; bo is gone`);
    const journal = readFileSync(w.w.journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // The break rode in the move's batch: the old lock's DELETE, the new lock, the break's history, the weights.
    const take = journal.find((e) => e.kind === 'step' && e.stepId === 'route53.move-traffic' && e.status === 'applied');
    expect(take.operation).toBe('AcquireLockAndChange');
    expect(take.input.Lock.Replacing.ResourceRecords[0].Value).toContain('"holder=bo@other-box"');
    expect(take.input.Lock.History.ResourceRecords[0].Value).toContain('"kind=break-lock"');
  });

  it('a lock whose owner ran on this host and whose pid is gone: breakable at once, without waiting for the lease', async () => {
    const clock = new VirtualClock();
    world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 }, clock });
    const w = world;
    // A real process that has exited: its pid is really gone (the OS answers ESRCH).
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    expect(dead).toBeGreaterThan(0);
    await plantLeaseLock(w, { holder: 'ana@here', host: hostname(), pid: dead!, since: clock.now(), expires: new Date(clock.nowMs() + 60_000) });
    const blocked = await w.w.run(['failover', '--to', w.secondary, '--yes', ...drill], { env: w.env });
    expect(blocked.code).toBe(4);
    expect(blocked.stderr).toContain(`its owner's process is gone (pid ${dead} on ${hostname()}, this host, is not running): \`mrrctl failover --to eu-west-1 --planned --break-lock --reason "…"\` removes it`);
    // Not a second later on the (virtual) clock: the lease has 60 s left.
    const r = await w.w.run(['failover', '--to', w.secondary, '--yes', ...drill, '--break-lock'], { env: w.env });
    expect(r.code, r.stderr).toBe(0);
    expect(await w.txt('_mrrctl-lock')).toEqual([]);
    expect(field((await w.txt('_mrrctl-history'))[1], 'reason')).toBe(`removed the lock of ana@here (pid ${dead}): its owner's process is gone (pid ${dead} on ${hostname()}, this host, is not running); drill`);
  });
});
