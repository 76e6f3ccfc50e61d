/**
 * The call log: one line per AWS call and OIDC request, so tests and operators can prove what was
 * (not) written. It holds names and outcomes only — never request bodies, headers or secrets (the
 * signer's access key id, an identifier, is kept so tests can prove whose credentials arrived).
 */
import type { CallRecord } from './types.js';

const READ_PREFIXES = ['Describe', 'Get', 'List', 'Test', 'BatchGet'];
/** Bounded so a long-running sandbox does not grow without limit; `since` keeps working past it. */
const MAX_RECORDS = 10_000;

/** Reads start with Describe/Get/List/Test/BatchGet; OIDC requests never change state. */
export function isWriteOperation(service: string, operation: string): boolean {
  if (service === 'oidc') return false;
  return !READ_PREFIXES.some((prefix) => operation.startsWith(prefix));
}

export type CallRecordInput = Omit<CallRecord, 'seq' | 'time' | 'write'>;

export class CallLog {
  private records: CallRecord[] = [];
  private lastSeq = 0;

  constructor(private readonly now: () => number) {}

  record(input: CallRecordInput): CallRecord {
    const record: CallRecord = {
      seq: ++this.lastSeq,
      time: new Date(this.now()).toISOString(),
      region: input.region,
      service: input.service,
      operation: input.operation,
      status: input.status,
      ...(input.error ? { error: input.error } : {}),
      write: isWriteOperation(input.service, input.operation),
      durationMs: Math.round(input.durationMs),
      ...(input.accessKeyId ? { accessKeyId: input.accessKeyId } : {}),
    };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    return record;
  }

  /** Records with seq > since (all when since is absent). */
  list(since?: number): CallRecord[] {
    const from = since ?? 0;
    return this.records.filter((r) => r.seq > from).map((r) => ({ ...r }));
  }

  /** Empties the log; sequence numbers keep increasing so `since` cursors stay valid. */
  clear(): number {
    const n = this.records.length;
    this.records = [];
    return n;
  }

  get latestSeq(): number {
    return this.lastSeq;
  }
}
