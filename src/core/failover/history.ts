/**
 * The failover history: a TXT record `_mrrctl-history.<recordName>` holding the last few traffic moves
 * (one TXT value per event, newest first), written with UPSERT at the end of a failover or canary.
 * It lives in the zone, not on one laptop, so the cooldown guard sees a failover made by anyone.
 */
import type { RecordSet } from '../ports/route53.js';
import { bareName, decodeTxtFields, encodeTxtFields, markedFields } from './txt.js';

/** `break-lock`: someone removed a lock with --break-lock (an mrrctl from before leases skips these events). */
export type HistoryKind = 'failover' | 'failback' | 'canary' | 'canary-stop' | 'break-lock';
const KINDS: readonly HistoryKind[] = ['failover', 'failback', 'canary', 'canary-stop', 'break-lock'];

export interface HistoryEvent {
  kind: HistoryKind;
  /** ISO 8601: when the move was planned. */
  time: string;
  from: string;
  to: string;
  actor: string;
  reason: string;
  /** canary: the share moved to `to`. */
  percent?: number;
  /** canary: the weights to restore on `canary stop`, e.g. {"us-east-1": 100, "eu-west-1": 0}. */
  restore?: Record<string, number>;
  /**
   * failover/failback: `passed` once the DNS-answer check and the post-checks of that move passed. A
   * move recorded without it (after a failed check, by the stop-cleanup, or by an mrrctl from before
   * this field) is not proven, and the next run towards the same Region re-runs the checks.
   */
  checks?: 'passed';
}

/** How many events the record keeps. */
export const HISTORY_DEPTH = 5;
export const HISTORY_TTL = 300;

export function historyRecordName(recordName: string): string {
  return `_mrrctl-history.${bareName(recordName)}`;
}

function encodeRestore(weights: Record<string, number>): string {
  return Object.entries(weights)
    .map(([region, weight]) => `${region}:${weight}`)
    .join(',');
}

function decodeRestore(text: string | undefined): Record<string, number> | undefined {
  if (!text) return undefined;
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [region, weight] = part.split(':');
    if (region && /^\d+$/.test(weight ?? '')) weights[region] = Number(weight);
  }
  return Object.keys(weights).length > 0 ? weights : undefined;
}

export function encodeEvent(event: HistoryEvent): string {
  const fields = markedFields('mrrctl-history', event, ['kind', 'time', 'from', 'to', 'actor']);
  if (event.percent !== undefined) fields.push(['percent', String(event.percent)]);
  if (event.restore) fields.push(['restore', encodeRestore(event.restore)]);
  if (event.checks) fields.push(['checks', event.checks]);
  // The reason last: it is the one field long enough to be cut.
  fields.push(['reason', event.reason]);
  return encodeTxtFields(fields);
}

export function decodeEvent(value: string): HistoryEvent | undefined {
  const f = decodeTxtFields(value);
  if (f['mrrctl-history'] === undefined || !KINDS.includes(f.kind as HistoryKind) || !f.time) return undefined;
  const event: HistoryEvent = { kind: f.kind as HistoryKind, time: f.time, from: f.from ?? '', to: f.to ?? '', actor: f.actor ?? '', reason: f.reason ?? '' };
  if (f.percent !== undefined && /^\d+$/.test(f.percent)) event.percent = Number(f.percent);
  const restore = decodeRestore(f.restore);
  if (restore) event.restore = restore;
  if (f.checks === 'passed') event.checks = 'passed';
  return event;
}

/** The history record among the records listed at its name, and its events newest first. */
export function readHistory(records: RecordSet[]): { record?: RecordSet; events: HistoryEvent[] } {
  const record = records.find((r) => r.Type === 'TXT');
  const events = (record?.ResourceRecords ?? [])
    .map((r) => decodeEvent(r.Value))
    .filter((e): e is HistoryEvent => e !== undefined)
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return { record, events };
}

/** The record after `event`: it first, then the newest earlier ones, HISTORY_DEPTH in all. */
export function historyRecordSet(recordName: string, event: HistoryEvent, earlier: HistoryEvent[]): RecordSet {
  const events = [event, ...earlier].slice(0, HISTORY_DEPTH);
  return {
    Name: historyRecordName(recordName),
    Type: 'TXT',
    TTL: HISTORY_TTL,
    ResourceRecords: events.map((e) => ({ Value: encodeEvent(e) })),
  };
}

/** The most recent traffic event (any kind but break-lock): what canary and canary stop build on. */
export function latestMove(events: HistoryEvent[]): HistoryEvent | undefined {
  return events.find((e) => e.kind !== 'break-lock');
}

/** The most recent failover or failback (canaries do not start a cooldown). */
export function lastTrafficMove(events: HistoryEvent[]): HistoryEvent | undefined {
  return events.find((e) => e.kind === 'failover' || e.kind === 'failback');
}

/**
 * The planned history record with its first event (the one the plan records) marked `checks=passed`:
 * what the history step writes once the run's DNS-answer check and post-checks both passed.
 */
export function markChecksPassed(record: RecordSet): RecordSet {
  const [first, ...rest] = record.ResourceRecords ?? [];
  const event = first ? decodeEvent(first.Value) : undefined;
  if (!event) return record;
  return { ...record, ResourceRecords: [{ Value: encodeEvent({ ...event, checks: 'passed' }) }, ...rest] };
}
