/** The pieces most commands need before they can observe anything: config, topology, AWS access. */
import { loadConfig, requireTopology } from './config-loader.js';
import { awsFor } from './aws-context.js';
import type { CommandContext } from './context.js';
import type { MutationEnv } from './mutation.js';

export async function commandEnv(ctx: CommandContext): Promise<MutationEnv> {
  const loaded = await loadConfig({ flags: ctx.flags, env: ctx.env, cwd: ctx.cwd });
  const topology = requireTopology(loaded);
  const aws = await awsFor(ctx);
  return { ctx, aws, topology, config: loaded.config };
}
