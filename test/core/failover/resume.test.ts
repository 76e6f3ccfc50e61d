/** Resume: when DNS is already at the target, is the move that put it there proven? If not, re-check. */
import { describe, expect, it } from 'vitest';
import { cleanupSteps } from '../../../src/core/failover/cleanup.js';
import { dnsStateOf } from '../../../src/core/failover/dns-state.js';
import { decodeEvent, encodeEvent, markChecksPassed, type HistoryEvent } from '../../../src/core/failover/history.js';
import { FAILOVER_STEP, planFailover } from '../../../src/core/failover/plan.js';
import { resumeDecision } from '../../../src/core/failover/resume.js';
import type { JsonObject } from '../../../src/core/plan/types.js';
import { GUARDS, ID, observation, options, T, WEIGHTED, weightedRecords } from './fixtures.js';

const MOVE: HistoryEvent = { kind: 'failover', time: '2026-06-10T03:00:00.000Z', from: 'us-east-1', to: 'eu-west-1', actor: 'bo@ops', reason: 'outage' };
const atSecondary = () => {
  const records = weightedRecords(0, 100);
  return { records, dns: dnsStateOf(WEIGHTED, { primary: 'us-east-1', secondary: 'eu-west-1' }, records) };
};
const fromHistory = (e: HistoryEvent) => ({ time: e.time, from: e.from, to: e.to, actor: e.actor, kind: e.kind, source: 'history' as const });
const changes = (step: { input: unknown }) => ((step.input as JsonObject).ChangeBatch as JsonObject).Changes as JsonObject[];

describe('history checks=passed', () => {
  it('is encoded before the reason and read back; unknown values are not "passed"', () => {
    const text = encodeEvent({ ...MOVE, checks: 'passed' });
    expect(text).toBe('"mrrctl-history=1" "kind=failover" "time=2026-06-10T03:00:00.000Z" "from=us-east-1" "to=eu-west-1" "actor=bo@ops" "checks=passed" "reason=outage"');
    expect(decodeEvent(text)?.checks).toBe('passed');
    expect(decodeEvent(text.replace('checks=passed', 'checks=yes'))?.checks).toBeUndefined();
  });

  it('markChecksPassed marks only the first (planned) event', () => {
    const older = { ...MOVE, time: '2026-06-09T03:00:00.000Z', kind: 'failback' as const };
    const marked = markChecksPassed({ Name: '_mrrctl-history.auth.example.com', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: encodeEvent(MOVE) }, { Value: encodeEvent(older) }] });
    expect(marked.ResourceRecords).toEqual([{ Value: encodeEvent({ ...MOVE, checks: 'passed' }) }, { Value: encodeEvent(older) }]);
  });
});

describe('resumeDecision', () => {
  it('nothing to do when no move to the target is on record (DNS was there from the start)', () => {
    expect(resumeDecision({ target: 'eu-west-1', history: [], lastMoves: [] })).toEqual({
      resume: false,
      why: 'no move to eu-west-1 is on record (zone history and journal): DNS was already there, nothing to re-check',
    });
  });

  it('nothing to do when the recorded move says checks=passed', () => {
    const move = { ...MOVE, checks: 'passed' as const };
    expect(resumeDecision({ target: 'eu-west-1', history: [move], lastMoves: [fromHistory(move)] })).toEqual({
      resume: false,
      why: 'the failover to eu-west-1 at 2026-06-10T03:00:00.000Z passed its DNS check and post-checks (zone history: checks=passed)',
    });
  });

  it("nothing to do when this machine's journal shows both checks passing after the move", () => {
    const d = resumeDecision({ target: 'eu-west-1', history: [MOVE], lastMoves: [fromHistory(MOVE)], journalChecked: { time: '2026-06-10T03:01:00.000Z', to: 'eu-west-1' } });
    expect(d.resume).toBe(false);
  });

  it('resumes, marking the recorded move, when it has no checks=passed (old records too)', () => {
    expect(resumeDecision({ target: 'eu-west-1', history: [MOVE], lastMoves: [fromHistory(MOVE)], journalChecked: { time: '2026-06-10T02:00:00.000Z', to: 'eu-west-1' } })).toEqual({
      resume: true,
      why: 'the move to eu-west-1 at 2026-06-10T03:00:00.000Z (from the zone history) has no passing DNS check and post-checks on record: running them again and recording the move',
      moveTime: '2026-06-10T03:00:00.000Z',
      recorded: MOVE,
    });
  });

  it('resumes, adding the move, when only the journal has it (a run killed before its history)', () => {
    const d = resumeDecision({ target: 'eu-west-1', history: [], lastMoves: [{ time: '2026-06-10T03:05:00.000Z', to: 'eu-west-1', from: 'us-east-1', kind: 'failover', source: 'journal' }] });
    expect(d).toEqual({
      resume: true,
      why: 'the move to eu-west-1 at 2026-06-10T03:05:00.000Z (from the journal) has no passing DNS check and post-checks on record: running them again and recording the move',
      moveTime: '2026-06-10T03:05:00.000Z',
    });
  });
});

describe('planFailover with DNS already at the target', () => {
  it('plans lock → verify → post-checks → history (the move marked) and release in one batch, and no move guards refuse', () => {
    // The cooldown and anti-flap would refuse a move; a resume moves nothing.
    const o = observation({ ...atSecondary(), history: [MOVE], lastMoves: [fromHistory(MOVE)], antiFlap: { ...observation().antiFlap, ok: false } });
    const parts = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, o, options({ reason: 'resume' }), ID);
    expect(parts.nothingToDo).toBe(false);
    expect(parts.refused).toBe(false);
    expect(parts.guards.map((g) => g.id)).toEqual(['lock', 'dns-target']);
    expect(parts.steps.map((s) => `${s.id} ${s.operation}`)).toEqual([
      'route53.take-lock AcquireLock',
      'route53.verify VerifyDnsAnswer',
      'oidc.post-checks VerifyFailoverTokens',
      'route53.record-history-and-unlock RecordHistoryAndReleaseLock',
    ]);
    const history = parts.steps.find((s) => s.id === FAILOVER_STEP.historyAndUnlock)!;
    // The recorded move itself, unmarked in the plan: the handler marks it once both checks pass.
    expect((changes(history)[0].ResourceRecordSet as JsonObject).ResourceRecords).toEqual([{ Value: encodeEvent(MOVE) }]);
    expect((history.input as JsonObject).ChecksPassed).toEqual([
      { $ref: 'route53.verify', path: 'ok' },
      { $ref: 'oidc.post-checks', path: 'ok' },
    ]);
  });

  it('still has nothing to do while a lock is held (the lock guard decides)', () => {
    const o = observation({ ...atSecondary(), history: [MOVE], lastMoves: [fromHistory(MOVE)] });
    const withLock = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, { ...o, lock: { record: { Name: '_mrrctl-lock.auth.example.com', Type: 'TXT', ResourceRecords: [] } } }, options(), ID);
    expect(withLock.nothingToDo).toBe(true);
  });
});

describe('a failover plan records checks', () => {
  it('its history step refers to the verify and post-check outcomes; the stop-cleanup writes it unmarked', () => {
    const plan = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, observation(), options({ reason: 'outage' }), ID);
    const history = plan.steps.find((s) => s.id === FAILOVER_STEP.historyAndUnlock)!;
    expect(history.operation).toBe('RecordHistoryAndReleaseLock');
    const cleanup = cleanupSteps(plan, [FAILOVER_STEP.takeLock, FAILOVER_STEP.moveTraffic], undefined);
    expect(cleanup).toHaveLength(1);
    // The history alone, as a plain batch: no ChecksPassed, no lock release (the lock was not this run's to release here).
    expect(cleanup[0]).toMatchObject({ id: 'route53.record-history', operation: 'ChangeResourceRecordSets' });
    expect(cleanup[0].input).toEqual({ HostedZoneId: 'Z0DEMO', ChangeBatch: (history.input as JsonObject).ChangeBatch });
    expect(cleanup[0].summary).not.toContain('release');
  });

  it('the stop-cleanup of a run stopped before its last batch writes the history and releases its own lock', () => {
    const plan = planFailover(T, { dns: WEIGHTED, guards: GUARDS }, observation(), options({ reason: 'outage' }), ID);
    const ours = { record: { Name: '_mrrctl-lock.auth.example.com.', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"mrrctl-lock=1" "id=lock-1"' }] }, info: { holder: 'ana@ops', reason: 'outage', since: '', expires: '', command: 'failover', id: 'lock-1' } };
    const done = [FAILOVER_STEP.takeLock, FAILOVER_STEP.moveTraffic, FAILOVER_STEP.waitInsync, FAILOVER_STEP.verify, FAILOVER_STEP.postChecks];
    const cleanup = cleanupSteps(plan, done, ours);
    expect(cleanup.map((s) => `${s.id} ${s.operation}`)).toEqual(['route53.record-history ChangeResourceRecordSets', 'route53.release-lock ChangeResourceRecordSets']);
    expect(((cleanup[1].input as JsonObject).ChangeBatch as JsonObject).Changes).toEqual([{ Action: 'DELETE', ResourceRecordSet: ours.record }]);
    // Once the batch was applied, nothing is left to clean up.
    expect(cleanupSteps(plan, [...done, FAILOVER_STEP.historyAndUnlock], ours)).toEqual([]);
  });
});
