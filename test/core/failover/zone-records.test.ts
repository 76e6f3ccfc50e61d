/** The TXT encoding of the lock and the history records, and reading them back from the zone. */
import { describe, expect, it } from 'vitest';
import { decodeTxtFields, decodeTxtStrings, encodeTxtFields } from '../../../src/core/failover/txt.js';
import { describeLock, findLock, lockExpired, lockRecordName, lockRecordSet, type LockInfo } from '../../../src/core/failover/lock.js';
import { decodeEvent, encodeEvent, HISTORY_DEPTH, historyRecordSet, lastTrafficMove, readHistory, type HistoryEvent } from '../../../src/core/failover/history.js';

const LOCK: LockInfo = {
  holder: 'ana@ops-laptop',
  reason: 'us-east-1 "Cognito" errors \\ elevated',
  since: '2026-06-10T03:00:00.000Z',
  expires: '2026-06-10T03:25:00.000Z',
  command: 'failover',
  id: '2b8f3c1e-0000-4000-8000-000000000001',
};

describe('TXT fields', () => {
  it('round-trips values with quotes, backslashes and spaces', () => {
    const value = encodeTxtFields([['a', 'x "y" \\ z'], ['b', 'plain']]);
    expect(value).toBe('"a=x \\"y\\" \\\\ z" "b=plain"');
    expect(decodeTxtFields(value)).toEqual({ a: 'x "y" \\ z', b: 'plain' });
  });

  it('keeps every string within 255 characters and flattens newlines', () => {
    const value = encodeTxtFields([['reason', `line one\nline two ${'x'.repeat(400)}`]]);
    const [only] = decodeTxtStrings(value);
    expect(only.length).toBeLessThanOrEqual(255);
    expect(only.startsWith('reason=line one line two')).toBe(true);
    expect(only.endsWith('…')).toBe(true);
  });

  it('reads bare words too, and ignores strings without a key', () => {
    expect(decodeTxtStrings('v=spf1 "a b"')).toEqual(['v=spf1', 'a b']);
    expect(decodeTxtFields('"no-key" "=x" "k=v"')).toEqual({ k: 'v' });
  });
});

describe('the lock record', () => {
  it('is a TXT record under _mrrctl-lock.<name> that reads back to the same lock', () => {
    const record = lockRecordSet('Auth.Example.com.', LOCK);
    expect(record.Name).toBe('_mrrctl-lock.auth.example.com');
    expect(record).toMatchObject({ Type: 'TXT', TTL: 60 });
    // As ListResourceRecordSets returns it: fully qualified.
    const held = findLock([{ ...record, Name: `${record.Name}.` }]);
    expect(held?.info).toEqual(LOCK);
    expect(held?.record.Name).toBe('_mrrctl-lock.auth.example.com.');
  });

  it('names holder, reason and since, and knows when it has expired', () => {
    const held = findLock([lockRecordSet('auth.example.com', LOCK)])!;
    expect(describeLock(held)).toContain('held by ana@ops-laptop since 2026-06-10T03:00:00.000Z');
    expect(describeLock(held)).toContain('reason "us-east-1 "Cognito" errors \\ elevated"');
    expect(lockExpired(held, new Date('2026-06-10T03:24:59Z'))).toBe(false);
    expect(lockExpired(held, new Date('2026-06-10T03:25:00Z'))).toBe(true);
  });

  it('treats a foreign TXT record as held and never expiring', () => {
    const held = findLock([{ Name: `${lockRecordName('auth.example.com')}.`, Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"hello"' }] }])!;
    expect(held.info).toBeUndefined();
    expect(lockExpired(held, new Date('2099-01-01'))).toBe(false);
    expect(describeLock(held)).toContain('not an mrrctl lock');
    expect(findLock([])).toBeUndefined();
  });
});

describe('the history record', () => {
  const event = (n: number, kind: HistoryEvent['kind'] = 'failover'): HistoryEvent => ({
    kind,
    time: new Date(Date.UTC(2026, 5, 10, 3, n)).toISOString(),
    from: 'us-east-1',
    to: 'eu-west-1',
    actor: 'ana@ops',
    reason: `event ${n}`,
  });

  it('round-trips an event, canary fields included', () => {
    const canary: HistoryEvent = { ...event(1, 'canary'), percent: 10, restore: { 'us-east-1': 100, 'eu-west-1': 0 } };
    expect(decodeEvent(encodeEvent(canary))).toEqual(canary);
    expect(decodeEvent('"something=else"')).toBeUndefined();
  });

  it(`keeps the newest ${HISTORY_DEPTH} events, newest first`, () => {
    let earlier: HistoryEvent[] = [];
    for (let n = 0; n < 8; n++) earlier = readHistory([historyRecordSet('auth.example.com', event(n), earlier)]).events;
    expect(earlier.map((e) => e.reason)).toEqual(['event 7', 'event 6', 'event 5', 'event 4', 'event 3']);
    const record = historyRecordSet('auth.example.com', event(9), earlier);
    expect(record.Name).toBe('_mrrctl-history.auth.example.com');
    expect(record.ResourceRecords).toHaveLength(HISTORY_DEPTH);
  });

  it('finds the last failover or failback, skipping canaries', () => {
    const events = [event(5, 'canary'), event(4, 'canary-stop'), event(3, 'failback'), event(2)];
    expect(lastTrafficMove(events)?.reason).toBe('event 3');
    expect(lastTrafficMove([event(1, 'canary')])).toBeUndefined();
  });
});
