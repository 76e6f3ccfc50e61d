import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultJournalPath, FileJournal } from '../../src/app/files/journal-file.js';
import { applyPlan } from '../../src/core/plan/apply.js';
import type { JournalEntry } from '../../src/core/plan/journal.js';
import type { StepOutcome } from '../../src/core/plan/types.js';
import { samplePlan, steppingClock } from '../core/plan/fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mrrctl-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (stepId: string): JournalEntry => ({
  kind: 'step',
  time: '2025-06-01T10:00:00.000Z',
  actor: 'alice',
  command: 'keys setup',
  userPoolId: 'us-east-1_Ab12Cd34',
  planHash: 'a'.repeat(64),
  stepId,
  service: 'kms',
  operation: 'CreateKey',
  region: 'us-east-1',
  action: 'create',
  status: 'applied',
  durationMs: 12,
});

describe('defaultJournalPath', () => {
  it('is ~/.mrrctl/journal.jsonl unless MRRCTL_JOURNAL says otherwise', () => {
    expect(defaultJournalPath({}, '/home/op')).toBe(join('/home/op', '.mrrctl', 'journal.jsonl'));
    expect(defaultJournalPath({ MRRCTL_JOURNAL: '' }, '/home/op')).toBe(join('/home/op', '.mrrctl', 'journal.jsonl'));
    expect(defaultJournalPath({ MRRCTL_JOURNAL: '/var/log/mrrctl.jsonl' }, '/home/op')).toBe('/var/log/mrrctl.jsonl');
  });
});

describe('FileJournal', () => {
  it('creates a private directory and file and appends one JSON line per entry', async () => {
    const path = join(dir, 'nested', '.mrrctl', 'journal.jsonl');
    const journal = new FileJournal(path);
    await journal.append(entry('one'));
    await journal.append(entry('two'));

    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0])).toEqual(entry('one'));
    expect((await journal.read()).map((e) => (e.kind === 'step' ? e.stepId : e.kind))).toEqual(['one', 'two']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nested', '.mrrctl'))).mode & 0o777).toBe(0o700);
  });

  it('reads nothing from a journal that does not exist yet', async () => {
    expect(await new FileJournal(join(dir, 'absent.jsonl')).read()).toEqual([]);
  });

  it('tolerates a torn last line (a crash mid-write) and keeps it from swallowing the next entry', async () => {
    const path = join(dir, 'journal.jsonl');
    const journal = new FileJournal(path);
    await journal.append(entry('one'));
    const whole = JSON.stringify(entry('two'));
    await appendFile(path, whole.slice(0, whole.length - 7)); // cut short, no newline

    expect((await journal.read()).map((e) => (e.kind === 'step' ? e.stepId : ''))).toEqual(['one']);
    expect((await journal.readContents()).unreadableLines).toEqual([2]);

    await journal.append(entry('three'));
    const contents = await journal.readContents();
    expect(contents.entries.map((e) => (e.kind === 'step' ? e.stepId : ''))).toEqual(['one', 'three']);
    expect(contents.unreadableLines).toEqual([2]);
  });

  it('skips lines that are JSON but not entries', async () => {
    const path = join(dir, 'journal.jsonl');
    await writeFile(path, `[1,2]\n{"kind":"step"}\n${JSON.stringify(entry('ok'))}\n`);
    const contents = await new FileJournal(path).readContents();
    expect(contents.entries).toHaveLength(1);
    expect(contents.unreadableLines).toEqual([1, 2]);
  });

  it('concurrent appends keep every line whole', async () => {
    const journal = new FileJournal(join(dir, 'journal.jsonl'));
    await Promise.all(Array.from({ length: 40 }, (_, i) => journal.append(entry(`s${i}`))));
    const contents = await journal.readContents();
    expect(contents.unreadableLines).toEqual([]);
    expect(contents.entries).toHaveLength(40);
  });
});

describe('applyPlan with the file journal', () => {
  it('never writes a secret from a step input or output to the journal file', async () => {
    const path = join(dir, 'journal.jsonl');
    const plan = samplePlan();
    plan.steps[0].input = { ClientName: 'probe', ClientSecret: 's3cr3t-value' };
    const execute = async (): Promise<StepOutcome> => ({
      status: 'applied',
      output: { UserPoolClient: { ClientId: 'c1', ClientSecret: 's3cr3t-value' } },
    });
    const result = await applyPlan(plan, { execute, journal: new FileJournal(path), clock: steppingClock(), actor: 'alice' });

    expect(result.ok).toBe(true);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('s3cr3t-value');
    expect(text).toContain('"ClientSecret":"[REDACTED]"');
    expect(text.trimEnd().split('\n')).toHaveLength(plan.steps.length + 2);
  });
});
