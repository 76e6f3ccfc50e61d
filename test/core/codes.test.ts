/**
 * The code registry (src/core/codes.ts) is the one list of diagnostic codes: every code in src is
 * registered, every registered code is used, each error class carries only codes of its exit class,
 * and docs/cli.md lists the registry as it is.
 *
 * The docs table is generated from the registry by this file. To regenerate it after changing a code:
 *   MRRCTL_WRITE_DOCS=1 npx vitest run test/core/codes.test.ts
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type CodeEntry, type DiagnosticCode, type DriftFindingEntry } from '../../src/core/codes.js';
import { ConfigError } from '../../src/core/config/config-error.js';
import { DRIFT_RULES } from '../../src/core/drift/codes.js';
import { AwsCallError, ConflictError, ExitCode, FindingsError, InputError, NotConfirmedError, UsageError, WaitTimeoutError } from '../../src/core/errors.js';

const ROOT = join(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const REGISTRY = join(SRC, 'core/codes.ts');
const DOCS = join(ROOT, 'docs/cli.md');
const BEGIN = '<!-- diagnostic codes: generated from src/core/codes.ts by test/core/codes.test.ts -->';
const END = '<!-- end of diagnostic codes -->';
const CODE = /MRR_[A-Z0-9_]+/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every `MRR_…` word of each file, with the file it is in. */
function codesIn(files: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    for (const code of readFileSync(file, 'utf8').match(CODE) ?? []) {
      found.set(code, [...(found.get(code) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
}

const registered = Object.keys(CODES) as DiagnosticCode[];
const files = sourceFiles(SRC);

describe('code registry', () => {
  it('holds every code of mrrctl, once (a literal count: a new code changes it on purpose)', () => {
    // One object literal: TypeScript refuses a code written twice, so the keys are the codes.
    expect(registered.length).toBe(160);
    expect(CODES.MRR_PLAN_E006).toEqual({ exit: 'conflict', meaning: 'the plan expired, or is older than --max-age: make a new plan' });
    expect(CODES.MRR_STATUS_W001.exit).toBe('none');
    // A ConflictError, but thrown inside an apply step: the apply ends the command with exit 1.
    expect(CODES.MRR_KEYS_E309).toMatchObject({ exit: 'unexpected', raisedAs: 'conflict' });
  });

  it('registers every MRR_ code that appears in src', () => {
    const unregistered = [...codesIn(files)].filter(([code]) => !(code in CODES)).map(([code, where]) => `${code} in ${where.join(', ')}`);
    expect(unregistered, 'register these in src/core/codes.ts').toEqual([]);
  });

  it('has no dead code: each registered code is used in src outside the registry', () => {
    const used = codesIn(files.filter((f) => f !== REGISTRY));
    expect(registered.filter((code) => !used.has(code)), 'unused codes: remove them from src/core/codes.ts').toEqual([]);
  });

  it('keeps the codes of one prefix together (the docs group them)', () => {
    const prefixes = registered.map(prefixOf);
    const scattered = prefixes.filter((p, i) => i > 0 && prefixes[i - 1] !== p && prefixes.slice(0, i - 1).includes(p));
    expect(scattered).toEqual([]);
  });

  it('derives the drift rules from the registry, in registry order', () => {
    expect(DRIFT_RULES.length).toBe(41);
    expect(DRIFT_RULES[0]).toEqual({
      code: 'MRR_DRIFT_E001',
      severity: 'error',
      area: 'replica',
      title: 'secondary does not serve the pool',
      help: 'The secondary Region has no replica of the pool, or it is still being created or deleted: there is nothing to fail over to.',
    });
    expect(DRIFT_RULES.map((r) => r.code)).not.toContain('MRR_DRIFT_E000');
  });
});

describe('exit classes', () => {
  it('each error class exits as the registry records its codes', () => {
    expect(new UsageError('MRR_PLAN_E003', 'altered').exitCode).toBe(2);
    expect(new InputError('MRR_INPUT_E030', 'flags', '--to', undefined, 'a Region').exitCode).toBe(2);
    expect(new ConfigError('MRR_CONFIG_E001', [{ field: 'x', value: 1, expected: 'y' }]).exitCode).toBe(2);
    expect(new FindingsError('MRR_KEYS_E301', 'missing key').exitCode).toBe(3);
    expect(new ConflictError('MRR_PLAN_E007', 'stale').exitCode).toBe(4);
    expect(new NotConfirmedError('MRR_CONFIRM_E003', 'declined').exitCode).toBe(5);
    expect(new WaitTimeoutError('MRR_WAIT_E001', 'timed out').exitCode).toBe(6);
    expect(new AwsCallError('MRR_AWS_E001', 'failed').exitCode).toBe(1);
    expect(new ConflictError('MRR_PLAN_E007', 'stale').name).toBe('ConflictError');
  });

  it('every `new …Error(code` in src names a code of the exit class of that error class', () => {
    // The constructors' types enforce this for the classes of src/core/errors.ts; this also covers
    // classes declared elsewhere (the sandbox client's), which must be listed here.
    const classExit: Record<string, CodeEntry['exit']> = {
      UsageError: 'usage',
      InputError: 'usage',
      ConfigError: 'usage',
      FindingsError: 'findings',
      ConflictError: 'conflict',
      NotConfirmedError: 'notConfirmed',
      WaitTimeoutError: 'timeout',
      AwsCallError: 'unexpected',
      SandboxUnreachableError: 'unexpected',
    };
    const thrown = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/new (\w+)\(\s*'(MRR_[A-Z0-9_]+)'/g)].map(([, errorClass, code]) => ({ errorClass, code, file: relative(ROOT, file) })),
    );
    expect(thrown.length).toBeGreaterThan(60);
    const entryOf = (code: string): CodeEntry | undefined => CODES[code as DiagnosticCode];
    const wrong = thrown.filter(({ errorClass, code }) => classExit[errorClass] !== (entryOf(code)?.raisedAs ?? entryOf(code)?.exit));
    expect(wrong).toEqual([]);
  });

  it('the constructors refuse codes of another exit class (checked by `npm run typecheck`)', () => {
    const typeChecks = () => [
      // @ts-expect-error MRR_PLAN_E007 is a conflict (exit 4), not a usage error
      new UsageError('MRR_PLAN_E007', 'stale'),
      // @ts-expect-error MRR_INPUT_E030 is a usage error (exit 2), not a conflict
      new ConflictError('MRR_INPUT_E030', 'no --to'),
      // @ts-expect-error an unregistered code
      new FindingsError('MRR_NOT_REGISTERED', 'nothing'),
    ];
    expect(typeof typeChecks).toBe('function');
  });
});

function prefixOf(code: string): string {
  return /^MRR_[A-Z]+/.exec(code)![0];
}

function exitText(entry: CodeEntry): string {
  return entry.exit === 'none' ? 'none' : `${entry.exit} (${ExitCode[entry.exit]})`;
}

function meaningText(entry: CodeEntry): string {
  let text = 'severity' in entry ? `${(entry as DriftFindingEntry).severity} finding: ${entry.meaning}` : entry.meaning;
  if (entry.raisedAs) text += ` (a ${entry.raisedAs} error of an apply step: the command ends with \`MRR_APPLY_E001\`)`;
  return text.replace(/\|/g, '\\|');
}

/** The docs table: one row per code, the codes of one prefix together, in registry order. */
function codesTable(): string {
  return [
    '| code | exit | meaning |',
    '|---|---|---|',
    ...registered.map((code) => `| \`${code}\` | ${exitText(CODES[code])} | ${meaningText(CODES[code])} |`),
  ].join('\n');
}

describe('docs/cli.md', () => {
  const generated = codesTable();
  if (process.env.MRRCTL_WRITE_DOCS) {
    const docs = readFileSync(DOCS, 'utf8');
    const begin = docs.indexOf(BEGIN);
    const end = docs.indexOf(END);
    if (begin < 0 || end < begin) throw new Error(`docs/cli.md needs the lines\n${BEGIN}\n${END}\nwhere the table goes`);
    writeFileSync(DOCS, `${docs.slice(0, begin + BEGIN.length)}\n${generated}\n${docs.slice(end)}`);
  }
  const docs = readFileSync(DOCS, 'utf8');

  it('lists every registered code with its exit class, as the registry has them', () => {
    const section = docs.slice(docs.indexOf(BEGIN) + BEGIN.length, docs.indexOf(END)).trim();
    expect(section, 'docs/cli.md is out of date: MRRCTL_WRITE_DOCS=1 npx vitest run test/core/codes.test.ts').toBe(generated);
  });

  it('shows the rows as a reader sees them', () => {
    expect(docs).toContain('| `MRR_CONFIRM_E002` | notConfirmed (5) | the text typed at the prompt is not the target Region; nothing was changed |');
    expect(docs).toContain('| `MRR_DRIFT_E000` | findings (3) |');
    expect(docs).toContain('| `MRR_DRIFT_W103` | none | warning finding: trigger points at a different function |');
  });
});
