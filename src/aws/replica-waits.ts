/** The WaitForReplicaStatus pseudo-operation: poll ListUserPoolReplicas until the replica's status is reached. */
import type { Step } from '../core/plan/types.js';
import type { CognitoReader } from '../core/ports/cognito.js';
import type { Clock } from '../core/clock.js';
import { waitProgress, type EmitEvent } from '../core/events.js';
import { pollUntil } from './poll.js';
import type { WaitHandler } from './step-executor.js';

interface WaitInput {
  UserPoolId: string;
  RegionName: string;
  Statuses: string[];
  TimeoutSeconds?: number;
}

/** `emit` receives the wait's progress (a wait.progress event) about once a second. */
export function replicaWaits(deps: { cognito: CognitoReader; clock: Clock; emit: EmitEvent }): Record<string, WaitHandler> {
  return {
    WaitForReplicaStatus: async (step: Step, signal?: AbortSignal) => {
      const input = step.input as unknown as WaitInput;
      const status = async () =>
        (await deps.cognito.listReplicas(step.region, input.UserPoolId)).find((r) => r.Role === 'SECONDARY' && r.RegionName === input.RegionName)?.Status ??
        'MISSING';
      let lastShown = -1;
      const final = await pollUntil({
        clock: deps.clock,
        signal,
        timeoutSeconds: input.TimeoutSeconds ?? 1800,
        what: `the replica in ${input.RegionName} to be ${input.Statuses.join(' or ')}`,
        read: status,
        done: (s) => input.Statuses.includes(s),
        onPending: (s, elapsed) => {
          const seconds = Math.floor(elapsed / 1000);
          if (seconds !== lastShown) {
            lastShown = seconds;
            deps.emit(waitProgress({ stepId: step.id, waitingFor: `replica in ${input.RegionName}`, state: s, sinceMs: elapsed }));
          }
        },
      });
      return { status: 'applied', output: { RegionName: input.RegionName, Status: final } };
    },
  };
}
