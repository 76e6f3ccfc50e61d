/** A command run's context resolved into what the use-cases work with: topology, config, AWS access, read ports. */
import type { CommandContext } from './context.js';
import type { MutationEnv } from './mutation/definition.js';

/** Config first, then AWS access: a config error is reported before any AWS set-up. */
export async function resolveEnv(ctx: CommandContext): Promise<MutationEnv> {
  const topology = await ctx.topology();
  const { config } = await ctx.config();
  const aws = await ctx.aws();
  return { ctx, aws, ports: ctx.ports, topology, config };
}
