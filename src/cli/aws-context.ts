/**
 * The AWS side of a command's context: resolves the target (AWS, --endpoint-url or the sandbox),
 * wires --verbose to stderr, and loads the client factory only when a command needs AWS.
 */
import type { AwsAccess, CommandContext } from '../app/context.js';
import { formatCallRecord } from '../aws/call-logger.js';
import { terminalSafe } from '../ui/terminal-safe.js';
import { isAwsEndpointHost, resolveAwsTarget } from '../aws/target.js';

export type { AwsAccess } from '../app/context.js';

/**
 * The one path to AWS for every command: the target, then — before any Region is asked — that the
 * sandbox answers (--sandbox) or that the credentials resolve (AWS, --endpoint-url). Either failure
 * is exit 2 naming what to fix, never a per-Region outage.
 */
export async function awsFor(ctx: CommandContext): Promise<AwsAccess> {
  const target = resolveAwsTarget(ctx.flags, ctx.env);
  if (target.sandbox && target.endpoint) {
    const { requireSandbox } = await import('../aws/sandbox-check.js');
    await requireSandbox(target.endpoint, typeof ctx.flags.sandbox === 'string' ? '--sandbox' : ctx.env.MRRCTL_SANDBOX_URL ? 'MRRCTL_SANDBOX_URL' : '--sandbox');
  }
  const { AwsClients } = await import('../aws/clients.js');
  // AWS_ENDPOINT_URL* pointing elsewhere sends the real access key id in every signature: say where
  // the calls go, once per endpoint (text mode: JSON mode keeps stderr empty).
  const noticed = new Set<string>();
  const onEndpoint = (endpoint: string) => {
    if (ctx.flags.output !== 'text' || noticed.has(endpoint)) return;
    noticed.add(endpoint);
    let host = '';
    try {
      host = new URL(endpoint).hostname;
    } catch {
      // A malformed URL fails in the SDK with its own message.
    }
    if (host !== '' && isAwsEndpointHost(host)) return;
    ctx.log(`note: AWS calls go to ${endpoint} (--endpoint-url, AWS_ENDPOINT_URL… or the profile's endpoint_url), not to AWS; they are signed with your credentials [MRR_ENDPOINT_I001]`);
  };
  const clients = new AwsClients({
    target,
    env: ctx.env,
    onEndpoint,
    // --verbose asks for the call log on stderr, in JSON mode too (as `aws --debug` or `kubectl -v`
    // do): the one thing JSON mode writes there, and only when asked (docs/json.md).
    onCall: ctx.flags.verbose ? (record) => ctx.io.stderr.write(`${terminalSafe(formatCallRecord(record), { allowColour: ctx.terminal.colorStderr })}\n`) : undefined,
  });
  const provider = clients.credentialsProvider;
  if (provider) {
    const { requireCredentials } = await import('../aws/credential-check.js');
    const profileFrom = ctx.flags.profile ? '--profile' : target.profile ? 'AWS_PROFILE' : undefined;
    try {
      await requireCredentials(ctx.env, { profile: target.profile, profileFrom }, provider);
    } catch (err) {
      clients.destroy();
      throw err;
    }
  }
  return { target, clients };
}
