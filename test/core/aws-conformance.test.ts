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

describe('docs/aws-conformance.md', () => {
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
