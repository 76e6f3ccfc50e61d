/**
 * The journal on disk: JSON Lines, one entry per line, appended and never rewritten.
 * Default location ~/.mrrctl/journal.jsonl, or MRRCTL_JOURNAL. The directory is created private
 * (0700) and the file 0600: the journal names pools, Regions and who changed what.
 */
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { Journal, JournalEntry } from '../../core/plan/journal.js';
import { fileKind } from './safe-read.js';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * An operator mistake about where the journal lives (a read-only HOME, a directory in its place, no
 * permission) is exit 2 with what to do — never "a bug". Thrown before the first step is applied.
 */
function journalRefusal(path: string, problem: string): UsageError {
  return new UsageError(
    'MRR_FILE_E002',
    `${path}: cannot use the journal: ${problem}; set MRRCTL_JOURNAL to a writable file path (or fix the permissions): every change mrrctl applies is recorded there first`,
    { source: path, problem },
  );
}

function journalProblem(error: NodeJS.ErrnoException, path: string): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return `a part of ${dirname(path)} is not a directory`;
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error.message;
  }
}

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
  /**
   * `privateDir`: the directory is mrrctl's own (~/.mrrctl), so it may be tightened to 0700. A
   * directory named through MRRCTL_JOURNAL (/tmp, a shared volume) is never chmod-ed.
   */
  constructor(
    readonly path: string,
    readonly privateDir = false,
  ) {}

  /** Creates the directory, refuses a path that is not a regular file, tightens loose modes. */
  private async prepare(): Promise<void> {
    const directory = dirname(this.path);
    try {
      await mkdir(directory, { recursive: true, mode: DIR_MODE });
      if (this.privateDir) {
        const dir = await stat(directory);
        if ((dir.mode & 0o077) !== 0) await chmod(directory, DIR_MODE);
      }
      const existing = await stat(this.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (existing && !existing.isFile()) throw journalRefusal(this.path, `it is ${fileKind(existing)}, not a regular file`);
      // An older mrrctl, a copy or a umask may have left it readable by others: it names who changed what.
      if (existing && (existing.mode & 0o077) !== 0) await chmod(this.path, FILE_MODE);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw journalRefusal(this.path, journalProblem(error as NodeJS.ErrnoException, this.path));
    }
  }

  async append(entry: JournalEntry): Promise<void> {
    await this.prepare();
    let handle;
    try {
      handle = await open(this.path, 'a+', FILE_MODE);
    } catch (error) {
      throw journalRefusal(this.path, journalProblem(error as NodeJS.ErrnoException, this.path));
    }
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
      // A FIFO in its place would block the read forever.
      const s = await stat(this.path);
      if (!s.isFile()) throw journalRefusal(this.path, `it is ${fileKind(s)}, not a regular file`);
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadableLines: [] };
      if (error instanceof UsageError) throw error;
      throw journalRefusal(this.path, journalProblem(error as NodeJS.ErrnoException, this.path));
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
