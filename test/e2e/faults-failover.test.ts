/**
 * `failover` (and failback) under the sandbox's faults, as one chain on one world — each cell moves
 * DNS, so each starts where the previous one left it: Route 53's API down (before the run, and right
 * after its lock-and-move batch), a transient 5xx burst, a throttling burst, a persistent 5xx mid-plan and its re-run, a
 * latency spike, and the primary Region's Cognito and KMS down. The world is judged through the SDK
 * (weights, lock and history records) and the sandbox's call log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/sandbox/types.js';
import type { CliRun } from '../helpers/run-cli.js';
import { sandboxAdmin } from '../helpers/sandbox.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { faultsAfter } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const P = 'us-east-1';
const S = 'eu-west-1';
const TIMEOUT = 5;

type FaultSpec = { region?: string; service?: string; operation?: string; kind: 'outage' | 'throttle' | 'error' | 'latency'; ms?: number; status?: number; count?: number };

let world: FailoverWorld;
/**
 * Shared by the sandbox and mrrctl: --timeout and the lock's expiry count virtual time, which only
 * mrrctl's own waits and the test move. (Latency faults and SDK request timeouts stay real.)
 */
const clock = new VirtualClock();

beforeAll(async () => {
  // The replica starts INACTIVE (the first failover activates it); no cooldown and no anti-flap
  // window, so every cell may move DNS at once — the guards have their own tests.
  world = await failoverWorld({ activate: false, guards: { cooldownSeconds: 0, minUnhealthySeconds: 0 }, clock });
});
afterAll(async () => {
  await world?.stop();
});

async function inject(...faults: FaultSpec[]): Promise<void> {
  for (const f of faults) {
    const r = await sandboxAdmin(world.w.sb, 'POST', 'faults', f);
    if (r.status !== 201) throw new Error(`fault refused: ${JSON.stringify(r.body)}`);
  }
}
const clear = () => world.clearFaults();

const planned = (to: string, output: 'json' | 'text' = 'json') => ['failover', '--to', to, '--yes', '--planned', '--reason', 'fault drill', '--timeout', String(TIMEOUT), '--output', output];
const run = (argv: string[]) => world.w.run(argv, { env: world.env });
const since = () => world.w.lastSeq();
const callsSince = (seq: number) => world.w.sb.calls().filter((c) => c.seq > seq);
const ok = (c: CallRecord) => c.status >= 200 && c.status < 300;
const dnsAt = (region: string) => ({ [P]: region === P ? 100 : 0, [S]: region === S ? 100 : 0 });
const diag = (r: CliRun) => r.json().diagnostics[0] as { code: string; message: string };

/**
 * A completed move, each change made once: the lock and the weights in one batch, then the history and
 * the unlock in one batch (2 changes); with a replica to activate first, the lock is taken on its own (3).
 */
async function expectMovedTo(region: string, seq: number, r: CliRun, changes: 2 | 3 = 2) {
  expect(r.code, r.stderr).toBe(0);
  expect(await world.weights()).toEqual(dnsAt(region));
  expect(await world.txt('_mrrctl-lock')).toEqual([]);
  expect(callsSince(seq).filter((c) => c.operation === 'ChangeResourceRecordSets' && ok(c))).toHaveLength(changes);
  const applied = (r.json().data.result.results as Array<{ stepId: string; status: string }>).filter((x) => x.status === 'applied').map((x) => x.stepId);
  expect(applied.filter((id, i) => applied.indexOf(id) !== i)).toEqual([]);
}

async function timed(fn: () => Promise<CliRun>) {
  const started = Date.now();
  const r = await fn();
  return { ...r, ms: Date.now() - started };
}

describe.sequential('failover under faults (one chain: each cell starts where the last left DNS)', () => {
  it('Route 53 API down: the plan is shown with the control-plane guard refusing (exit 3), naming the data-plane paths; nothing written', async () => {
    const seq = since();
    await inject({ service: 'route53', kind: 'outage' });
    const r = await timed(() => run(planned(S)));
    await clear();
    expect(r.code, r.stderr).toBe(3);
    // Within seconds, not minutes: no retrying a dead API (the bound leaves a loaded machine room).
    expect(r.ms).toBeLessThan(20_000);
    const guard = (r.json().data.plan.guards as Array<{ id: string; ok: boolean; evidence: string; remedy?: string }>).find((g) => g.id === 'route53-control-plane');
    expect(guard?.ok).toBe(false);
    expect(guard?.evidence).toContain("Route 53's control plane (us-east-1) did not answer");
    expect(guard?.evidence).toContain('the weighted strategy moves traffic through it, so it cannot move traffic now');
    expect(guard?.remedy).toContain('health-check-driven routing');
    expect(guard?.remedy).toContain('ARC routing controls (dns.strategy: arc-routing-control)');
    expect(callsSince(seq).filter((c) => c.write)).toEqual([]);
    expect(await world.weights()).toEqual(dnsAt(P));
  });

  it('transient 5xx bursts on the replica activation and on Route 53 changes: retried, every change made once', async () => {
    const seq = since();
    await inject(
      { region: S, service: 'cognito-idp', operation: 'UpdateUserPoolReplica', kind: 'error', count: 2 },
      { service: 'route53', operation: 'ChangeResourceRecordSets', kind: 'error', status: 503, count: 2 },
    );
    const r = await run(planned(S));
    await clear();
    expect(callsSince(seq).filter((c) => !ok(c)).map((c) => c.operation)).toEqual(expect.arrayContaining(['UpdateUserPoolReplica', 'ChangeResourceRecordSets']));
    await expectMovedTo(S, seq, r, 3);
    expect(callsSince(seq).filter((c) => c.operation === 'UpdateUserPoolReplica' && ok(c))).toHaveLength(1);
  });

  it('a throttling burst on Route 53 changes: retried, every change made once (failback)', async () => {
    const seq = since();
    await inject({ service: 'route53', operation: 'ChangeResourceRecordSets', kind: 'throttle', count: 2 });
    const r = await run(planned(P));
    await clear();
    expect(callsSince(seq).some((c) => c.operation === 'ChangeResourceRecordSets' && c.error === 'Throttling')).toBe(true);
    await expectMovedTo(P, seq, r);
  });

  it('persistent 5xx on GetChange after DNS moved: exit 1 naming the step and what was applied; history written, lock released; a re-run resumes: it re-runs the DNS check and post-checks and marks the move checked; a third run has nothing to do', async () => {
    const seq = since();
    await inject({ service: 'route53', operation: 'GetChange', kind: 'error' });
    const r = await run(planned(S));
    await clear();
    expect(r.code).toBe(1);
    expect(diag(r)).toMatchObject({ code: 'MRR_APPLY_E001' });
    expect(diag(r).message).toMatch(/^step route53\.wait-insync failed: InternalFailure: /);
    expect(diag(r).message).toContain('already applied: route53.move-traffic;');
    // What the command finishes after the stop: the history (traffic did move) and the lock.
    // JSON mode: they are in the document (data.afterStop), and stderr stays empty.
    const afterStop = (r.json().data.afterStop as string[]).join('\n');
    expect(r.stderr).toBe('');
    expect(afterStop).toContain("✓ after the stop: record the failover in the zone's history");
    // …written unmarked, and not announced as marked: the checks never ran.
    expect(afterStop).not.toContain('marked checks=passed');
    expect(afterStop).toContain('✓ after the stop: release the failover lock (a DELETE');
    expect(await world.weights()).toEqual(dnsAt(S));
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    expect((await world.txt('_mrrctl-history'))[0]).toContain('"kind=failover"');

    const before = await world.txt('_mrrctl-history');
    // Recorded by the stop-cleanup, so NOT marked checked: the DNS check and post-checks never ran.
    expect(before[0]).not.toContain('checks=');

    // Resume: DNS is already at S, but no passing check of that move is on record: the re-run takes
    // the lock, runs the checks, marks the recorded move checks=passed and releases the lock.
    const again = since();
    const rerun = await run(planned(S));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.json().data.report.nothingToDo).toBe(false);
    const steps = (rerun.json().data.result.results as Array<{ stepId: string; status: string }>).map((x) => `${x.stepId}:${x.status}`);
    expect(steps).toEqual(['route53.take-lock:applied', 'route53.verify:applied', 'oidc.post-checks:applied', 'route53.record-history-and-unlock:applied']);
    const calls = callsSince(again);
    expect(calls.some((c) => c.operation === 'TestDNSAnswer' && ok(c))).toBe(true);
    // Writes: the lock CREATE, then the history UPSERT and the lock DELETE in one batch; DNS itself untouched.
    expect(calls.filter((c) => c.write).map((c) => c.operation)).toEqual(['ChangeResourceRecordSets', 'ChangeResourceRecordSets']);
    expect(await world.weights()).toEqual(dnsAt(S));
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const after = await world.txt('_mrrctl-history');
    expect(after).toHaveLength(before.length);
    // The same move (same time, actor and reason), now marked checked.
    expect(after[0]).toBe(before[0].replace(' "reason=', ' "checks=passed" "reason='));

    const third = since();
    const done = await run(planned(S));
    expect(done.code, done.stderr).toBe(0);
    expect(done.json().data.report.nothingToDo).toBe(true);
    expect(callsSince(third).filter((c) => c.write)).toEqual([]);
  });

  it('a latency spike on Route 53 changes: slower, same result (failback)', async () => {
    const seq = since();
    await inject({ service: 'route53', operation: 'ChangeResourceRecordSets', kind: 'latency', ms: 700, count: 2 });
    const r = await timed(() => run(planned(P)));
    await clear();
    expect(r.ms).toBeGreaterThanOrEqual(1400);
    await expectMovedTo(P, seq, r);
  });

  it("the primary Region's Cognito and KMS down: fails over without a single call to them", async () => {
    await inject({ region: P, service: 'cognito-idp', kind: 'outage' }, { region: P, service: 'kms', kind: 'outage' });
    const seq = since();
    const r = await timed(() => run(['failover', '--to', S, '--yes', '--reason', 'us-east-1 down', '--timeout', String(TIMEOUT), '--output', 'json']));
    await clear();
    await expectMovedTo(S, seq, r);
    expect(r.json().data.plan.guards.find((g: { id: string }) => g.id === 'anti-flap')).toMatchObject({ ok: true });
    // Route 53 and CloudWatch are global (signed in us-east-1): everything else stays out of the dead Region.
    const intoPrimary = callsSince(seq).filter((c) => c.region === P && !['route53', 'monitoring'].includes(c.service));
    expect(intoPrimary).toEqual([]);
  });

  it('Route 53 API down right after the lock-and-move batch: exit 1 naming the INSYNC wait, DNS wholly moved, the lock left to its 60 s lease; --break-lock after that records the move', async () => {
    expect(await world.weights()).toEqual(dnsAt(S));
    // Route 53's API goes down the moment the lock's change batch reaches it: that batch (the lock and
    // the weights together) is applied, nothing after it.
    const armed = faultsAfter(world.w.sb, { service: 'route53', operation: 'ChangeResourceRecordSets' }, [{ service: 'route53', kind: 'outage' }]);
    const seq = since();
    // In text mode, as the on-call reads it: the plan (with its notes) on stderr, then the error.
    const r = await run(planned(P, 'text')).finally(() => armed.restore());
    expect(armed.fired()).toBe(true);
    await clear();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: step route53\.wait-insync failed: \w+: .*; already applied: route53\.move-traffic; not run: /);
    // The plan named the way out before it started, and the stop says what is left.
    expect(r.stderr).toContain('ChangeResourceRecordSets is a Route 53 control-plane call (us-east-1); if it fails, the data-plane alternative is in docs/runbook.md');
    // What is left after the stop is part of the result (stdout), said once.
    expect(r.stdout).toContain('the lock could not be released');
    expect(r.stdout).toContain('its lease ends within a minute, then --break-lock removes it');
    expect(r.stderr).not.toContain('after the stop');
    // One batch: DNS wholly at the target and the lock held, never one without the other.
    expect(await world.weights()).toEqual(dnsAt(P));
    expect(callsSince(seq).filter((c) => c.operation === 'ChangeResourceRecordSets' && ok(c))).toHaveLength(1);
    const [lock] = await world.txt('_mrrctl-lock');
    // A lease, not a long expiry: nobody renews it after the run stopped, so it ends 60 s after it was taken.
    expect(Date.parse(/expires=([^"]+)/.exec(lock)![1]) - Date.parse(/since=([^"]+)/.exec(lock)![1])).toBe(60_000);
    expect(lock).toContain('"lease=60"');

    // Route 53 is back: the next run is refused while the lease lives (its owner, this very process, is
    // alive), names the lease end and the command to break it, and converges once the lease ended.
    const blocked = await run(planned(P));
    expect(blocked.code).toBe(4);
    expect(diag(blocked)).toMatchObject({ code: 'MRR_FAILOVER_E004', message: expect.stringMatching(/^the failover lock is held by \S+ \(pid \d+, run \S+\) since .*; lease ends .*\); nothing was changed — wait for \S+ to finish; if that run died, its lease ends within 60 s \(at .*\), and then `mrrctl failover --to us-east-1 --planned --break-lock --reason "…"` removes it$/) });
    clock.advance(61_000);
    const r2 = await run([...planned(P), '--break-lock']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(await world.weights()).toEqual(dnsAt(P));
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    // The lock went with the history of the break and of the stopped run's move (one batch).
    expect((await world.txt('_mrrctl-history')).slice(0, 2).map((v) => /kind=([a-z-]+)/.exec(v)?.[1])).toEqual(['break-lock', 'failback']);
  });
});
