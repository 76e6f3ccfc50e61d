/**
 * 4. Status fan-out: 100 ms added to every sandbox call; in-process `status` must take at most
 * 1.5 × (its dependency chain, in calls × 100 ms). Measured in-process through main() with a warm
 * module cache (the command's own time: what the target is about, and what each `--watch` refresh
 * pays) and as a child process (what an operator's shell sees: adds Node start-up and the first load
 * of the AWS SDK; informative, start-up is benchmark 1). Baseline in the same rounds: one bare SDK
 * call with a warm client, i.e. the real cost of one link of the chain. The observed chain (the
 * longest run of calls that started one after another, from the sandbox's call log) is reported next
 * to the derived one: a command that serialises needlessly shows a longer one.
 */
import { performance } from 'node:perf_hooks';
import { dist, runMrrctl } from '../lib/child.mjs';
import { observedChain, summarizeCalls } from '../lib/call-log.mjs';
import { interleave, medianOf, round } from '../lib/stats.mjs';
import { makeReplicated, startWorld } from '../lib/world.mjs';

const LATENCY_MS = 100;
/**
 * The chain of status's reads that must wait for one another (docs/status.md, "How long status
 * takes"), against this world (replica ACTIVE, weighted DNS with a health check per Region, the demo's
 * triggers, log delivery and web ACL in the primary only):
 *   1. config only: DescribeUserPool and ListUserPoolReplicas in both Regions (shared by the topology,
 *      health and drift), the DNS, history and lock records, GetHealthCheck, discovery and JWKS;
 *   2. GetHealthCheckStatus (the check's type decides the API), the UPDATED issuer's discovery, the
 *      drift snapshot of both Regions (needs the primary's pool and the replica's status), each
 *      Region's GetWebACLForResource (needs only its pool's ARN), and what the primary's pool names in
 *      both Regions: GetFunction, GetEmailIdentity;
 *   3. what a step-2 answer names: DescribeLogGroups (GetLogDeliveryConfiguration), ListWebACLs in the
 *      secondary (the primary's web ACL), GetPolicy of a function that exists (GetFunction).
 * A 4th step, GetWebACL, comes only when the secondary has a web ACL of the primary's ACL name: not in
 * this world. The drift observer used to read in stages (snapshot, then the web ACL, then the
 * resources once both snapshots were in, then policies): 5 here (src/core/drift/observe.ts).
 */
const DEPENDENT_CHAIN = 3;

export async function benchStatus({ rounds = 15, log }) {
  const w = await startWorld();
  try {
    await makeReplicated(w, { activate: true });
    w.world.updateSettings({ latencyMs: LATENCY_MS });
    const { main } = await dist('main.js');
    const { bufferIo } = await dist('ui/io.js');
    const { CognitoIdentityProviderClient, DescribeUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const sdk = new CognitoIdentityProviderClient({
      endpoint: w.sb.url,
      region: w.summary.primaryRegion,
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    });
    const argv = [...w.sandboxArgs, 'status'];

    const measured = async (run) => {
      const since = w.lastSeq();
      const sample = await run();
      const calls = w.callsSince(since);
      return { ...sample, ...summarizeCalls(calls), chain: observedChain(calls) };
    };
    const inProcess = () =>
      measured(async () => {
        const io = bufferIo();
        const started = performance.now();
        const code = await main(argv, { io, cwd: w.dir, env: { ...w.env, NO_COLOR: '1', PATH: process.env.PATH } });
        const ms = performance.now() - started;
        if (code !== 0) throw new Error(`status exited ${code}: ${io.err()}`);
        return { ms };
      });
    const asProcess = () =>
      measured(async () => {
        const r = await runMrrctl(argv, { cwd: w.dir, env: w.env });
        if (r.code !== 0) throw new Error(`status exited ${r.code}: ${r.stderr}`);
        return { ms: r.ms };
      });
    const oneCall = () =>
      measured(async () => {
        const started = performance.now();
        await sdk.send(new DescribeUserPoolCommand({ UserPoolId: w.summary.userPoolId }));
        return { ms: performance.now() - started };
      });

    log(`status: ${rounds} interleaved rounds at ${LATENCY_MS} ms per call (+2 warm-up)`);
    const samples = await interleave(
      [
        { name: 'one SDK call', run: oneCall },
        { name: 'status in-process', run: inProcess },
        { name: 'status process', run: asProcess },
      ],
      { rounds, warmup: 2 },
    );
    sdk.destroy();

    const bound = DEPENDENT_CHAIN * LATENCY_MS;
    const target = 1.5 * bound;
    const one = medianOf(samples['one SDK call'], 'ms');
    const inproc = medianOf(samples['status in-process'], 'ms');
    const proc = medianOf(samples['status process'], 'ms');
    const chain = medianOf(samples['status in-process'], 'chain');
    const calls = medianOf(samples['status in-process'], 'calls');
    const rows = [
      { id: 'status.one-call', figure: `one SDK call at ${LATENCY_MS} ms latency (baseline)`, value: round(one), unit: 'ms', target: '-', met: null },
      {
        id: 'status.in-process',
        figure: `status, in-process (dependency chain ${DEPENDENT_CHAIN}; ${calls} calls, observed chain ${chain})`,
        value: round(inproc),
        unit: 'ms',
        ratio: round(inproc / bound, 2),
        target: `≤ ${target} ms (1.5 × chain ${DEPENDENT_CHAIN} × ${LATENCY_MS} ms)`,
        met: inproc <= target && chain <= DEPENDENT_CHAIN,
      },
      {
        id: 'status.process',
        figure: 'status, as a process (incl. Node start-up and SDK load)',
        value: round(proc),
        unit: 'ms',
        ratio: round(proc / bound, 2),
        target: 'informative (start-up is benchmark 1)',
        met: null,
      },
    ];
    return { rows, details: { latencyMs: LATENCY_MS, dependentChain: DEPENDENT_CHAIN, samples: strip(samples) } };
  } finally {
    await w.stop();
  }
}

function strip(samples) {
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => ({ ms: round(s.ms), calls: s.calls, chain: s.chain, throttled: s.throttled }))]));
}
