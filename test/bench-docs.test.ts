/**
 * Every result table in docs/performance.md is generated from a dated snapshot in bench/snapshots/
 * (bench/lib/markdown.mjs), so no figure on the page lacks the run it came from. Regenerate after a
 * new run with `MRRCTL_WRITE_DOCS=1 npx vitest run test/bench-docs.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const PAGE = join(ROOT, 'docs', 'performance.md');
const SNAPSHOTS = join(ROOT, 'bench', 'snapshots');
const lib = () => import(new URL('../bench/lib/markdown.mjs', import.meta.url).href);
const read = (file: string) => JSON.parse(readFileSync(join(SNAPSHOTS, file), 'utf8'));

describe('docs/performance.md', () => {
  it('shows each snapshot it names, table by table, exactly as the run recorded it', async () => {
    const { blocksOf, regenerate } = await lib();
    const page = readFileSync(PAGE, 'utf8');
    const blocks = blocksOf(page);
    expect(blocks.length, 'the page has no generated result table').toBeGreaterThan(0);
    for (const b of blocks) expect(existsSync(join(SNAPSHOTS, b.file)), `bench/snapshots/${b.file}`).toBe(true);
    const generated = regenerate(page, read);
    if (process.env.MRRCTL_WRITE_DOCS === '1') writeFileSync(PAGE, generated);
    else expect(page, 'docs/performance.md is out of date: MRRCTL_WRITE_DOCS=1 npx vitest run test/bench-docs.test.ts').toBe(generated);
  });

  it('renders a row with its verdict, and refuses a suite the snapshot does not have', async () => {
    const { renderSnapshot } = await lib();
    const snapshot = {
      startedAt: '2026-12-05T10:00:00.000Z',
      machine: { node: 'v20.20.2', nproc: 2, cpuModel: 'AMD EPYC', platform: 'linux x64' },
      loadAverageBefore: [0.5, 1, 2],
      loadAverageAfter: [1, 1, 2],
      suites: { failover: { seconds: 70, rows: [{ figure: 'a | b', value: 6.01, unit: 's', target: '≤ 6 s', met: false }] } },
    };
    const text = renderSnapshot(snapshot, ['failover']);
    expect(text).toContain('| a \\| b | 6.01 s |  | ≤ 6 s | **missed** |');
    expect(text).toContain('started 2026-12-05T10:00:00.000Z, Node v20.20.2');
    expect(text).toContain('70 s for failover.');
    expect(() => renderSnapshot(snapshot, ['drift'])).toThrow(/no suite "drift"/);
  });
});
