/**
 * The WaitForKeyReplica pseudo-operation: a new replica key starts Creating and is unusable until
 * Enabled (aws-conformance B3), so the plan waits before anything relies on it. Polls DescribeKey in the
 * step's Region with backoff; times out with WaitTimeoutError (exit 6). A replica that settles in a
 * state other than Enabled fails at once instead of waiting out the timeout.
 */
import { AwsCallError } from '../core/errors.js';
import type { Step } from '../core/plan/types.js';
import type { KeyMetadata, KmsReader } from '../core/ports/kms.js';
import type { Clock } from '../core/clock.js';
import { waitProgress, type EmitEvent } from '../core/events.js';
import { pollUntil } from './poll.js';
import type { WaitHandler } from './step-executor.js';

interface WaitInput {
  KeyId: string;
  TimeoutSeconds?: number;
}

/** States a replica can pass through on its way to Enabled; anything else will not become Enabled by waiting. */
const ON_THE_WAY = new Set(['Creating', 'MISSING', 'Updating']);

/** `emit` receives the wait's progress (a wait.progress event) about once a second. */
export function keyWaits(deps: { kms: KmsReader; clock: Clock; emit: EmitEvent }): Record<string, WaitHandler> {
  return {
    WaitForKeyReplica: async (step: Step, signal?: AbortSignal) => {
      const input = step.input as unknown as WaitInput;
      const state = (key: KeyMetadata | undefined) => key?.KeyState ?? 'MISSING';
      let lastShown = -1;
      const key = await pollUntil({
        clock: deps.clock,
        signal,
        timeoutSeconds: input.TimeoutSeconds ?? 300,
        what: `the replica key ${input.KeyId} in ${step.region} to be Enabled`,
        // Just after ReplicateKey the replica may not be visible yet in its Region: keep polling.
        read: () => deps.kms.describeKey(step.region, input.KeyId),
        done: (k) => !ON_THE_WAY.has(state(k)),
        onPending: (k, elapsed) => {
          const seconds = Math.floor(elapsed / 1000);
          if (seconds !== lastShown) {
            lastShown = seconds;
            deps.emit(waitProgress({ stepId: step.id, waitingFor: `replica key in ${step.region}`, state: state(k), sinceMs: elapsed }));
          }
        },
        minDelayMs: 250,
        maxDelayMs: 5_000,
      });
      if (state(key) !== 'Enabled') {
        throw new AwsCallError(
          'MRR_KEYS_E101',
          `the replica key ${input.KeyId} in ${step.region} is ${state(key)}, not Enabled; enable it (aws kms enable-key) or cancel its deletion, then re-run`,
        );
      }
      return { status: 'applied', output: { KeyId: key?.KeyId ?? input.KeyId, Arn: key?.Arn ?? null, KeyState: state(key) } };
    },
  };
}
