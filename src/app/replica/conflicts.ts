/**
 * A replica write that AWS refuses because another run got there first — a second
 * CreateUserPoolReplica (LimitExceededException: a pool has at most one secondary), or a concurrent
 * activate/deactivate/delete (ConcurrentModificationException) — is a conflict, exit 4, not a failure:
 * the replica is re-read and the other run's outcome named.
 */
import type { Diagnostic } from '../../ui/output.js';
import type { StopHooks } from '../mutation/definition.js';

const LOST_RACE = new Set(['LimitExceededException', 'ConcurrentModificationException']);

export const replicaHooks: StopHooks = {
  afterStop: async () => [],
  async conflict(env, _plan, result): Promise<Diagnostic | undefined> {
    const failed = result?.results.find((r) => r.status === 'failed');
    if (!failed?.error || !LOST_RACE.has(failed.error.name) || !failed.stepId.startsWith('cognito.')) return undefined;
    const { userPoolId, primaryRegion } = env.topology;
    const replicas = await env.ports.cognito.listReplicas(primaryRegion, userPoolId).catch(() => undefined);
    const secondary = replicas?.find((r) => r.Role === 'SECONDARY');
    // A refusal with no other replica to show is not another run's doing: leave it a failure (exit 1).
    if (!secondary) return undefined;
    const creating = failed.stepId === 'cognito.create-replica';
    return {
      severity: 'error',
      code: 'MRR_REPLICA_E001',
      message:
        `${creating ? `replica in ${secondary.RegionName} already ${secondary.Status}, created by another run` : `the replica in ${secondary.RegionName} is now ${secondary.Status}, changed by another run`} ` +
        `(${failed.error.name}: ${failed.error.message}); this run changed nothing more — ` +
        (creating ? '`mrrctl replica create --wait` waits for it' : '`mrrctl status` shows it; re-run to plan from the current state'),
    };
  },
};
