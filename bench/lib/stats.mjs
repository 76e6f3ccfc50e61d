/**
 * Small statistics and the interleaved runner: every variant of a benchmark runs once per round, in
 * a rotating order, so drift in the machine's load (thermal, other tenants, page cache) is spread
 * over all variants instead of biasing whichever ran last.
 */

import v8 from 'node:v8';
import vm from 'node:vm';

// The harness's own garbage collector, whatever flags it was started with (v8 exposes `gc` to a new
// context once the flag is set).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

/**
 * A full garbage collection in the benchmark process before a measured run starts. The harness hosts
 * the sandbox and runs the in-process variants; without this, V8 collects their garbage (a world
 * restored from its snapshot, a whole in-process CLI run) on its helper threads while the next
 * variant runs, on the same two cores: a child measured after an in-process run used 15–30 % more
 * CPU. AWS does not share the operator's CPU, so the sandbox's housekeeping must not either.
 */
export function settleHarness() {
  collectGarbage();
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(value, digits = 1) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Runs `rounds` rounds; in round r the variants start at offset r (rotation). `warmup` rounds run
 * first and are discarded (they fill the page cache and V8's code cache).
 * @param {{name: string, run: () => Promise<object>}[]} variants
 * @returns {Promise<Record<string, object[]>>} samples per variant name
 */
export async function interleave(variants, { rounds, warmup = 0, onRound } = {}) {
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(r + i) % variants.length];
      settleHarness();
      const sample = await variant.run();
      if (r >= warmup) samples[variant.name].push(sample);
    }
    if (r >= warmup) onRound?.(r - warmup + 1);
  }
  return samples;
}

/** The median of one numeric field over a variant's samples. */
export function medianOf(samples, field) {
  return median(samples.map((s) => s[field]));
}
