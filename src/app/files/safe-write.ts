/**
 * Every file mrrctl writes where an operator pointed it — plans (--plan-out), reports (drift, issuer,
 * rehearse --report), the sandbox's --write-config — goes through here, so the rules hold everywhere:
 *
 * - only onto a regular file or a new path: a directory, a device (/dev/full as root used to be
 *   replaced by a regular file), a FIFO or a socket is refused;
 * - a missing parent directory, a read-only file system, no permission: exit 2 naming the path and
 *   what to do, never "this is a bug";
 * - written to a temporary file beside it and renamed into place (a reader never sees half a file);
 * - with the mode of its policy set explicitly, not left to the umask: 0600 for what describes the
 *   topology or may quote resource configuration (plans, drift reports), 0644 for what is meant to be
 *   shared (the issuer impact report for a ticket, a rehearsal report, a sandbox config).
 *
 * `checkWritable` answers the same questions without writing, so a command can refuse a bad path
 * before it does any work.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CodeFor } from '../../core/codes.js';
import { UsageError } from '../../core/errors.js';
import { fileKind } from './safe-read.js';

export const FILE_MODES = { private: 0o600, shared: 0o644 } as const;

export interface WriteTarget {
  /** The absolute path to write. */
  path: string;
  /** What the file is, and the flag that named it, for messages: "the drift report (--report)". */
  what: string;
  mode: number;
  /** The code of the refusal; MRR_FILE_E001 unless the file has its own (a plan: MRR_PLAN_E008). */
  code?: CodeFor<'usage'>;
}

function refuse(target: WriteTarget, problem: string, todo: string): UsageError {
  return new UsageError(target.code ?? 'MRR_FILE_E001', `${target.path}: cannot write ${target.what}: ${problem}; ${todo}`, {
    source: target.path,
    problem,
  });
}

/** Refuses (exit 2) a path that could not take the file; writes nothing. */
export async function checkWritable(target: WriteTarget): Promise<void> {
  const { path } = target;
  const existing = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fromErrno(target, error);
  });
  if (existing && !existing.isFile()) {
    throw refuse(target, `it is ${fileKind(existing)}`, 'expected a regular file or a new file name');
  }
  const directory = dirname(path);
  const parent = await stat(directory).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' || error.code === 'ENOTDIR'
      ? refuse(target, `the directory ${directory} does not exist`, 'create it first, or choose a path in an existing directory')
      : fromErrno(target, error);
  });
  if (!parent.isDirectory()) throw refuse(target, `${directory} is not a directory`, 'choose a path in an existing directory');
  await access(directory, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw fromErrno(target, error);
  });
}

/** Writes `text` to `target.path` under the rules above. */
export async function writeFileSafely(target: WriteTarget, text: string): Promise<void> {
  await checkWritable(target);
  const temporary = join(dirname(target.path), `.${basename(target.path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx', target.mode);
    try {
      await handle.chmod(target.mode); // the policy, not the umask
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Between the check and here the path may have become something else: check once more.
    const now = await stat(target.path).catch(() => undefined);
    if (now && !now.isFile()) throw refuse(target, `it is ${fileKind(now)}`, 'expected a regular file or a new file name');
    await rename(temporary, target.path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    if (error instanceof UsageError) throw error;
    throw fromErrno(target, error as NodeJS.ErrnoException);
  }
}

function fromErrno(target: WriteTarget, error: NodeJS.ErrnoException): UsageError {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return refuse(target, 'permission denied', 'choose a path you can write, or fix the permissions');
    case 'EROFS':
      return refuse(target, 'the file system is read-only', 'choose a path on a writable file system');
    case 'ENOSPC':
    case 'EDQUOT':
      return refuse(target, 'no space left on the device', 'free some space or choose another path');
    case 'EISDIR':
      return refuse(target, 'it is a directory', 'expected a regular file or a new file name');
    case 'ENOENT':
    case 'ENOTDIR':
      return refuse(target, `the directory ${dirname(target.path)} does not exist`, 'create it first, or choose a path in an existing directory');
    default:
      return refuse(target, error.message ?? String(error), 'choose another path');
  }
}
