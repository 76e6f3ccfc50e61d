/** `mrrctl replica create|activate|deactivate|delete|list` — phase 3. */
import type { Command } from 'commander';
import { observeReplica, secondaryOf } from '../../core/replica/observe.js';
import { planActivate, planCreate, planDeactivate, planDelete, type DriftGate, type ReplicaPlanParts } from '../../core/replica/plan.js';
import type { JsonObject } from '../../core/plan/types.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { parseTimeout } from '../flag-values.js';
import { commandEnv } from '../command-env.js';
import { runMutation, type MutationDefinition, type MutationEnv, type Prepared } from '../mutation.js';
import { readersFor } from '../readers.js';
import { replicaWaits } from '../../aws/replica-waits.js';
import { emitTo } from '../../ui/events.js';

interface ReplicaOptions extends JsonObject {
  wait: boolean;
  timeoutSeconds: number;
  allowDrift: boolean;
}

type Planner = (env: MutationEnv, o: Awaited<ReturnType<typeof observeReplica>>, opts: ReplicaOptions, drift: DriftGate) => ReplicaPlanParts;

/** Activation checks drift first (error-severity findings block it); the other subcommands do not. */
async function driftGate(env: MutationEnv, o: Awaited<ReturnType<typeof observeReplica>>): Promise<DriftGate> {
  if (secondaryOf(o.replicas, env.topology.secondaryRegion)?.Status !== 'INACTIVE') return { checked: false, reason: 'the replica is not INACTIVE' };
  const { checkDrift } = await import('./drift.js');
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

function definition(command: string, planner: Planner, destructive: boolean): MutationDefinition<ReplicaOptions> {
  return {
    command,
    async prepare(env, opts) {
      const readers = readersFor(env.aws);
      const observed = await observeReplica(readers, env.topology, env.config, { withKeys: command === 'replica create', withDns: destructive });
      const drift: DriftGate = command === 'replica activate' ? await driftGate(env, observed) : { checked: false, reason: 'not needed' };
      const parts = planner(env, observed, opts, drift);
      // Only what the plan depends on goes into the fingerprint, so unrelated edits do not stale it.
      const fingerprinted = { replicas: observed.replicas, routing: observed.routing ?? null, tier: observed.pool?.UserPoolTier ?? null };
      const question = `${command} for ${env.topology.userPoolId} in ${env.topology.secondaryRegion}`;
      return prepared(env, command, parts, fingerprinted, destructive ? { question, typeToConfirm: env.topology.secondaryRegion } : { question });
    },
    waits: (env) => replicaWaits({ cognito: readersFor(env.aws).cognito, clock: env.ctx.clock, emit: emitTo(env.ctx.log) }),
  };
}

export const replicaDefinitions = {
  create: definition('replica create', (env, o, opts) => planCreate(env.topology, o, opts), false),
  activate: definition('replica activate', (env, o, opts, drift) => planActivate(env.topology, o, { timeoutSeconds: opts.timeoutSeconds, drift, allowDrift: opts.allowDrift }), false),
  deactivate: definition('replica deactivate', (env, o) => planDeactivate(env.topology, o), true),
  delete: definition('replica delete', (env, o) => planDelete(env.topology, o), true),
};

interface MutatingFlags {
  dryRun?: boolean;
  planOut?: string;
  wait?: boolean;
  allowDrift?: boolean;
  timeout: string;
}

function addMutation(parent: Command, hooks: ProgramHooks, name: keyof typeof replicaDefinitions, description: string, example: string) {
  const cmd = parent
    .command(name)
    .description(description)
    .option('--dry-run', 'show the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .option('--timeout <seconds>', 'how long to wait for the replica status', '1800')
    .addHelpText('after', `\nExample:\n  ${example}`);
  if (name === 'create') cmd.option('--wait', 'wait until the replica leaves CREATING');
  if (name === 'activate') cmd.option('--allow-drift', 'activate even with error-severity drift between the Regions');
  cmd.action(
    actionFor<MutatingFlags>(hooks, async (ctx, _args, flags) => {
      const options: ReplicaOptions = { wait: Boolean(flags.wait), timeoutSeconds: parseTimeout(flags.timeout), allowDrift: Boolean(flags.allowDrift) };
      const env = await commandEnv(ctx);
      try {
        return await runMutation(env, replicaDefinitions[name], options, flags);
      } finally {
        env.aws.clients.destroy();
      }
    }),
  );
}

export function registerReplica(program: Command, hooks: ProgramHooks): void {
  const replica = program.command('replica').description('phase 3: the replica user pool in the secondary Region');
  addMutation(replica, hooks, 'create', 'create the replica (CreateUserPoolReplica); --wait follows CREATING → INACTIVE', 'mrrctl replica create --wait --yes');
  addMutation(replica, hooks, 'activate', 'activate the replica: it starts serving end users', 'mrrctl replica activate --yes');
  addMutation(replica, hooks, 'deactivate', 'deactivate the replica (refused while DNS routes to it)', 'mrrctl replica deactivate');
  addMutation(replica, hooks, 'delete', 'delete an INACTIVE replica (refused while DNS routes to it)', 'mrrctl replica delete');
  replica
    .command('list')
    .description('list the pool and its replicas')
    .addHelpText('after', '\nExample:\n  mrrctl replica list --output json')
    .action(
      actionFor(hooks, async (ctx) => {
        const env = await commandEnv(ctx);
        try {
          const replicas = await readersFor(env.aws).cognito.listReplicas(env.topology.primaryRegion, env.topology.userPoolId);
          return {
            command: 'replica list',
            ok: true,
            data: { userPoolId: env.topology.userPoolId, replicas },
            diagnostics: [],
            text: [
              'REGION          ROLE       STATUS     ARN',
              ...replicas.map((r) => `${r.RegionName.padEnd(15)} ${r.Role.padEnd(10)} ${r.Status.padEnd(10)} ${r.UserPoolArn ?? ''}`),
            ],
          };
        } finally {
          env.aws.clients.destroy();
        }
      }),
    );
}
