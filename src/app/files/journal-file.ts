/**
 * The journal on disk: JSON Lines, one entry per line, appended and never rewritten.
 * Default location ~/.mrrctl/journal.jsonl, or MRRCTL_JOURNAL. The directory is created private
 * (0700) and the file 0600: the journal names pools, Regions and who changed what.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Journal, JournalEntry } from '../../core/plan/journal.js';

export function defaultJournalPath(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const fromEnv = env.MRRCTL_JOURNAL;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  return join(homedir, '.mrrctl', 'journal.jsonl');
}

export interface JournalContents {
  entries: JournalEntry[];
  /** 1-based numbers of lines that are not a whole entry (a write cut short by a crash). */
  unreadableLines: number[];
}

export class FileJournal implements Journal {
  constructor(readonly path: string) {}

  async append(entry: JournalEntry): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const handle = await open(this.path, 'a+', 0o600);
    try {
      // A crash mid-write can leave a last line without its newline; start on a fresh line so
      // that torn fragment never swallows this entry.
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      // One write per entry with O_APPEND: concurrent writers interleave whole lines, not bytes.
      await handle.write(`${prefix}${JSON.stringify(entry)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  async read(): Promise<JournalEntry[]> {
    return (await this.readContents()).entries;
  }

  /** Every whole entry, oldest first, and which lines could not be read (torn writes). */
  async readContents(): Promise<JournalContents> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadableLines: [] };
      throw error;
    }
    const entries: JournalEntry[] = [];
    const unreadableLines: number[] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const entry = parseEntry(line);
      if (entry === undefined) unreadableLines.push(i + 1);
      else entries.push(entry);
    });
    return { entries, unreadableLines };
  }
}

function parseEntry(line: string): JournalEntry | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const { kind, time } = value as { kind?: unknown; time?: unknown };
    if (typeof kind !== 'string' || typeof time !== 'string') return undefined;
    return value as JournalEntry;
  } catch {
    return undefined;
  }
}
