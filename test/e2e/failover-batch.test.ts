/**
 * The end of a failover, from the sandbox's call log (virtual clock: the 5 s propagation passes in
 * milliseconds of real time):
 * - after INSYNC, the DNS check (TestDNSAnswer) and the post-checks (the target's discovery document)
 *   run together: the post-checks' read is answered while TestDNSAnswer is still held at the sandbox;
 * - then exactly ONE ChangeResourceRecordSets: the history UPSERT and the lock's DELETE in one batch;
 * - when the lock is no longer this run's at that moment (someone replaced it), Route 53 refuses the
 *   whole batch (the DELETE does not match): their lock stays, the run stops with exit 4, and the
 *   stop-cleanup records the move unmarked (its checks did pass, but the batch that marks them did not
 *   go through, so the next run re-checks).
 */
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
    // Lock, weights, then the one batch: the history UPSERT and the lock's DELETE together.
    expect(bodies.map(changesIn)).toEqual([
      ['CREATE _mrrctl-lock'],
      ['DELETE auth', 'DELETE auth', 'CREATE auth', 'CREATE auth'],
      ['UPSERT _mrrctl-history', 'DELETE _mrrctl-lock'],
    ]);
    expect(bodies[2]).toContain('checks=passed');
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
