/**
 * 2. Drift at scale: a replicated pool of 1,000 app clients, 100 resource servers, 50 identity
 * providers and 300 groups; 20 ms added to every call; Cognito-like per-category quotas. `drift` and
 * `drift --deep` run as processes beside (a) the same reads one at a time and (b) the quota-bound
 * minimum. The quota buckets are reset before every run, so each starts like an idle account.
 */
import { fileURLToPath } from 'node:url';
import { runMrrctl, runNode } from '../lib/child.mjs';
import { observedChain, summarizeCalls } from '../lib/call-log.mjs';
import { driftLatencyChain, quotaBound } from '../lib/quota-bound.mjs';
import { growPool, SCALE } from '../lib/scale-seed.mjs';
import { interleave, medianOf, round } from '../lib/stats.mjs';
import { makeReplicated, startWorld } from '../lib/world.mjs';

const LATENCY_MS = 20;
const SEQUENTIAL = fileURLToPath(new URL('../lib/sequential-drift.mjs', import.meta.url));
const THROTTLING_TEXT = /TooManyRequests|Throttl|Rate exceeded/i;

export async function benchDrift({ rounds = 3, quotaScale = 1, log }) {
  const w = await startWorld();
  try {
    const sizes = await growPool(w);
    await makeReplicated(w, { activate: true });
    w.world.updateSettings({ latencyMs: LATENCY_MS, quotas: { enabled: true, scale: quotaScale } });
    const s = w.summary;

    const measure = (kind, deep, run) => async () => {
      w.world.quotas.reset();
      const since = w.lastSeq();
      const r = await run();
      const calls = w.callsSince(since);
      const bound = quotaBound(calls, quotaScale);
      const sample = {
        ms: r.ms,
        exitCode: r.code,
        maxRssMb: r.maxRssMb,
        ...summarizeCalls(calls),
        chain: observedChain(calls),
        quotaBoundMs: bound.ms,
        quotaBinding: bound.binding,
        latencyBoundMs: driftLatencyChain(sizes, deep) * LATENCY_MS,
        throttlingSurfaced: THROTTLING_TEXT.test(r.stdout + r.stderr) || r.failed === true,
        failure: r.failure,
      };
      log(`  ${kind}${deep ? ' --deep' : ''}: ${round(r.ms / 1000, 2)} s, ${sample.calls} calls, ${sample.throttled} throttled, exit ${r.code}${r.failure ? ` (${r.failure})` : ''}`);
      return sample;
    };
    const mrrctl = (deep) =>
      measure('drift', deep, async () => {
        const r = await runMrrctl([...w.sandboxArgs, '--output', 'json', 'drift', ...(deep ? ['--deep'] : [])], { cwd: w.dir, env: w.env, rss: true, timeoutMs: 600_000 });
        const failed = r.code !== 0 && r.code !== 3;
        return { ...r, failed, failure: failed ? firstLine(r.stdout + r.stderr) : undefined };
      });
    const sequential = (deep) =>
      measure('sequential', deep, async () => {
        const r = await runNode([SEQUENTIAL, w.sb.url, s.userPoolId, s.primaryRegion, s.secondaryRegion, ...(deep ? ['--deep'] : [])], { rss: true, timeoutMs: 900_000 });
        const out = safeJson(r.stdout);
        return { ...r, failed: !out?.ok, failure: out?.ok ? undefined : (out?.error ?? firstLine(r.stderr)) };
      });

    log(`drift at scale: ${JSON.stringify(sizes)}, ${LATENCY_MS} ms latency, quotas × ${quotaScale}; ${rounds} interleaved round(s)`);
    const samples = await interleave(
      [
        { name: 'drift', run: mrrctl(false) },
        { name: 'drift --deep', run: mrrctl(true) },
        { name: 'sequential', run: sequential(false) },
        { name: 'sequential --deep', run: sequential(true) },
      ],
      { rounds, onRound: (n) => log(`  round ${n}/${rounds} done`) },
    );
    return { rows: driftRows(samples), details: { sizes, latencyMs: LATENCY_MS, quotaScale, samples } };
  } finally {
    await w.stop();
  }
}

function driftRows(samples) {
  const rows = [];
  const fig = (name) => ({
    ms: medianOf(samples[name], 'ms'),
    calls: medianOf(samples[name], 'calls'),
    throttled: medianOf(samples[name], 'throttled'),
    rss: medianOf(samples[name], 'maxRssMb'),
    quota: medianOf(samples[name], 'quotaBoundMs'),
    latency: medianOf(samples[name], 'latencyBoundMs'),
    surfaced: samples[name].filter((x) => x.throttlingSurfaced).length,
    failures: samples[name].filter((x) => x.failure).map((x) => x.failure),
    binding: samples[name][0]?.quotaBinding,
  });
  for (const deep of [false, true]) {
    const flag = deep ? ' --deep' : '';
    const m = fig(`drift${flag}`);
    const q = fig(`sequential${flag}`);
    const bound = Math.max(m.quota, m.latency);
    const id = deep ? 'drift.deep' : 'drift.default';
    rows.push({
      id: `${id}.wall`,
      figure: `mrrctl drift${flag}: wall time (${m.calls} calls, ${m.throttled} throttling retries)`,
      value: round(m.ms / 1000, 2),
      unit: 's',
      ratio: round(m.ms / bound, 2),
      // Issue 18: --deep within 5 % of the bound, with at most 1 % of its calls retried for throttling.
      target: deep ? `≤ 1.05 × ${round(bound / 1000, 2)} s (max of quota and latency bound), ≤ 1 % throttled` : '< 5 s',
      met: deep ? m.ms <= 1.05 * bound && m.throttled <= 0.01 * m.calls : m.ms < 5000,
    });
    rows.push({ id: `${id}.sequential`, figure: `(a) the same reads one at a time${flag} (${q.calls} calls, ${q.throttled} throttled${q.failures.length ? `, FAILED: ${q.failures[0]}` : ''})`, value: round(q.ms / 1000, 2), unit: 's', target: '-', met: null });
    rows.push({
      id: `${id}.quota-bound`,
      figure: `(b) quota-bound minimum${m.binding ? ` (${m.binding.key}: ${m.binding.calls} calls ÷ ${m.binding.rate}/s)` : ''}`,
      value: round(m.quota / 1000, 2),
      unit: 's',
      target: '-',
      met: null,
    });
    rows.push({ id: `${id}.latency-bound`, figure: `latency bound (dependent chain × 20 ms)`, value: round(m.latency / 1000, 2), unit: 's', target: '-', met: null });
    rows.push({
      id: `${id}.throttling-surfaced`,
      figure: `mrrctl drift${flag}: runs where a throttling error reached the user`,
      value: m.surfaced,
      unit: 'runs',
      target: '0',
      met: m.surfaced === 0 && m.failures.length === 0,
      ...(m.failures.length ? { note: m.failures[0] } : {}),
    });
    rows.push({ id: `${id}.rss`, figure: `mrrctl drift${flag}: peak RSS`, value: round(m.rss), unit: 'MB', target: '≤ 200 MB', met: m.rss <= 200 });
  }
  return rows;
}

function safeJson(text) {
  try {
    return JSON.parse(text.trim().split('\n').pop());
  } catch {
    return undefined;
  }
}

function firstLine(text) {
  return text.trim().split('\n').find((l) => l.trim() !== '')?.slice(0, 200) ?? '';
}

