/** `mrrctl replica create|activate|deactivate|delete|list` — phase 3. */
import type { Command } from 'commander';
import type { MutationFlags } from '../../app/mutation/definition.js';
import type { ReplicaFlags } from '../../app/replica/definitions.js';
import type { Diagnostic } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { loadMutationFlow } from '../lazy-flow.js';

/** The definitions load only when a replica command runs, not for `replica --help`. */
async function definitions() {
  const { replicaActivate, replicaCreate, replicaDeactivate, replicaDelete } = await import('../../app/replica/definitions.js');
  return { create: replicaCreate, activate: replicaActivate, deactivate: replicaDeactivate, delete: replicaDelete };
}

function addMutation(parent: Command, hooks: ProgramHooks, name: 'create' | 'activate' | 'deactivate' | 'delete', description: string, example: string) {
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
    actionFor<ReplicaFlags & MutationFlags>(hooks, async (ctx, _args, flags) => {
      const [{ bindMutation, resolveEnv, runMutation }, all] = await Promise.all([loadMutationFlow(), definitions()]);
      const definition = all[name];
      const mutation = bindMutation(definition, definition.fromFlags(flags, ctx));
      return runMutation(await resolveEnv(ctx), mutation, flags);
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
        const [{ resolveEnv }, { listReplicasReadable }, { ReadLog }] = await Promise.all([
          loadMutationFlow(),
          import('../../core/replica/list.js'),
          import('../../core/unreadable.js'),
        ]);
        const { topology, ports } = await resolveEnv(ctx);
        const reads = new ReadLog(ctx.signal);
        const listing = await listReplicasReadable(ports.cognito, topology, reads);
        const diagnostics: Diagnostic[] = listing.unreadable.map((u) => ({ severity: 'error', code: 'MRR_UNREADABLE_E001', message: u.message }));
        const text = [...listing.unreadable.map((u) => u.message)];
        if (listing.stale) {
          const note = `${topology.primaryRegion} did not answer: replicas as ${listing.answeredBy} reports them; the view may be stale`;
          diagnostics.push({ severity: 'warning', code: 'MRR_UNREADABLE_W002', message: note });
          text.push(`answered by ${listing.answeredBy} (${topology.primaryRegion} did not answer): the view may be stale`);
        }
        for (const region of listing.notHostedIn) text.push(`${region} does not host the pool, so it cannot answer for it`);
        if (listing.replicas) {
          text.push(
            'REGION          ROLE       STATUS     ARN',
            ...listing.replicas.map((r) => `${r.RegionName.padEnd(15)} ${r.Role.padEnd(10)} ${r.Status.padEnd(10)} ${r.UserPoolArn ?? ''}`),
          );
        }
        const ok = listing.unreadable.length === 0;
        // camelCase, as every command's data (docs/json.md); AWS's RegionName is `region` as elsewhere.
        const replicas = listing.replicas?.map((r) => ({ region: r.RegionName, role: r.Role, status: r.Status, userPoolArn: r.UserPoolArn ?? null })) ?? null;
        return { command: 'replica list', ok, data: { ...listing, replicas }, diagnostics, text, exitCode: ok ? 0 : 3 };
      }),
    );
}
