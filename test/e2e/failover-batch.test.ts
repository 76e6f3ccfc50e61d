/**
 * The start and the end of a failover, from the sandbox's call log (virtual clock: the 5 s propagation
 * passes in milliseconds of real time):
 * - the lock's CREATE and the DNS change go to Route 53 in ONE ChangeResourceRecordSets, the only one
 *   before the first GetChange; when someone took the lock after it was read, Route 53 refuses that
 *   batch whole: nothing moved, their lock stays, exit 4 naming them (as a lost lock CREATE did);
 * - a plan saved by an mrrctl from before (take the lock, then change DNS: two steps) still applies;
 * - after INSYNC, the DNS check (TestDNSAnswer) and the post-checks (the target's discovery document)
 *   run together: the post-checks' read is answered while TestDNSAnswer is still held at the sandbox;
 * - then exactly ONE ChangeResourceRecordSets: the history UPSERT and the lock's DELETE in one batch;
 * - when the lock is no longer this run's at that moment (someone replaced it), Route 53 refuses the
 *   whole batch (the DELETE does not match): their lock stays, the run stops with exit 4, and the
 *   stop-cleanup records the move unmarked (its checks did pass, but the batch that marks them did not
 *   go through, so the next run re-checks).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { hookModelCalls } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { waitFor } from '../helpers/wait-for.js';

let world: FailoverWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const drill = ['--yes', '--planned', '--reason', 'drill', '--output', 'json'];
const bodyOf = (input: unknown) => (input as { body: string }).body;
const changesIn = (body: string) => [...body.matchAll(/<Change><Action>(\w+)<\/Action><ResourceRecordSet><Name>([^<]+)<\/Name>/g)].map((m) => `${m[1]} ${m[2].split('.')[0]}`);

async function world5s() {
  world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0, minUnhealthySeconds: 0 }, clock: new VirtualClock(), settings: { dnsDelayMs: 5_000 } });
  return world;
}

describe('after INSYNC', () => {
  it('runs the DNS check and the post-checks together, then records the history and releases the lock in one batch', async () => {
    const w = await world5s();
    const S = w.secondary;
    const bodies: string[] = [];
    const unhookChanges = hookModelCalls(w.w.sb, { service: 'route53', operation: 'ChangeResourceRecordSets' }, { before: (_c, input) => void bodies.push(bodyOf(input)) });
    // Hold the first TestDNSAnswer until the post-checks' discovery read has been answered.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const unhookAnswer = hookModelCalls(w.w.sb, { service: 'route53', operation: 'TestDNSAnswer' }, { before: async () => void (++held === 1 && (await released)) });
    const seq = w.w.lastSeq();
    const afterInsync = () => {
      const calls = w.w.sb.calls().filter((c) => c.seq > seq);
      const insync = calls.findIndex((c) => c.operation === 'GetChange');
      return insync < 0 ? [] : calls.slice(insync);
    };
    try {
      const run = w.w.run(['failover', '--to', S, ...drill], { env: w.env });
      // The post-checks' reads (the issuer's discovery document, the target's JWKS for the pre-failover
      // token), after the wait for INSYNC began, answered while TestDNSAnswer is held.
      const post = await waitFor(afterInsync, (calls) => calls.some((c) => c.service === 'oidc' && c.operation === 'GetOpenIdConfiguration') && calls.some((c) => c.service === 'oidc' && c.operation === 'GetJwks' && c.region === S), { what: "the post-checks' reads" });
      expect(post.filter((c) => c.service !== 'route53').map((c) => c.operation).sort()).toEqual(['GetJwks', 'GetOpenIdConfiguration']);
      expect(held).toBe(1);
      expect(w.w.sb.calls().filter((c) => c.seq > seq && c.operation === 'TestDNSAnswer')).toEqual([]);
      release();
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      const steps = (r.json().data.result.results as Array<{ stepId: string; status: string }>).map((x) => `${x.stepId}:${x.status}`);
      expect(steps.slice(-3)).toEqual(['route53.verify:applied', 'oidc.post-checks:applied', 'route53.record-history-and-unlock:applied']);
    } finally {
      release();
      unhookChanges();
      unhookAnswer();
    }
    const calls = w.w.sb.calls().filter((c) => c.seq > seq);
    const lastGetChange = calls.map((c) => c.operation).lastIndexOf('GetChange');
    const tail = calls.slice(lastGetChange + 1);
    // After INSYNC: exactly one change batch, and it is the last call.
    expect(tail.filter((c) => c.operation === 'ChangeResourceRecordSets')).toHaveLength(1);
    expect(tail.at(-1)?.operation).toBe('ChangeResourceRecordSets');
    // The lock with the weights in one batch, then the one batch: the history UPSERT and the lock's DELETE together.
    expect(bodies.map(changesIn)).toEqual([
      ['CREATE _mrrctl-lock', 'DELETE auth', 'DELETE auth', 'CREATE auth', 'CREATE auth'],
      ['UPSERT _mrrctl-history', 'DELETE _mrrctl-lock'],
    ]);
    expect(bodies[1]).toContain('checks=passed');
    expect(await w.txt('_mrrctl-lock')).toEqual([]);
    expect(await w.txt('_mrrctl-history')).toEqual([expect.stringContaining('"checks=passed"')]);
  });

  it("a lock replaced by someone else before the batch: the batch is refused whole, their lock stays, exit 4, the move recorded unmarked", async () => {
    const w = await world5s();
    const zone = w.w.summary.hostedZoneId;
    const lockName = `_mrrctl-lock.${w.w.summary.recordName}.`;
    const theirs = '"mrrctl-lock=1" "holder=bo@elsewhere" "reason=broke it" "since=2026-06-10T03:10:00.000Z" "expires=2026-06-10T03:11:00.000Z" "command=failover" "id=bo"';
    let replacing = false;
    // Right before the history + unlock batch reaches Route 53, someone replaces the lock (as --break-lock would).
    const unhook = hookModelCalls(w.w.sb, { service: 'route53', operation: 'ChangeResourceRecordSets' }, {
      before: async (_c, input) => {
        if (replacing || !bodyOf(input).includes('_mrrctl-history')) return;
        replacing = true;
        const listed = await w.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: lockName }));
        const record = listed.ResourceRecordSets!.find((s) => s.Name === lockName)!;
        await w.route53.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: zone,
            ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: record }, { Action: 'CREATE', ResourceRecordSet: { ...record, ResourceRecords: [{ Value: theirs }] } }] },
          }),
        );
      },
    });
    const r = await w.w.run(['failover', '--to', w.secondary, ...drill], { env: w.env }).finally(unhook);
    expect(replacing).toBe(true);
    expect(r.code, r.stderr).toBe(4);
    expect(r.json().diagnostics[0]).toMatchObject({ code: 'MRR_FAILOVER_E006', message: expect.stringContaining('releasing the lock: Route 53 refused the compare-and-swap (InvalidChangeBatch') });
    expect(await w.txt('_mrrctl-lock')).toEqual([theirs]);
    expect(await w.weights()).toEqual({ [w.primary]: 0, [w.secondary]: 100 });
    const history = await w.txt('_mrrctl-history');
    expect(history).toEqual([expect.stringContaining('"kind=failover"')]);
    expect(history[0]).not.toContain('checks=');
  });
});

/** docs/plans.md: "The canonical JSON sorts object keys and has no whitespace" (re-implemented, not imported). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('the start: the lock and the DNS change in one batch', () => {
  it('exactly one ChangeResourceRecordSets before the first GetChange: the lock CREATE and the weights together; the lease taken by it is what the last batch deletes', async () => {
    const w = await world5s();
    const bodies: string[] = [];
    const unhook = hookModelCalls(w.w.sb, { service: 'route53', operation: 'ChangeResourceRecordSets' }, { before: (_c, input) => void bodies.push(bodyOf(input)) });
    const seq = w.w.lastSeq();
    const r = await w.w.run(['failover', '--to', w.secondary, ...drill], { env: w.env }).finally(unhook);
    expect(r.code, r.stderr).toBe(0);
    const steps = (r.json().data.result.results as Array<{ stepId: string; status: string }>).map((x) => `${x.stepId}:${x.status}`);
    expect(steps[0]).toBe('route53.move-traffic:applied');
    expect(steps).not.toContain('route53.take-lock:applied');
    const calls = w.w.sb.calls().filter((c) => c.seq > seq);
    const firstGetChange = calls.findIndex((c) => c.operation === 'GetChange');
    expect(firstGetChange).toBeGreaterThan(0);
    const before = calls.slice(0, firstGetChange).filter((c) => c.write);
    expect(before.map((c) => `${c.operation} ${c.status}`)).toEqual(['ChangeResourceRecordSets 200']);
    expect(changesIn(bodies[0])).toEqual(['CREATE _mrrctl-lock', 'DELETE auth', 'DELETE auth', 'CREATE auth', 'CREATE auth']);
    expect(bodies[0]).toContain('lease=60');
    // The last batch deletes exactly the lock value the first one created (no renewal fell due in 5 s).
    const created = /<Action>CREATE<\/Action><ResourceRecordSet><Name>_mrrctl-lock[\s\S]*?<Value>([^<]+)<\/Value>/.exec(bodies[0])?.[1];
    const deleted = /<Action>DELETE<\/Action><ResourceRecordSet><Name>_mrrctl-lock[\s\S]*?<Value>([^<]+)<\/Value>/.exec(bodies[1])?.[1];
    expect(created).toBeTruthy();
    expect(deleted).toBe(created);
    expect(await w.weights()).toEqual({ [w.primary]: 0, [w.secondary]: 100 });
    expect(await w.txt('_mrrctl-lock')).toEqual([]);
  });

  it('a lock taken by someone else after the observation: the batch is refused whole, DNS unchanged, their lock stays, exit 4 naming them', async () => {
    const w = await world5s();
    const zone = w.w.summary.hostedZoneId;
    const theirs = '"mrrctl-lock=1" "holder=bo@elsewhere" "reason=their drill" "since=2026-06-10T03:10:00.000Z" "expires=2026-06-10T03:11:00.000Z" "command=failover" "id=bo"';
    const bodies: string[] = [];
    let planted = false;
    // The run read the zone with no lock; right before its batch reaches Route 53, bo takes the lock.
    const unhook = hookModelCalls(w.w.sb, { service: 'route53', operation: 'ChangeResourceRecordSets' }, {
      before: async (_c, input) => {
        if (planted) return;
        planted = true;
        bodies.push(bodyOf(input));
        await w.route53.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: zone,
            ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: `_mrrctl-lock.${w.w.summary.recordName}`, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: theirs }] } }] },
          }),
        );
      },
    });
    const seq = w.w.lastSeq();
    const r = await w.w.run(['failover', '--to', w.secondary, ...drill], { env: w.env }).finally(unhook);
    expect(planted).toBe(true);
    expect(r.code, r.stderr).toBe(4);
    expect(r.json().diagnostics[0]).toEqual({
      severity: 'error',
      code: 'MRR_FAILOVER_E004',
      message: 'another operator took the lock first: held by bo@elsewhere since 2026-06-10T03:10:00.000Z (failover, reason "their drill"; expires 2026-06-10T03:11:00.000Z); nothing was changed',
    });
    // The refused batch carried the lock and the move.
    expect(changesIn(bodies[0])).toEqual(['CREATE _mrrctl-lock', 'DELETE auth', 'DELETE auth', 'CREATE auth', 'CREATE auth']);
    const writes = w.w.sb.calls().filter((c) => c.seq > seq && c.write);
    // bo's CREATE (200), then the run's batch, refused; nothing after it, no GetChange.
    expect(writes.map((c) => `${c.operation} ${c.status} ${c.error ?? ''}`.trim())).toEqual(['ChangeResourceRecordSets 200', 'ChangeResourceRecordSets 400 InvalidChangeBatch']);
    expect(w.w.sb.calls().filter((c) => c.seq > seq && c.operation === 'GetChange')).toEqual([]);
    expect(await w.weights()).toEqual({ [w.primary]: 100, [w.secondary]: 0 });
    expect(await w.txt('_mrrctl-lock')).toEqual([theirs]);
    expect(await w.txt('_mrrctl-history')).toEqual([]);
  });

  it('a plan file saved by an mrrctl from before (take the lock, then change DNS: two steps) still applies, in two batches', async () => {
    const w = await world5s();
    const file = join(w.w.dir, 'old.plan');
    const saved = await w.w.run(['failover', '--to', w.secondary, '--planned', '--reason', 'drill', '--plan-out', file], { env: w.env });
    expect(saved.code, saved.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(file, 'utf8')).plan;
    expect(plan.options.lockInMoveBatch).toBe(true);
    // Rewrite it as the earlier mrrctl wrote it: no lockInMoveBatch option, the lock and the move as two steps.
    const [batch, ...rest] = plan.steps;
    expect(batch.operation).toBe('AcquireLockAndChange');
    delete plan.options.lockInMoveBatch;
    plan.steps = [
      {
        id: 'route53.take-lock',
        region: 'us-east-1',
        service: 'route53',
        operation: 'AcquireLock',
        input: { HostedZoneId: batch.input.HostedZoneId, ...batch.input.Lock },
        summary: 'take the failover lock (a CREATE: fails if anyone holds it; a 60 s lease, renewed every 20 s)',
        action: 'create',
        destructive: false,
      },
      {
        ...batch,
        operation: 'ChangeResourceRecordSets',
        input: { HostedZoneId: batch.input.HostedZoneId, ChangeBatch: batch.input.ChangeBatch },
        summary: 'move all traffic to eu-west-1: us-east-1 weight 100 → 0, eu-west-1 weight 0 → 100 (one atomic compare-and-swap batch)',
      },
      ...rest,
    ];
    writeFileSync(file, JSON.stringify({ format: 'mrrctl-plan', version: 1, sha256: createHash('sha256').update(canonical(plan)).digest('hex'), plan }, null, 2));
    const bodies: string[] = [];
    const unhook = hookModelCalls(w.w.sb, { service: 'route53', operation: 'ChangeResourceRecordSets' }, { before: (_c, input) => void bodies.push(bodyOf(input)) });
    const r = await w.w.run(['apply', file, '--yes', '--planned', '--reason', 'drill', '--output', 'json'], { env: w.env }).finally(unhook);
    expect(r.code, r.stderr).toBe(0);
    const steps = (r.json().data.result.results as Array<{ stepId: string; status: string }>).map((x) => `${x.stepId}:${x.status}`);
    expect(steps.slice(0, 2)).toEqual(['route53.take-lock:applied', 'route53.move-traffic:applied']);
    expect(bodies.map(changesIn)).toEqual([
      ['CREATE _mrrctl-lock'],
      ['DELETE auth', 'DELETE auth', 'CREATE auth', 'CREATE auth'],
      ['UPSERT _mrrctl-history', 'DELETE _mrrctl-lock'],
    ]);
    expect(await w.weights()).toEqual({ [w.primary]: 0, [w.secondary]: 100 });
    expect(await w.txt('_mrrctl-lock')).toEqual([]);
  });
});
