/**
 * 1. Start-up: `mrrctl --version`, `--help` and every command's `--help` as child processes against
 * `node -e 0` (the floor: Node's own start-up), interleaved, medians of wall time from spawn to exit.
 * Targets (issue 18): --version and --help ≤ 1.3×, each command's --help ≤ 1.5× bare node.
 *
 * Wall time is the figure the targets apply to. Where `perf` can count task-clock, each run's CPU time
 * is measured too, and its ratio is printed beside: on a shared machine whose load average is above
 * its core count, wall-time ratios mostly measure the neighbours, and the CPU ratio says what
 * mrrctl's own start-up costs.
 *
 * The child runs on the Node that runs the bench (`npx -p node@24 -c 'node bench/run.mjs …'` for
 * another major). On Node ≥ 22.1 bin/mrrctl.js turns on Node's compile cache: the two warm-up rounds
 * fill it, as an operator's first run does.
 */
import { BIN, dist, runMrrctl, runNode } from '../lib/child.mjs';
import { fileURLToPath } from 'node:url';

const PER_MODULE = fileURLToPath(new URL('../lib/per-module-entry.mjs', import.meta.url));
// The same invocations over the per-module build (before the bundle), for a same-rounds comparison.
const COMPARED = [['--help'], ['failover', '--help']];
import { interleave, medianOf, round } from '../lib/stats.mjs';

export const TOP_TARGET = 1.3;
export const COMMAND_TARGET = 1.5;

export async function benchStartup({ rounds = 21, log }) {
  const { COMMANDS } = await dist('cli/commands/index.js');
  const commands = [['--version'], ['--help'], ...COMMANDS.map((c) => [c.name, '--help'])];
  const check = (r, argv) => {
    if (r.code !== 0) throw new Error(`mrrctl ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
    if (argv[1] === '--help' && !r.stdout.includes(`Usage: mrrctl ${argv[0]}`)) throw new Error(`mrrctl ${argv.join(' ')} did not print its own usage`);
    return r;
  };
  const variants = [
    { name: 'node -e 0', run: () => runNode(['-e', '0'], { cpu: true }) },
    ...commands.map((argv) => ({ name: argv.join(' '), run: async () => check(await runMrrctl(argv, { cpu: true }), argv) })),
    ...COMPARED.map((argv) => ({ name: `per-module ${argv.join(' ')}`, run: async () => check(await runNode([PER_MODULE, ...argv], { cpu: true }), argv) })),
  ];
  log(`start-up: ${rounds} interleaved rounds of ${variants.length} variants (+2 warm-up) on Node ${process.versions.node}`);
  const samples = await interleave(variants, { rounds, warmup: 2 });
  const baseline = medianOf(samples['node -e 0'], 'ms');
  const cpuBaseline = medianOf(samples['node -e 0'], 'cpuMs');
  const rows = [{ id: 'startup.node', figure: `node -e 0 (baseline, Node ${process.versions.node})`, value: round(baseline), unit: 'ms', cpuMs: round(cpuBaseline), target: '-', met: null }];
  for (const argv of commands) {
    const name = argv.join(' ');
    const ms = medianOf(samples[name], 'ms');
    const ratio = ms / baseline;
    const cpuRatio = medianOf(samples[name], 'cpuMs') / cpuBaseline;
    const target = argv.length === 1 ? TOP_TARGET : COMMAND_TARGET;
    rows.push({
      id: `startup.${name.replace(/\W+/g, '-').replace(/^-|-$/g, '')}`,
      figure: `mrrctl ${name}`,
      value: round(ms),
      unit: 'ms',
      ratio: round(ratio, 2),
      ...(Number.isFinite(cpuRatio) ? { cpuMs: round(medianOf(samples[name], 'cpuMs')), cpuRatio: round(cpuRatio, 2) } : {}),
      target: `≤ ${target}× node -e 0`,
      met: ratio <= target,
    });
  }
  for (const argv of COMPARED) {
    const name = `per-module ${argv.join(' ')}`;
    rows.push({
      id: `startup.${name.replace(/\W+/g, '-')}`,
      figure: `(before) mrrctl ${argv.join(' ')} over the per-module build`,
      value: round(medianOf(samples[name], 'ms')),
      unit: 'ms',
      ratio: round(medianOf(samples[name], 'ms') / baseline, 2),
      cpuMs: round(medianOf(samples[name], 'cpuMs')),
      cpuRatio: round(medianOf(samples[name], 'cpuMs') / cpuBaseline, 2),
      target: 'informative',
      met: null,
    });
  }
  return { rows, details: { rounds, warmup: 2, bin: BIN, node: process.versions.node, samplesMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => round(s.ms))])), cpuBaselineMs: round(cpuBaseline), cpuSamplesMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => round(s.cpuMs))])) } };
}
