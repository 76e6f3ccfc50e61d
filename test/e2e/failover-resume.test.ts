/**
 * Resume is honest: a failover whose post-checks FAILED after DNS moved records the move without
 * `checks=passed`; the next `failover` to the same Region finds DNS already there, and instead of
 * "nothing to do" re-runs the DNS-answer check and the post-checks under the lock and marks the move
 * checked; only then does a run have nothing to do. The fault (the target's discovery document failing)
 * starts the moment the run's first GetChange reaches Route 53, i.e. after the move: the plan's own
 * observation of the target saw it healthy (the post-checks start alongside the first TestDNSAnswer,
 * so that call cannot be the trigger).
 * A second case: a history record without the field (as an older mrrctl wrote it) is proven by this
 * machine's journal (a failover whose DNS check and post-checks both passed), so nothing is re-run.
 */
import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/sandbox/types.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { faultsAfter } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const P = 'us-east-1';
const S = 'eu-west-1';
let world: FailoverWorld;

beforeEach(async () => {
  world = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0, minUnhealthySeconds: 0 }, clock: new VirtualClock() });
});
afterEach(async () => {
  await world.stop();
});

const failover = () => world.w.run(['failover', '--to', S, '--yes', '--planned', '--reason', 'drill', '--timeout', '5', '--output', 'json'], { env: world.env });
const since = () => world.w.lastSeq();
const callsSince = (seq: number) => world.w.sb.calls().filter((c) => c.seq > seq);
const ok = (c: CallRecord) => c.status >= 200 && c.status < 300;
const stepsOf = (r: { json(): any }) => (r.json().data.result.results as Array<{ stepId: string; status: string }>).map((x) => `${x.stepId}:${x.status}`);

describe('failover resume: DNS already at the target', () => {
  it('records the move unchecked, then re-runs the DNS check and post-checks and marks it; then nothing to do', async () => {
    const armed = faultsAfter(world.w.sb, { service: 'route53', operation: 'GetChange' }, [{ service: 'oidc', operation: 'GetOpenIdConfiguration', kind: 'error', status: 500 }]);
    const first = await failover().finally(() => armed.restore());
    expect(armed.fired()).toBe(true);
    await world.clearFaults();
    // The post-apply verification failed (exit 3), naming the failed check.
    expect(first.code, first.stderr).toBe(3);
    expect(first.json().diagnostics).toEqual([{ severity: 'error', code: 'MRR_VERIFY_E001', message: 'post-apply verification failed' }]);
    // JSON mode: the failed check is in the document (its step's output), stderr stays empty.
    expect(JSON.stringify(first.json().data)).toContain('does not answer: server_error (HTTP 500');
    expect(first.stderr).toBe('');
    // The whole plan ran (history and lock release, one batch): a failed check is reported, not thrown.
    expect(stepsOf(first)).toEqual([
      'route53.move-traffic:applied',
      'route53.wait-insync:applied',
      'route53.verify:applied',
      'oidc.post-checks:applied',
      'route53.record-history-and-unlock:applied',
    ]);
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const before = await world.txt('_mrrctl-history');
    expect(before).toHaveLength(1);
    expect(before[0]).toContain('"kind=failover"');
    expect(before[0]).not.toContain('checks=');

    // DNS is already at S, but the move is not proven: the checks run again.
    const seq = since();
    const resume = await failover();
    expect(resume.code, resume.stderr).toBe(0);
    expect(resume.json().data.report.nothingToDo).toBe(false);
    expect(JSON.stringify(resume.json().data.plan.notes)).toContain('has no passing DNS check and post-checks on record: running them again and recording the move');
    expect(stepsOf(resume)).toEqual(['route53.take-lock:applied', 'route53.verify:applied', 'oidc.post-checks:applied', 'route53.record-history-and-unlock:applied']);
    const calls = callsSince(seq);
    expect(calls.some((c) => c.operation === 'TestDNSAnswer' && ok(c))).toBe(true);
    expect(calls.some((c) => c.service === 'oidc' && c.operation === 'GetOpenIdConfiguration' && ok(c))).toBe(true);
    // Lock CREATE, then history UPSERT + lock DELETE in one batch: DNS and the replica untouched.
    expect(calls.filter((c) => c.write).map((c) => c.operation)).toEqual(['ChangeResourceRecordSets', 'ChangeResourceRecordSets']);
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    // The same move (time, actor, reason), now marked checked.
    expect(await world.txt('_mrrctl-history')).toEqual([before[0].replace(' "reason=', ' "checks=passed" "reason=')]);

    const third = since();
    const done = await failover();
    expect(done.code, done.stderr).toBe(0);
    expect(done.json().data.report.nothingToDo).toBe(true);
    expect(JSON.stringify(done.json().data.plan.notes)).toContain('passed its DNS check and post-checks (zone history: checks=passed)');
    expect(callsSince(third).filter((c) => c.write)).toEqual([]);
  });

  it("a history without checks=passed (as an older mrrctl writes it) is proven by this machine's journal: nothing to do", async () => {
    const first = await failover();
    expect(first.code, first.stderr).toBe(0);
    const [marked] = await world.txt('_mrrctl-history');
    expect(marked).toContain('"checks=passed"');
    // Rewrite the history record without the field, through the SDK, as an mrrctl from before it would have.
    const zone = world.w.summary.hostedZoneId;
    const listed = await world.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }));
    const record = listed.ResourceRecordSets!.find((r) => r.Name!.startsWith('_mrrctl-history.'))!;
    const unmarked = marked.replace(' "checks=passed"', '');
    await world.route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { ...record, ResourceRecords: [{ Value: unmarked }] } }] } }));
    expect(await world.txt('_mrrctl-history')).toEqual([unmarked]);

    const seq = since();
    const again = await failover();
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().data.report.nothingToDo).toBe(true);
    expect(JSON.stringify(again.json().data.plan.notes)).toContain("this machine's journal shows the DNS check and post-checks towards eu-west-1 passing at ");
    expect(callsSince(seq).filter((c) => c.write)).toEqual([]);
  });
});
