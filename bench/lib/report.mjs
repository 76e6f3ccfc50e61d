/** The printed table, the machine description and bench/results.json. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export function machine() {
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // not Linux coreutils: the CPU count Node sees will do
  }
  return {
    nproc,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function loadAverage() {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

const verdict = (met) => (met === true ? 'met' : met === false ? 'MISSED' : '');

export function renderTable(rows) {
  // A CPU-time ratio column only where a benchmark measured one (start-up).
  const cpu = rows.some((r) => r.cpuRatio !== undefined);
  const cells = rows.map((r) => [
    r.figure,
    r.value === null || r.value === undefined ? 'n/a' : `${r.value} ${r.unit}`,
    r.ratio === undefined ? '' : `${r.ratio}×`,
    ...(cpu ? [r.cpuRatio === undefined ? '' : `${r.cpuRatio}×`] : []),
    r.target ?? '',
    verdict(r.met),
  ]);
  const head = ['figure', 'median', 'ratio', ...(cpu ? ['cpu ratio'] : []), 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => (i === 1 || i === 2 || (cpu && i === 3) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function writeResults(file, results) {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
