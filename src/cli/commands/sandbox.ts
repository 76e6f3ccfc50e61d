/** `mrrctl sandbox start|stop|status|seed|fault|reset`: the embedded two-Region AWS endpoint. */
import { Option, type Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { StartFlags } from '../sandbox-process.js';
import type { FaultFlags, SeedFlags } from './sandbox/run.js';

function registerFault(sandbox: Command, hooks: ProgramHooks) {
  sandbox
    .command('fault')
    .description('inject a fault (outage, throttle, error, latency) or clear them all')
    .option('--region <region>', 'Region the fault applies to')
    .option('--service <service>', 'service (cognito-idp, kms, route53, …); all when omitted')
    .option('--operation <op>', 'one operation, e.g. DescribeUserPool')
    .addOption(new Option('--kind <kind>', 'what goes wrong').choices(['outage', 'throttle', 'error', 'latency']))
    .option('--ratio <0..1>', 'share of matching calls affected (default 1)')
    .option('--ms <n>', 'added latency for --kind latency')
    .option('--count <n>', 'affect only the next n matching calls (a burst)')
    .option('--clear', 'remove every fault')
    .addHelpText('after', '\nExamples:\n  mrrctl sandbox fault --region us-east-1 --kind outage\n  mrrctl sandbox fault --clear')
    .action(
      actionFor<FaultFlags>(hooks, async (ctx, _args, f) => (await import('./sandbox/run.js')).runFault(ctx, f)),
    );
}

export function registerSandbox(program: Command, hooks: ProgramHooks): void {
  const sandbox = program.command('sandbox').description('the embedded two-Region AWS endpoint for rehearsals and tests');
  sandbox
    .command('start')
    .description('serve every emulated service on one port (foreground, or --detach)')
    .option('--port <port>', 'port (0 = any free port)', '4566')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--state <file>', 'keep the world in this file across restarts')
    .option('--replica-delay <s>', 'seconds a replica stays CREATING (and a replica key Creating)')
    .option('--dns-delay <s>', 'seconds a Route 53 change stays PENDING')
    .option('--sync-delay <s>', 'seconds for primary changes to reach the replica')
    .option('--latency <ms>', 'milliseconds added to every AWS call')
    .option('--detach', 'run in the background and return once it answers')
    .option('--admin-token <token>', 'require this token for /_sandbox/* (generated and printed when --host is not loopback)')
    .addOption(new Option('--admin-token-from-env').hideHelp())
    .addHelpText('after', '\nExample:\n  mrrctl sandbox start --detach && mrrctl sandbox seed --write-config mrrctl.yaml')
    .action(
      // The sandbox itself (every emulated service) loads only when a subcommand runs (./sandbox/run.ts).
      actionFor<StartFlags & { adminTokenFromEnv?: boolean }>(hooks, async (ctx, _args, flags) =>
        (await import('./sandbox/run.js')).runStart(ctx, flags.adminTokenFromEnv ? { ...flags, adminToken: ctx.env.MRRCTL_SANDBOX_ADMIN_TOKEN } : flags),
      ),
    );
  sandbox
    .command('stop')
    .description('stop a sandbox started with --detach')
    .option('--port <port>', 'port of the sandbox to stop', '4566')
    .addHelpText('after', '\nExample:\n  mrrctl sandbox stop --port 4566')
    .action(actionFor<{ port: string }>(hooks, async (ctx, _args, flags) => (await import('./sandbox/run.js')).runStop(ctx, flags.port)));
  sandbox
    .command('status')
    .description('the world (pools, replicas, keys, zones, health checks) and the call log summary')
    .addHelpText('after', '\nExample:\n  mrrctl --sandbox http://127.0.0.1:4566 sandbox status --output json')
    .action(
      actionFor(hooks, async (ctx) => (await import('./sandbox/run.js')).runStatus(ctx)),
    );
  sandbox
    .command('seed')
    .description('create a realistic starting world (refused when the world is already seeded)')
    .addOption(new Option('--scenario <name>', 'the world to create').choices(['demo']).default('demo'))
    .addOption(
      new Option('--dns-strategy <strategy>', 'how the demo routes auth.example.com (the written config matches)')
        .choices(['weighted', 'cognito-domain', 'arc-routing-control'])
        .default('weighted'),
    )
    .option('--write-config <file>', 'write the matching mrrctl.yaml')
    .addHelpText(
      'after',
      '\nExamples:\n  mrrctl sandbox seed --write-config mrrctl.yaml\n  mrrctl sandbox seed --dns-strategy arc-routing-control --write-config mrrctl.yaml',
    )
    .action(
      actionFor<SeedFlags>(hooks, async (ctx, _args, flags) => (await import('./sandbox/run.js')).runSeed(ctx, flags)),
    );
  sandbox
    .command('reset')
    .description('empty the world (pools, keys, zones, faults, call log)')
    .addHelpText('after', '\nExample:\n  mrrctl sandbox reset && mrrctl sandbox seed')
    .action(
      actionFor(hooks, async (ctx) => (await import('./sandbox/run.js')).runReset(ctx)),
    );
  registerFault(sandbox, hooks);
}
