/**
 * Baseline (a) of the drift benchmark, run as its own process: the very reads `mrrctl drift` makes,
 * issued one at a time — each call waits for the previous one, as a shell script over the AWS CLI
 * does — with the SDK's standard retry mode (3 attempts, the AWS CLI v2 default). It reuses mrrctl's
 * observer and adapters so the calls are the same; only the scheduling differs.
 *
 * usage: node sequential-drift.mjs <sandbox-url> <userPoolId> <primary> <secondary> [--deep]
 * prints one JSON line: {ok, error?, ms}
 */
import { performance } from 'node:perf_hooks';
import { dist } from './child.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [url, userPoolId, primaryRegion, secondaryRegion, ...rest] = process.argv.slice(2);
const deep = rest.includes('--deep');

/** Every method call of every port waits for the one before it: one AWS call in flight at a time. */
function serialised(port, lock) {
  return new Proxy(port, {
    get(target, key) {
      const value = target[key];
      if (typeof value !== 'function') return value;
      return (...args) => {
        const run = lock.tail.then(() => value.apply(target, args));
        lock.tail = run.catch(() => {});
        return run;
      };
    },
  });
}

const started = performance.now();
const { AwsClients } = await dist('aws/clients.js');
const { SdkCognitoReader } = await dist('aws/cognito-reader.js');
const { SdkParityReader } = await dist('aws/parity-reader.js');
const { observeDrift } = await dist('core/drift/observe.js');
const clients = new AwsClients({ target: { endpoint: url, sandbox: true }, maxAttempts: 3 });
const lock = { tail: Promise.resolve() };
const readers = { cognito: serialised(new SdkCognitoReader(clients), lock), parity: serialised(new SdkParityReader(clients), lock) };
const clock = { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
let result;
try {
  // No pacing and no concurrency limit of mrrctl's own: the lock alone decides the order.
  await observeDrift(readers, { userPoolId, primaryRegion, secondaryRegion }, { deep, clock, cognitoConcurrency: 1e6, cognitoIntervalMs: 0, otherConcurrency: 1e6 });
  result = { ok: true };
} catch (err) {
  result = { ok: false, error: `${err?.name ?? 'Error'}: ${err?.message ?? err}` };
} finally {
  clients.destroy();
}
process.stdout.write(`${JSON.stringify({ ...result, ms: performance.now() - started })}\n`);
