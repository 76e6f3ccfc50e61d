/**
 * 1. Start-up: `mrrctl --version`, `--help` and `drift --help` as child processes against `node -e 0`
 * (the floor: Node's own start-up), interleaved, medians of wall time from spawn to exit.
 */
import { BIN, runMrrctl, runNode } from '../lib/child.mjs';
import { interleave, medianOf, round } from '../lib/stats.mjs';

const TARGETS = { '--version': 1.5, '--help': 2, 'drift --help': 2 };

export async function benchStartup({ rounds = 21, log }) {
  // Until drift is registered, `drift --help` falls back to the top-level help: look for its own usage line.
  const hasDrift = /Usage: mrrctl drift/.test((await runMrrctl(['drift', '--help'])).stdout);
  const commands = [['--version'], ['--help'], ...(hasDrift ? [['drift', '--help']] : [])];
  const check = (r, argv) => {
    if (r.code !== 0) throw new Error(`mrrctl ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  };
  const variants = [
    { name: 'node -e 0', run: () => runNode(['-e', '0']) },
    ...commands.map((argv) => ({ name: argv.join(' '), run: async () => check(await runMrrctl(argv), argv) })),
  ];
  log(`start-up: ${rounds} interleaved rounds of ${variants.map((v) => v.name).join(', ')} (+2 warm-up)`);
  const samples = await interleave(variants, { rounds, warmup: 2 });
  const baseline = medianOf(samples['node -e 0'], 'ms');
  const rows = [{ id: 'startup.node', figure: 'node -e 0 (baseline)', value: round(baseline), unit: 'ms', target: '-', met: null }];
  for (const argv of commands) {
    const name = argv.join(' ');
    const ms = medianOf(samples[name], 'ms');
    const ratio = ms / baseline;
    rows.push({
      id: `startup.${name.replace(/\W+/g, '-').replace(/^-|-$/g, '')}`,
      figure: `mrrctl ${name}`,
      value: round(ms),
      unit: 'ms',
      ratio: round(ratio, 2),
      target: `≤ ${TARGETS[name]}× node -e 0`,
      met: ratio <= TARGETS[name],
    });
  }
  if (!hasDrift) rows.push({ id: 'startup.drift-help', figure: 'mrrctl drift --help', value: null, unit: 'ms', target: '≤ 2× node -e 0', met: null, note: 'drift is not registered yet' });
  return { rows, details: { rounds, warmup: 2, bin: BIN, samplesMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => round(s.ms))])) } };
}
