/**
 * The AWS side of a command's context: resolves the target (AWS, --endpoint-url or the sandbox),
 * wires --verbose to stderr, and loads the client factory only when a command needs AWS.
 */
import type { AwsAccess, CommandContext } from '../app/context.js';
import { formatCallRecord } from '../aws/call-logger.js';
import { resolveAwsTarget } from '../aws/target.js';

export type { AwsAccess } from '../app/context.js';

export async function awsFor(ctx: CommandContext): Promise<AwsAccess> {
  const target = resolveAwsTarget(ctx.flags, ctx.env);
  const { AwsClients } = await import('../aws/clients.js');
  const clients = new AwsClients({
    target,
    env: ctx.env,
    onCall: ctx.flags.verbose ? (record) => ctx.log(formatCallRecord(record)) : undefined,
  });
  return { target, clients };
}
