/**
 * The Route 53 ARC cluster adapter: every call is tried against the cluster's Regional endpoints in
 * rotation until one answers (ARC's documented practice; aws-conformance G3). Each endpoint gets its own SDK
 * client (its URL and its Region), one attempt and short timeouts, so five endpoints of which two are
 * down still answer within seconds. Errors that another endpoint would answer the same way (a safety
 * rule, access denied, an unknown ARN) stop the rotation as an ArcRefusal; the rest move on.
 */
import {
  GetRoutingControlStateCommand,
  UpdateRoutingControlStatesCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import type { ArcEndpoint } from '../core/dns/arc-config.js';
import { ArcRefusal, ArcUnreachable, type ArcAnswer, type ArcAttempt, type ArcCluster, type RoutingControlState } from '../core/ports/arc.js';
import type { AwsClients } from './clients.js';

/** Per endpoint: a dead endpoint costs at most this much before the next is tried. */
export const ARC_CONNECT_TIMEOUT_MS = 1_500;
export const ARC_REQUEST_TIMEOUT_MS = 3_000;

/**
 * Errors that are the request's, not the endpoint's: every endpoint of the cluster would answer the
 * same. ConflictException is how a state change that breaks a safety rule is refused [INF: the API
 * reference lists it for UpdateRoutingControlState(s); the sandbox answers so].
 */
const REFUSALS = new Set(['AccessDeniedException', 'ConflictException', 'ResourceNotFoundException', 'ValidationException', 'ServiceLimitExceededException']);

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message || String(err)}`;
}

/** Where the rotation starts for the next call of this process: a rotating counter with a random start. */
let nextStart = Math.floor(Math.random() * 5);

export interface ArcClusterOptions {
  /** Index of the first endpoint to try (tests pin it); default a rotating one. */
  start?: number;
}

export function arcCluster(clients: AwsClients, endpoints: ArcEndpoint[], options: ArcClusterOptions = {}): ArcCluster {
  const order = (avoid?: string): ArcEndpoint[] => {
    if (endpoints.length === 0) return [];
    const start = (options.start ?? nextStart++) % endpoints.length;
    const rotated = [...endpoints.slice(start), ...endpoints.slice(0, start)];
    // "from a different endpoint": the avoided one goes last, still usable if it is the only one up.
    return avoid ? [...rotated.filter((e) => e.url !== avoid), ...rotated.filter((e) => e.url === avoid)] : rotated;
  };

  async function rotate<T>(call: (client: Awaited<ReturnType<AwsClients['arcCluster']>>) => Promise<T>, avoid?: string): Promise<ArcAnswer<T>> {
    const failed: ArcAttempt[] = [];
    for (const endpoint of order(avoid)) {
      try {
        const client = await clients.arcCluster(endpoint.url, endpoint.region, { maxAttempts: 1, connectionTimeoutMs: ARC_CONNECT_TIMEOUT_MS, requestTimeoutMs: ARC_REQUEST_TIMEOUT_MS });
        return { value: await call(client), endpoint, failed };
      } catch (err) {
        const name = (err as { name?: string }).name ?? '';
        if (REFUSALS.has(name)) throw new ArcRefusal(name, (err as Error).message ?? name, endpoint, failed, (err as { resourceId?: string }).resourceId);
        failed.push({ endpoint, error: describe(err) });
      }
    }
    throw new ArcUnreachable(failed);
  }

  return {
    endpoints: () => [...endpoints],
    async getStates(arns, opts = {}) {
      // One endpoint answers for all the controls: a second one could disagree only mid-update.
      return rotate(async (client) => {
        const states: Record<string, RoutingControlState> = {};
        for (const arn of arns) {
          const out = await client.send(new GetRoutingControlStateCommand({ RoutingControlArn: arn }));
          states[arn] = out.RoutingControlState === 'On' ? 'On' : 'Off';
        }
        return states;
      }, opts.avoid);
    },
    async updateStates(states, overrideSafetyRules) {
      return rotate(async (client) => {
        await client.send(
          new UpdateRoutingControlStatesCommand({
            UpdateRoutingControlStateEntries: Object.entries(states).map(([arn, state]) => ({ RoutingControlArn: arn, RoutingControlState: state })),
            ...(overrideSafetyRules.length > 0 ? { SafetyRulesToOverride: overrideSafetyRules } : {}),
          }),
        );
        return null;
      });
    },
  };
}
