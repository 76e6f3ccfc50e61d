/** `mrrctl replica create|activate|deactivate|delete` (phase 3) as mutation definitions. */
import { replicaWaits } from '../../aws/replica-waits.js';
import type { JsonObject } from '../../core/plan/types.js';
import { observeReplica, secondaryOf } from '../../core/replica/observe.js';
import { planActivate, planCreate, planDeactivate, planDelete, type DriftGate, type ReplicaPlanParts } from '../../core/replica/plan.js';
import { checkDrift } from '../drift/check.js';
import { parseTimeout } from '../flag-values.js';
import { defineMutation, type MutationEnv, type Prepared } from '../mutation/definition.js';
import { savedBoolean, savedNumber } from '../mutation/saved-options.js';
import { emitTo } from '../../ui/events.js';
import { replicaHooks } from './conflicts.js';

export interface ReplicaOptions extends JsonObject {
  wait: boolean;
  timeoutSeconds: number;
  allowDrift: boolean;
}

export interface ReplicaFlags {
  wait?: boolean;
  allowDrift?: boolean;
  timeout: string;
}

type Observation = Awaited<ReturnType<typeof observeReplica>>;
type Planner = (env: MutationEnv, o: Observation, opts: ReplicaOptions, drift: DriftGate) => ReplicaPlanParts;

/** Activation checks drift first (error-severity findings block it); the other subcommands do not. */
async function driftGate(env: MutationEnv, o: Observation): Promise<DriftGate> {
  if (secondaryOf(o.replicas, env.topology.secondaryRegion)?.Status !== 'INACTIVE') return { checked: false, reason: 'the replica is not INACTIVE' };
  const report = await checkDrift(env, { failOn: 'error' });
  return { checked: true, errorCodes: report.findings.filter((f) => f.severity === 'error').map((f) => f.code) };
}

function prepared(env: MutationEnv, command: string, parts: ReplicaPlanParts, observed: unknown, confirm: Prepared['confirm']): Prepared {
  const { topology } = env;
  return {
    draft: { command, ...topology, observed, steps: parts.steps, guards: parts.guards, notes: parts.notes },
    confirm,
    refused: parts.guards.some((g) => !g.ok && !g.waived),
  };
}

function definition(command: string, planner: Planner, destructive: boolean) {
  return defineMutation<ReplicaOptions, ReplicaFlags>({
    command,
    waivers: { allowDrift: '--allow-drift' },
    hooks: replicaHooks,
    fromFlags: (flags) => ({ wait: Boolean(flags.wait), timeoutSeconds: parseTimeout(flags.timeout), allowDrift: Boolean(flags.allowDrift) }),
    fromSaved: (saved) => ({ wait: savedBoolean(saved, 'wait'), timeoutSeconds: savedNumber(saved, 'timeoutSeconds'), allowDrift: savedBoolean(saved, 'allowDrift') }),
    async prepare(env, opts) {
      const observed = await observeReplica(env.ports, env.topology, env.config, { withKeys: command === 'replica create', withDns: destructive });
      const drift: DriftGate = command === 'replica activate' ? await driftGate(env, observed) : { checked: false, reason: 'not needed' };
      const parts = planner(env, observed, opts, drift);
      // Only what the plan depends on goes into the fingerprint, so unrelated edits do not stale it.
      const fingerprinted = { replicas: observed.replicas, routing: observed.routing ?? null, tier: observed.pool?.UserPoolTier ?? null };
      const question = `${command} for ${env.topology.userPoolId} in ${env.topology.secondaryRegion}`;
      return prepared(env, command, parts, fingerprinted, destructive ? { question, typeToConfirm: env.topology.secondaryRegion } : { question });
    },
    waits: (env) => replicaWaits({ cognito: env.ports.cognito, clock: env.ctx.clock, emit: emitTo(env.ctx.log) }),
  });
}

export const replicaCreate = definition('replica create', (env, o, opts) => planCreate(env.topology, o, opts), false);
export const replicaActivate = definition('replica activate', (env, o, opts, drift) => planActivate(env.topology, o, { timeoutSeconds: opts.timeoutSeconds, drift, allowDrift: opts.allowDrift }), false);
export const replicaDeactivate = definition('replica deactivate', (env, o) => planDeactivate(env.topology, o), true);
export const replicaDelete = definition('replica delete', (env, o) => planDelete(env.topology, o), true);
