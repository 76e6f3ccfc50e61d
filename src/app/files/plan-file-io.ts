/**
 * Plan files on disk: `--plan-out FILE` saves, `mrrctl apply FILE` loads. The checks on content live
 * in core (parsePlan); this module only moves bytes and names the file when it cannot.
 */
import { UsageError } from '../../core/errors.js';
import { readRegularFile, UnreadableFileError } from './safe-read.js';
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

/** The file's text through safe-read.ts (regular files only, never blocking, capped); refusals are exit 2. */
async function readCapped(path: string): Promise<string> {
  try {
    return await readRegularFile(path, MAX_PLAN_FILE_BYTES);
  } catch (error) {
    const reason =
      error instanceof UnreadableFileError ? (error.code === 'not-found' ? 'no such file or directory' : `it ${error.reason}`) : String(error);
    throw new UsageError('MRR_PLAN_E009', `${path}: cannot read the plan file (${reason}); expected the path of a plan file written by --plan-out`, {
      source: path,
    });
  }
}
