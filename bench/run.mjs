/**
 * `npm run bench`: the performance suite of issue 9. Runs start-up, status fan-out, drift at scale
 * and failover overhead against the in-process sandbox, prints one table and writes
 * bench/results.json. Not part of `npm test`: it takes minutes and its figures depend on the machine.
 *
 *   node bench/run.mjs [--only startup,status,drift,failover] [--quick] [--rounds-startup N]
 *                      [--rounds-status N] [--rounds-drift N] [--rounds-failover N]
 *                      [--quota-scale X] [--out FILE]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAverage, machine, renderTable, writeResults } from './lib/report.mjs';
import { benchDrift } from './suites/drift.mjs';
import { benchFailover } from './suites/failover.mjs';
import { benchStartup } from './suites/startup.mjs';
import { benchStatus } from './suites/status.mjs';

// The SDK's notice about future Node versions is noise in a benchmark's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'rounds-startup': { type: 'string' },
    'rounds-status': { type: 'string' },
    'rounds-drift': { type: 'string' },
    'rounds-failover': { type: 'string' },
    'quota-scale': { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const quick = values.quick;
const int = (v, fallback) => (v === undefined ? fallback : Math.max(1, Number.parseInt(v, 10)));
const suites = {
  startup: () => benchStartup({ rounds: int(values['rounds-startup'], quick ? 15 : 31), log }),
  status: () => benchStatus({ rounds: int(values['rounds-status'], quick ? 7 : 15), log }),
  drift: () => benchDrift({ rounds: int(values['rounds-drift'], quick ? 1 : 3), quotaScale: Number(values['quota-scale']), log }),
  failover: () => benchFailover({ rounds: int(values['rounds-failover'], quick ? 3 : 5), log }),
};
const only = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(suites);
const unknown = only.filter((s) => !(s in suites));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')} (choose from ${Object.keys(suites).join(', ')})`);
  process.exit(2);
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

const startedAt = new Date();
const results = { startedAt: startedAt.toISOString(), machine: machine(), loadAverageBefore: loadAverage(), suites: {} };
log(`mrrctl bench on ${results.machine.nproc} × ${results.machine.cpuModel}, Node ${results.machine.node}, load ${results.loadAverageBefore.join(' ')}`);
for (const name of only) {
  const t = Date.now();
  try {
    results.suites[name] = { ...(await suites[name]()), seconds: Math.round((Date.now() - t) / 100) / 10 };
  } catch (err) {
    log(`${name}: FAILED — ${err?.stack ?? err}`);
    results.suites[name] = { error: String(err?.message ?? err), rows: [] };
  }
}
results.loadAverageAfter = loadAverage();
results.seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);

const rows = Object.values(results.suites).flatMap((s) => s.rows);
process.stdout.write(`\n${renderTable(rows)}\n\n`);
const file = values.out ? resolve(values.out) : fileURLToPath(new URL('./results.json', import.meta.url));
writeResults(file, results);
log(`wrote ${file} (${results.seconds} s; load ${results.loadAverageBefore.join(' ')} → ${results.loadAverageAfter.join(' ')})`);
const missed = rows.filter((r) => r.met === false).length;
const failed = Object.values(results.suites).filter((s) => s.error).length;
// A missed target is a finding, not a crash: exit 0 unless a suite could not run at all.
process.exitCode = failed > 0 ? 1 : 0;
if (missed) log(`${missed} target(s) missed — see docs/performance.md`);
