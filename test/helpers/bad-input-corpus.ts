/**
 * The machinery of the bad-input corpus (test/e2e/bad-input*.test.ts): one seeded world per file, a
 * directory for crafted inputs, and the two checks every case gets — in text mode (exit code, the
 * field and the expectation named on stderr, nothing on stdout, no write in the sandbox call log) and
 * in JSON mode (one document, ok: false, the field named, no write).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './run-cli.js';
import { seededWorld, type SeededWorld } from './seeded.js';

export interface BadInputCase {
  name: string;
  /** Class, for docs/reliability.md. */
  kind: 'flag' | 'config' | 'environment' | 'path' | 'plan';
  /** After `mrrctl --sandbox <url>` (unless sandbox: false). */
  argv: () => string[];
  env?: () => Record<string, string>;
  /** Leave out the leading `--sandbox <url>` (the case is about how the endpoint is given). */
  sandbox?: false;
  code: 2 | 4;
  /** The field (flag, config key, variable, file) the message must name (a function: known only once the world runs). */
  field: string | (() => string);
  /** What the message must say was expected (a fragment). */
  expected: string | RegExp;
  /** Text that must appear nowhere in stdout or stderr (a secret, a 20 MB value). */
  absent?: string[];
  /** The whole stderr stays under this many characters. */
  maxStderr?: number;
  /** Skip the JSON-mode run (e.g. the case is about --output itself). */
  noJson?: true;
}

export interface Corpus {
  w: SeededWorld;
  /** The directory for crafted inputs. */
  bad: string;
  file(name: string): string;
  /** Writes `text` to a file in `bad` and returns its path. */
  write(name: string, text: string): string;
}

export function corpusContext(): Corpus {
  const ctx = {
    file: (name: string) => join(ctx.bad, name),
    write: (name: string, text: string) => {
      writeFileSync(ctx.file(name), text);
      return ctx.file(name);
    },
  } as Corpus;
  beforeAll(async () => {
    ctx.w = await seededWorld();
    ctx.bad = join(ctx.w.dir, 'bad');
    mkdirSync(ctx.bad);
  }, 60_000);
  afterAll(async () => {
    await ctx.w?.stop();
  });
  return ctx;
}

export function runCase(ctx: Corpus, c: BadInputCase, output: 'text' | 'json' = 'text'): Promise<CliRun> {
  const argv = [...(c.sandbox === false ? [] : ['--sandbox', ctx.w.sb.url]), ...(output === 'json' ? ['--output', 'json'] : []), ...c.argv()];
  return runCli(argv, { cwd: ctx.w.dir, env: { MRRCTL_JOURNAL: ctx.w.journal, HOME: ctx.w.dir, ...c.env?.() } });
}

const fieldOf = (c: BadInputCase) => (typeof c.field === 'function' ? c.field() : c.field);

/** The two checks of every case, as vitest tests. */
export function describeCorpus(title: string, ctx: Corpus, cases: BadInputCase[]): void {
  describe(title, () => {
    it('has unique case names', () => {
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s: refused, names the field and the expectation, writes nothing', async (_name, c) => {
      const since = ctx.w.lastSeq();
      const r = await runCase(ctx, c);
      const message = r.stderr;
      expect(r.code, message.slice(0, 2000)).toBe(c.code);
      expect(message, 'names the field').toContain(fieldOf(c));
      if (typeof c.expected === 'string') expect(message, 'says what was expected').toContain(c.expected);
      else expect(message, 'says what was expected').toMatch(c.expected);
      expect(message, 'never "a bug" for an operator mistake').not.toContain('this is a bug');
      expect(r.stdout, 'stdout carries no result on a refusal').toBe('');
      for (const text of c.absent ?? []) expect(r.stdout + r.stderr, `never shows ${text.slice(0, 40)}`).not.toContain(text);
      if (c.maxStderr !== undefined) expect(message.length).toBeLessThan(c.maxStderr);
      expect(ctx.w.writesSince(since)).toEqual([]);
    });

    it('answers in JSON mode with one document naming the field, for every case', async () => {
      for (const c of cases) {
        if (c.noJson) continue;
        const since = ctx.w.lastSeq();
        const r = await runCase(ctx, c, 'json');
        expect(r.code, `${c.name}\n${r.stderr.slice(0, 2000)}`).toBe(c.code);
        const doc = JSON.parse(r.stdout);
        expect(doc, c.name).toMatchObject({ schemaVersion: 2, ok: false });
        expect(doc.diagnostics[0].message, c.name).toContain(fieldOf(c));
        for (const text of c.absent ?? []) expect(r.stdout, `${c.name}: never shows ${text.slice(0, 40)}`).not.toContain(text);
        expect(ctx.w.writesSince(since), c.name).toEqual([]);
      }
    });
  });
}
