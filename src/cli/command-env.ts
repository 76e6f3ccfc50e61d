/** The pieces most commands need before they can observe anything: config, topology, AWS access. */
import type { CommandContext } from './context.js';
import type { MutationEnv } from './mutation.js';

export async function commandEnv(ctx: CommandContext): Promise<MutationEnv> {
  // Imported here, not at the top: the schema and YAML libraries are not needed for --help.
  const { loadConfig, requireTopology } = await import('./config-loader.js');
  const { awsFor } = await import('./aws-context.js');
  const loaded = await loadConfig({ flags: ctx.flags, env: ctx.env, cwd: ctx.cwd });
  const topology = requireTopology(loaded);
  const aws = await awsFor(ctx);
  return { ctx, aws, topology, config: loaded.config };
}
