/**
 * The local ledger of what a run created: one JSON line per event, written BEFORE each create call
 * (the intent, with the deterministic name or caller reference that identifies the resource) and
 * after it (the id AWS assigned). Cleanup reads it back, so a run interrupted anywhere — even between
 * a create call and its answer — can be cleaned up later: `npm run test:aws -- --cleanup <runId>`.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ResourceKind = 'pool' | 'zone' | 'health-check' | 'records' | 'replica' | 'key';

export interface LedgerEntry {
  at: string;
  runId: string;
  event: 'intent' | 'created' | 'deleted';
  kind: ResourceKind;
  region: string;
  /** The run-unique mark: pool name, caller reference, record name, alias name. */
  mark: string;
  /** The id AWS assigned (after `created`). */
  id?: string;
}

export class Ledger {
  readonly file: string;

  constructor(
    dir: string,
    readonly runId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${runId}.jsonl`);
  }

  record(entry: Omit<LedgerEntry, 'at' | 'runId'>): void {
    // appendFileSync: the line is on disk before the create call it announces is sent.
    appendFileSync(this.file, `${JSON.stringify({ at: this.now().toISOString(), runId: this.runId, ...entry })}\n`, { mode: 0o600 });
  }

  entries(): LedgerEntry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .flatMap((line) => {
        try {
          const e = JSON.parse(line) as LedgerEntry;
          return e.runId === this.runId ? [e] : [];
        } catch {
          return []; // a line torn by a crash mid-write: the intent before it still names the resource
        }
      });
  }

  /** Every resource the run announced, once each, in the order it was first announced. */
  resources(): Array<{ kind: ResourceKind; region: string; mark: string; id?: string; deleted: boolean }> {
    const byKey = new Map<string, { kind: ResourceKind; region: string; mark: string; id?: string; deleted: boolean }>();
    for (const e of this.entries()) {
      const key = `${e.kind}|${e.region}|${e.mark}`;
      const current = byKey.get(key) ?? { kind: e.kind, region: e.region, mark: e.mark, deleted: false };
      if (e.id) current.id = e.id;
      if (e.event === 'deleted') current.deleted = true;
      byKey.set(key, current);
    }
    return [...byKey.values()];
  }
}
