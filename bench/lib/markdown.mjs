/**
 * docs/performance.md's result tables are generated from the snapshots in bench/snapshots/, so every
 * figure on that page can be traced to the run that produced it. A block in the page looks like
 *
 *   <!-- bench: 2026-12-05-all-node20.json suites=startup -->
 *   …generated table and run line…
 *   <!-- /bench -->
 *
 * and `MRRCTL_WRITE_DOCS=1 npx vitest run test/bench-docs.test.ts` rewrites every block from its
 * snapshot; without the variable the test fails when a block differs from its snapshot.
 */

const verdict = (met) => (met === true ? 'met' : met === false ? '**missed**' : '');
const cell = (v) => String(v ?? '').replaceAll('|', '\\|');

/** The Markdown table of the rows of the named suites of one snapshot, and the line naming the run. */
export function renderSnapshot(snapshot, suites) {
  const names = suites ?? Object.keys(snapshot.suites);
  const rows = names.flatMap((name) => {
    const suite = snapshot.suites[name];
    if (!suite) throw new Error(`the snapshot has no suite "${name}" (it has ${Object.keys(snapshot.suites).join(', ')})`);
    return suite.rows;
  });
  const cpu = rows.some((r) => r.cpuRatio !== undefined);
  const head = ['figure', 'median', 'ratio', ...(cpu ? ['CPU ratio'] : []), 'target', ''];
  const body = rows.map((r) => [
    cell(r.figure),
    r.value === null || r.value === undefined ? 'n/a' : `${r.value} ${r.unit}`,
    r.ratio === undefined ? '' : `${r.ratio}×`,
    ...(cpu ? [r.cpuRatio === undefined ? '' : `${r.cpuRatio}×`] : []),
    cell(r.target),
    verdict(r.met),
  ]);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const align = head.map((_, i) => (i >= 1 && i <= (cpu ? 3 : 2) ? '---:' : '---'));
  const m = snapshot.machine;
  const seconds = names.map((n) => snapshot.suites[n].seconds).filter((s) => typeof s === 'number');
  const run = [
    `Run: started ${snapshot.startedAt}, Node ${m.node} on ${m.nproc} × ${m.cpuModel} (${m.platform}),`,
    `load average ${snapshot.loadAverageBefore.join(' / ')} before and ${snapshot.loadAverageAfter.join(' / ')} after`,
    seconds.length ? `, ${Math.round(seconds.reduce((a, b) => a + b, 0))} s for ${names.join(', ')}.` : '.',
  ].join(' ').replace(' ,', ',');
  return [line(head), line(align), ...body.map(line), '', run].join('\n');
}

const BLOCK = /<!-- bench: (\S+)(?: suites=([\w,]+))? -->\n[\s\S]*?<!-- \/bench -->/g;

/** The page with every bench block regenerated; `read(file)` returns a snapshot's parsed JSON. */
export function regenerate(page, read) {
  return page.replace(BLOCK, (_, file, suites) => {
    const table = renderSnapshot(read(file), suites?.split(','));
    return `<!-- bench: ${file}${suites ? ` suites=${suites}` : ''} -->\n${table}\n<!-- /bench -->`;
  });
}

/** The snapshot files the page's blocks name. */
export function blocksOf(page) {
  return [...page.matchAll(BLOCK)].map((m) => ({ file: m[1], suites: m[2]?.split(',') }));
}
