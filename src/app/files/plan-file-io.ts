/**
 * Plan files on disk: `--plan-out FILE` saves, `mrrctl apply FILE` loads. The checks on content live
 * in core (parsePlan); this module only moves bytes and names the file when it cannot.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { UsageError } from '../../core/errors.js';
import { fileKind } from './safe-read.js';
import { checkWritable, FILE_MODES, writeFileSafely, type WriteTarget } from './safe-write.js';
import { parsePlan, serializePlan, type ParsePlanOptions } from '../../core/plan/plan-file.js';
import type { Plan } from '../../core/plan/types.js';

/** Plans are a few kilobytes; a much larger "plan" is the wrong file (or /dev/zero). */
export const MAX_PLAN_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Saves the plan through safe-write.ts: a regular file or a new path only, written beside and renamed
 * into place, mode 0600 whatever the umask (a plan describes your topology).
 */
export async function savePlanFile(path: string, plan: Plan): Promise<void> {
  await writeFileSafely(planTarget(path), serializePlan(plan));
}

/** Refuses (exit 2) a --plan-out path that could not take the plan, before anything is observed. */
export async function checkPlanOut(path: string): Promise<void> {
  await checkWritable(planTarget(path));
}

function planTarget(path: string): WriteTarget {
  return { path, what: 'the plan file (--plan-out)', mode: FILE_MODES.private, code: 'MRR_PLAN_E008' };
}

/** Reads and checks a plan file; every refusal names `path` (see parsePlan for the checks). */
export async function loadPlanFile(path: string, opts: Omit<ParsePlanOptions, 'source'>): Promise<Plan> {
  const text = await readCapped(path);
  return parsePlan(text, { ...opts, source: path });
}

async function readCapped(path: string): Promise<string> {
  const expected = 'the path of a plan file written by --plan-out';
  let handle;
  try {
    // A FIFO or a device would block or never end: refuse anything but a regular file (safe-read.ts).
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error(`it is ${fileKind(s)}, not a regular file`), { code: s.isDirectory() ? 'EISDIR' : 'ENOTREG' });
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError('MRR_PLAN_E009', `${path}: cannot read the plan file (${reasonOf(error)}); expected ${expected}`, {
      source: path,
    });
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_PLAN_FILE_BYTES) {
        throw new UsageError(
          'MRR_PLAN_E009',
          `${path}: larger than ${MAX_PLAN_FILE_BYTES} bytes, so not a plan file; expected ${expected}`,
          { source: path },
        );
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError('MRR_PLAN_E009', `${path}: cannot read the plan file (${reasonOf(error)}); expected ${expected}`, {
      source: path,
    });
  } finally {
    await handle.close();
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
