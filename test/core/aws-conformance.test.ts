/**
 * docs/aws-conformance.md lists every `[INF]` marker in src/ by file: the counts must agree both ways,
 * so an inference cannot enter the code without a ledger row, nor a row outlive its marker.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const LEDGER = readFileSync(join(ROOT, 'docs', 'aws-conformance.md'), 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Marker count per file, e.g. { 'src/core/health/status.ts': 1 }. */
export function markersInCode(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const path of files(join(ROOT, 'src'))) {
    const n = (readFileSync(path, 'utf8').match(/\[INF[\]:]/g) ?? []).length;
    if (n > 0) counts[relative(ROOT, path).split('\\').join('/')] = n;
  }
  return counts;
}

/** Rows of the "[INF] markers" table, counted per file. */
export function rowsInLedger(text: string): Record<string, number> {
  const section = text.split('## The `[INF]` markers in the code')[1] ?? '';
  const counts: Record<string, number> = {};
  for (const line of section.split('\n')) {
    const m = /^\| (src\/\S+) \|.*\| (documented|observed|inferred) \|$/.exec(line.trim());
    if (m) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
  }
  return counts;
}

/** Labels in the Sources table, e.g. 'A2', 'A3', 'A4' from the row '| A2, A3, A4 | …'. */
export function sourceLabels(text: string): Set<string> {
  const section = text.split('## Sources')[1] ?? '';
  const labels = new Set<string>();
  for (const line of section.split('\n')) {
    const m = /^\| ([A-G]\d+(?:, [A-G]\d+)*) \|/.exec(line);
    for (const label of m ? m[1].split(', ') : []) labels.add(label);
  }
  return labels;
}

/** Every 'aws-conformance X1' (code comments) and 'source X1' (docs) citation under the given roots. */
function citations(): Array<{ file: string; label: string }> {
  const roots = ['src', 'test', 'bench', 'scripts', 'docs'].map((d) => join(ROOT, d));
  const all = roots.flatMap((root) => filesOf(root, /\.(tsx?|mjs|md)$/));
  return all.flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/(?:aws-conformance(?:\.md)?|source) ([A-G]\d+)\b/g)].map((m) => ({ file: relative(ROOT, path), label: m[1] }));
  });
}

function filesOf(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'snapshots') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

describe('docs/aws-conformance.md', () => {
  it('names every source label the code and the docs cite, and nothing cites the internal fact sheet', () => {
    const labels = sourceLabels(LEDGER);
    const missing = citations().filter((c) => !labels.has(c.label));
    expect(missing).toEqual([]);
    const stray = filesOf(join(ROOT, 'src'), /\.tsx?$/).filter((path) => readFileSync(path, 'utf8').includes('aws-facts'));
    expect(stray.map((p) => relative(ROOT, p))).toEqual([]);
    // The check notices a label the table lacks.
    expect(sourceLabels('## Sources\n\n| A2, A3 | x | y |\n| C9 | x | y |\n').has('A4')).toBe(false);
    expect([...sourceLabels('## Sources\n\n| A2, A3 | x | y |\n| C9 | x | y |\n')]).toEqual(['A2', 'A3', 'C9']);
  });


  it('has one row per [INF] marker in src, file by file', () => {
    expect(rowsInLedger(LEDGER)).toEqual(markersInCode());
  });

  it('the check itself notices a missing row and a stale one', () => {
    const table = '## The `[INF]` markers in the code\n\n| File | a | b | Status |\n|---|---|---|---|\n| src/x.ts | a | b | inferred |\n| src/x.ts | c | d | inferred |\n';
    expect(rowsInLedger(table)).toEqual({ 'src/x.ts': 2 });
    expect(rowsInLedger(table)).not.toEqual({ 'src/x.ts': 1 });
    expect(rowsInLedger(table.replace('| inferred |\n| src/x.ts | c', '| guessed |\n| src/x.ts | c'))).toEqual({ 'src/x.ts': 1 });
  });

  it('every row of the behaviours table states documented, observed or inferred', () => {
    const section = LEDGER.split('## Behaviours mrrctl relies on')[1].split('## The `[INF]`')[0];
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Behaviour') && !l.startsWith('|---'));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.split('|')[3].trim(), row).toMatch(/^(documented|observed|inferred)( \(.*\))?$/);
  });
});
