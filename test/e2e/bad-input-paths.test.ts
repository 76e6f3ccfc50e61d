/**
 * The bad-input corpus, paths: plans, reports, configs written and the journal, pointed where they
 * cannot go (a directory, a device, a FIFO, a missing directory, under a regular file). Each case:
 * exit 2 naming the path and what to do, never "a bug", nothing written to AWS. Then the file modes:
 * a loose journal is tightened, plans and reports get their policy's mode whatever the umask.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusContext, describeCorpus, type BadInputCase } from '../helpers/bad-input-corpus.js';

const ctx = corpusContext();
const fifo = (name: string) => {
  rmSync(ctx.file(name), { force: true });
  execFileSync('mkfifo', [ctx.file(name)]);
  return ctx.file(name);
};
const dir = (name: string) => {
  mkdirSync(ctx.file(name), { recursive: true });
  return ctx.file(name);
};
const regular = (name: string) => ctx.write(name, 'x\n');
const journal = (path: () => string) => () => ({ MRRCTL_JOURNAL: path() });

const CASES: BadInputCase[] = [
  { name: '--plan-out is a directory', kind: 'path', argv: () => ['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', dir('plans')], code: 2, field: 'plans: cannot write the plan file (--plan-out)', expected: 'it is a directory' },
  { name: '--plan-out in a missing directory', kind: 'path', argv: () => ['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', ctx.file('nowhere/x.plan')], code: 2, field: 'x.plan', expected: /the directory .*nowhere does not exist; create it first/ },
  { name: '--plan-out /dev/full is not replaced', kind: 'path', argv: () => ['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', '/dev/full'], code: 2, field: '/dev/full', expected: 'it is a device' },
  { name: '--plan-out a FIFO', kind: 'path', argv: () => ['replica', 'create', '--dry-run', '--plan-out', fifo('plan.fifo')], code: 2, field: 'plan.fifo', expected: 'it is a FIFO (named pipe)' },
  { name: '--plan-out a symlink to /dev/null', kind: 'path', argv: () => { rmSync(ctx.file('null.plan'), { force: true }); symlinkSync('/dev/null', ctx.file('null.plan')); return ['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', ctx.file('null.plan')]; }, code: 2, field: 'null.plan', expected: 'it is a device' },
  { name: '--plan-out under a regular file', kind: 'path', argv: () => ['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', join(regular('plain.txt'), 'x.plan')], code: 2, field: 'x.plan', expected: 'does not exist' },
  { name: 'drift --report is a directory', kind: 'path', argv: () => ['drift', '--report', dir('reports')], code: 2, field: 'reports: cannot write the text drift report (--report)', expected: 'it is a directory' },
  { name: 'drift --report in a missing directory', kind: 'path', argv: () => ['drift', '--report', ctx.file('missing/drift.txt')], code: 2, field: 'drift.txt', expected: 'does not exist; create it first' },
  { name: 'drift --report of a format into /dev/full', kind: 'path', argv: () => ['drift', '--report', 'sarif:/dev/full'], code: 2, field: '/dev/full', expected: 'it is a device' },
  { name: 'drift --report a FIFO', kind: 'path', argv: () => ['drift', '--report', `junit:${fifo('drift.fifo')}`], code: 2, field: 'drift.fifo', expected: 'FIFO' },
  { name: 'issuer switch --report is a directory', kind: 'path', argv: () => ['issuer', 'switch', '--to', 'UPDATED', '--yes', '--report', dir('impact')], code: 2, field: 'impact: cannot write the issuer impact report (--report)', expected: 'it is a directory' },
  { name: 'issuer switch --report in a missing directory', kind: 'path', argv: () => ['issuer', 'switch', '--to', 'UPDATED', '--yes', '--report', ctx.file('gone/impact.md')], code: 2, field: 'impact.md', expected: 'does not exist' },
  { name: 'rehearse --report in a missing directory (before rehearsing)', kind: 'path', sandbox: false, argv: () => ['rehearse', '--report', ctx.file('gone/rehearsal.md')], code: 2, field: 'rehearsal.md', expected: 'does not exist' },
  { name: 'sandbox seed --write-config is a directory', kind: 'path', argv: () => ['sandbox', 'seed', '--write-config', dir('configs')], code: 2, field: 'configs: cannot write the config file (--write-config)', expected: 'it is a directory' },
  { name: 'sandbox seed --write-config in a missing directory', kind: 'path', argv: () => ['sandbox', 'seed', '--write-config', ctx.file('nope/mrrctl.yaml')], code: 2, field: 'mrrctl.yaml', expected: 'does not exist' },
  { name: 'MRRCTL_JOURNAL is a directory', kind: 'path', argv: () => ['keys', 'setup', '--yes'], env: journal(() => dir('journal-dir')), code: 2, field: 'journal-dir: cannot use the journal', expected: 'set MRRCTL_JOURNAL to a writable file path' },
  { name: 'MRRCTL_JOURNAL is a FIFO', kind: 'path', argv: () => ['keys', 'setup', '--yes'], env: journal(() => fifo('journal.fifo')), code: 2, field: 'journal.fifo', expected: 'it is a FIFO (named pipe), not a regular file' },
  { name: 'MRRCTL_JOURNAL is /dev/full', kind: 'path', argv: () => ['keys', 'setup', '--yes'], env: journal(() => '/dev/full'), code: 2, field: '/dev/full', expected: 'it is a device' },
  { name: 'MRRCTL_JOURNAL under a regular file', kind: 'path', argv: () => ['keys', 'setup', '--yes'], env: journal(() => join(regular('afile'), 'journal.jsonl')), code: 2, field: 'journal.jsonl', expected: 'cannot use the journal' },
  { name: 'HOME is a regular file (default journal)', kind: 'path', argv: () => ['keys', 'setup', '--yes'], env: () => ({ MRRCTL_JOURNAL: '', HOME: regular('home-file') }), code: 2, field: 'journal.jsonl: cannot use the journal', expected: 'set MRRCTL_JOURNAL' },
  { name: 'apply a FIFO (does not hang)', kind: 'plan', argv: () => ['apply', fifo('apply.fifo'), '--yes'], code: 2, field: 'apply.fifo: cannot read the plan file', expected: 'it is a FIFO (named pipe), not a regular file' },
  { name: 'apply /dev/zero (does not read forever)', kind: 'plan', argv: () => ['apply', '/dev/zero', '--yes'], code: 2, field: '/dev/zero: cannot read the plan file', expected: 'it is a device' },
  { name: 'apply a symlink to /dev/urandom', kind: 'plan', argv: () => { rmSync(ctx.file('random.plan'), { force: true }); symlinkSync('/dev/urandom', ctx.file('random.plan')); return ['apply', ctx.file('random.plan'), '--yes']; }, code: 2, field: 'random.plan', expected: 'it is a device' },
];

describeCorpus('the bad-input corpus: paths', ctx, CASES);

describe('file modes', () => {
  it('a loose journal is tightened to 0600 and ~/.mrrctl to 0700 on the next change', async () => {
    const home = join(ctx.w.dir, 'home-modes');
    mkdirSync(join(home, '.mrrctl'), { recursive: true, mode: 0o755 });
    chmodSync(join(home, '.mrrctl'), 0o755);
    writeFileSync(join(home, '.mrrctl', 'journal.jsonl'), '');
    chmodSync(join(home, '.mrrctl', 'journal.jsonl'), 0o644);
    const r = await ctx.w.run(['issuer', 'switch', '--to', 'UPDATED', '--yes'], { env: { MRRCTL_JOURNAL: '', HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(home, '.mrrctl', 'journal.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.mrrctl')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(home, '.mrrctl', 'journal.jsonl'), 'utf8')).toContain('"kind":"plan-start"');
  });

  it('a directory named by MRRCTL_JOURNAL is left alone; the file is still 0600', async () => {
    const shared = join(ctx.w.dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const r = await ctx.w.run(['issuer', 'switch', '--to', 'ORIGINAL', '--yes'], { env: { MRRCTL_JOURNAL: join(shared, 'j.jsonl') } });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(shared).mode & 0o777).toBe(0o777);
    expect(statSync(join(shared, 'j.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('plans and drift reports are 0600, an impact report 0644, whatever the umask', async () => {
    const old = process.umask(0);
    try {
      const plan = ctx.file('modes.plan');
      const report = ctx.file('modes-drift.txt');
      const impact = ctx.file('modes-impact.md');
      expect((await ctx.w.run(['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', plan, '--report', impact])).code).not.toBe(2);
      await ctx.w.run(['drift', '--report', report]);
      expect(statSync(plan).mode & 0o777).toBe(0o600);
      expect(statSync(impact).mode & 0o777).toBe(0o644);
      expect(statSync(report).mode & 0o777).toBe(0o600);
      // Replacing an existing regular file is fine, and leaves no temporary file behind.
      expect((await ctx.w.run(['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--plan-out', plan])).code).not.toBe(2);
      expect(existsSync(plan)).toBe(true);
    } finally {
      process.umask(old);
    }
  });
});
