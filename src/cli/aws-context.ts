/**
 * The AWS side of a command's context: resolves the target (AWS, --endpoint-url or the sandbox),
 * wires --verbose to stderr, and loads the client factory only when a command needs AWS.
 */
import type { AwsClients } from '../aws/clients.js';
import { formatCallRecord } from '../aws/call-logger.js';
import { resolveAwsTarget, type AwsTarget } from '../aws/target.js';
import type { CommandContext } from './context.js';

export interface AwsAccess {
  target: AwsTarget;
  clients: AwsClients;
}

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
