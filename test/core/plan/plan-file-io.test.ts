// Disk round trips for src/cli/plan-file-io.ts (kept beside the other plan tests; it uses a temp dir).
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlanFile, savePlanFile } from '../../../src/app/files/plan-file-io.js';
import { ExitCode, MrrError } from '../../../src/core/errors.js';
import { samplePlan, T0 } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mrrctl-plan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = new Date(T0.getTime() + 5 * 60_000);

async function refusal(promise: Promise<unknown>): Promise<MrrError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MrrError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('savePlanFile / loadPlanFile', () => {
  it('round-trips through disk, mode 0600, leaving no temporary file behind', async () => {
    const path = join(dir, 'keys.plan.json');
    const plan = samplePlan();
    await savePlanFile(path, plan);
    expect(await loadPlanFile(path, { now })).toEqual(plan);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['keys.plan.json']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'plan.json');
    await writeFile(path, 'old content that is longer than nothing');
    await savePlanFile(path, samplePlan({ steps: [] }));
    expect((await loadPlanFile(path, { now })).steps).toEqual([]);
  });

  it('a missing plan file → exit 2 naming it', async () => {
    const path = join(dir, 'nope.json');
    const error = await refusal(loadPlanFile(path, { now }));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.code).toBe('MRR_PLAN_E009');
    expect(error.message).toContain(path);
    expect(error.message).toContain('no such file');
  });

  it('a directory instead of a file → exit 2', async () => {
    const error = await refusal(loadPlanFile(dir, { now }));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toContain(dir);
  });

  it('a truncated file on disk → exit 2, MRR_PLAN_E001', async () => {
    const path = join(dir, 'plan.json');
    await savePlanFile(path, samplePlan());
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, 200));
    const error = await refusal(loadPlanFile(path, { now }));
    expect(error.code).toBe('MRR_PLAN_E001');
    expect(error.message).toContain(path);
  });

  it('checks what the caller expects: another pool is refused, an old plan is stale (exit 4)', async () => {
    const path = join(dir, 'plan.json');
    await savePlanFile(path, samplePlan());
    expect((await refusal(loadPlanFile(path, { now, expect: { userPoolId: 'us-east-1_Other1' } }))).code).toBe('MRR_PLAN_E005');
    const late = await refusal(loadPlanFile(path, { now: new Date(T0.getTime() + 2 * 3600_000) }));
    expect(late.exitCode).toBe(ExitCode.conflict);
  });

  it('cannot write into a missing directory → exit 2 naming the path', async () => {
    const path = join(dir, 'missing', 'plan.json');
    const error = await refusal(savePlanFile(path, samplePlan()));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.code).toBe('MRR_PLAN_E008');
    expect(error.message).toContain('does not exist');
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file → exit 2', async () => {
    const path = join(dir, 'plan.json');
    await savePlanFile(path, samplePlan());
    await chmod(path, 0o000);
    const error = await refusal(loadPlanFile(path, { now }));
    expect(error.code).toBe('MRR_PLAN_E009');
    expect(error.message).toContain('permission denied');
  });
});
