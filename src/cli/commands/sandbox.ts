/** `mrrctl sandbox start|stop|status|seed|fault|reset`: the embedded two-Region AWS endpoint. */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { FILE_MODES, checkWritable, writeFileSafely } from '../../app/files/safe-write.js';
import { InputError } from '../../core/errors.js';
import { DEFAULT_SANDBOX_URL, resolveAwsTarget } from '../../aws/target.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { CommandContext } from '../context.js';
import { SandboxAdmin } from '../sandbox-admin.js';
import { runSandboxStart, stopSandbox, type StartFlags } from '../sandbox-process.js';
import { seedLines, type SeedAnswer } from '../sandbox-seed-text.js';

/** The sandbox's URL, checked like every sandbox URL: http(s), and never an AWS endpoint. */
export function sandboxUrl(ctx: CommandContext): string {
  return resolveAwsTarget({ sandbox: typeof ctx.flags.sandbox === 'string' ? ctx.flags.sandbox : true }, ctx.env).endpoint ?? DEFAULT_SANDBOX_URL;
}

function adminFor(ctx: CommandContext): SandboxAdmin {
  return new SandboxAdmin(sandboxUrl(ctx), ctx.env.MRRCTL_SANDBOX_ADMIN_TOKEN || undefined);
}

/**
 * A number flag within its range. An absurd value (`--ms 99999999999`, beyond what a timer can hold)
 * used to be accepted and then do nothing: the range says what makes sense for a rehearsal.
 */
function number(flag: string, raw: string | undefined, range: { min: number; max: number; whole: boolean; above?: true }, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const shape = range.whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const low = range.above ? value > range.min : value >= range.min;
  if (!shape.test(raw.trim()) || !low || value > range.max) throw new InputError('MRR_INPUT_E020', 'flags', flag, raw, expected);
  return value;
}

export const FAULT_LIMITS = { maxMs: 600_000, maxCount: 1_000_000 } as const;

interface FaultFlags {
  region?: string;
  service?: string;
  operation?: string;
  kind?: string;
  ratio?: string;
  ms?: string;
  count?: string;
  clear?: boolean;
}

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
      actionFor<FaultFlags>(hooks, async (ctx, _args, f) => {
        const admin = adminFor(ctx);
        if (f.clear) {
          const r = await admin.request<{ cleared: number }>('DELETE', 'faults');
          return { command: 'sandbox fault', ok: true, data: r, diagnostics: [], text: [`Cleared ${r.cleared} fault(s).`] };
        }
        if (!f.kind) throw new InputError('MRR_INPUT_E021', 'flags', '--kind', undefined, 'outage, throttle, error or latency (or --clear)');
        const body: Record<string, unknown> = { kind: f.kind };
        for (const key of ['region', 'service', 'operation'] as const) if (f[key] !== undefined) body[key] = f[key];
        const ratio = number('--ratio', f.ratio, { min: 0, max: 1, whole: false, above: true }, 'a number greater than 0 and at most 1');
        if (ratio !== undefined) body.ratio = ratio;
        const ms = number('--ms', f.ms, { min: 1, max: FAULT_LIMITS.maxMs, whole: true }, `a whole number of milliseconds from 1 to ${FAULT_LIMITS.maxMs} (10 minutes)`);
        if (ms !== undefined) body.ms = ms;
        const count = number('--count', f.count, { min: 1, max: FAULT_LIMITS.maxCount, whole: true }, `a whole number from 1 to ${FAULT_LIMITS.maxCount}`);
        if (count !== undefined) body.count = count;
        const fault = await admin.request<Record<string, unknown>>('POST', 'faults', body);
        return { command: 'sandbox fault', ok: true, data: fault, diagnostics: [], text: [`Fault ${fault.id}: ${JSON.stringify(body)}`] };
      }),
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
      actionFor<StartFlags & { adminTokenFromEnv?: boolean }>(hooks, (ctx, _args, flags) =>
        runSandboxStart(ctx, flags.adminTokenFromEnv ? { ...flags, adminToken: ctx.env.MRRCTL_SANDBOX_ADMIN_TOKEN } : flags),
      ),
    );
  sandbox
    .command('stop')
    .description('stop a sandbox started with --detach')
    .option('--port <port>', 'port of the sandbox to stop', '4566')
    .addHelpText('after', '\nExample:\n  mrrctl sandbox stop --port 4566')
    .action(actionFor<{ port: string }>(hooks, (ctx, _args, flags) => stopSandbox(ctx, flags.port)));
  sandbox
    .command('status')
    .description('the world (pools, replicas, keys, zones, health checks) and the call log summary')
    .addHelpText('after', '\nExample:\n  mrrctl --sandbox http://127.0.0.1:4566 sandbox status --output json')
    .action(
      actionFor(hooks, async (ctx) => {
        const state = await adminFor(ctx).request<Record<string, any>>('GET', 'state');
        const lines = [`Sandbox ${sandboxUrl(ctx)} — Regions: ${(state.regions ?? []).join(', ') || 'none yet'}`];
        for (const p of state.pools ?? []) lines.push(`  pool ${p.id} (${p.region}, ${p.tier ?? '?'})${p.replicas ? ` replicas: ${p.replicas.map((r: any) => `${r.RegionName}=${r.Status}`).join(' ')}` : ''}`);
        for (const k of state.keys ?? []) lines.push(`  key ${k.keyId} (${k.region}, ${k.state}${k.multiRegion ? ', multi-Region ' + (k.role ?? '') : ''}) ${k.aliases.join(' ')}`);
        for (const z of state.zones ?? []) lines.push(`  zone ${z.id} ${z.name}`);
        for (const h of state.healthChecks ?? []) lines.push(`  health check ${h.id} ${h.fqdn ?? ''} ${h.healthy === false ? 'UNHEALTHY' : 'healthy'}${h.inverted ? ' inverted' : ''}`);
        for (const f of state.faults ?? []) lines.push(`  fault ${f.id}: ${f.kind} ${f.region ?? '*'} ${f.service ?? '*'} ${f.operation ?? '*'}`);
        lines.push(`  calls: ${state.calls?.total ?? 0} (${state.calls?.writes ?? 0} writes, ${state.calls?.errors ?? 0} errors)`);
        return { command: 'sandbox status', ok: true, data: state, diagnostics: [], text: lines };
      }),
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
      actionFor<{ scenario: string; dnsStrategy: string; writeConfig?: string }>(hooks, async (ctx, _args, flags) => {
        // A config is meant to be shared (0644); a bad path is refused before the world is seeded.
        const configTarget = flags.writeConfig
          ? { path: resolve(ctx.cwd, flags.writeConfig), what: 'the config file (--write-config)', mode: FILE_MODES.shared }
          : undefined;
        if (configTarget) await checkWritable(configTarget);
        const r = await adminFor(ctx).request<SeedAnswer>('POST', 'seed', { scenario: flags.scenario, dnsStrategy: flags.dnsStrategy });
        if (configTarget) await writeFileSafely(configTarget, r.config);
        return { command: 'sandbox seed', ok: true, data: r, diagnostics: [], text: seedLines(r, flags.writeConfig) };
      }),
    );
  sandbox
    .command('reset')
    .description('empty the world (pools, keys, zones, faults, call log)')
    .addHelpText('after', '\nExample:\n  mrrctl sandbox reset && mrrctl sandbox seed')
    .action(
      actionFor(hooks, async (ctx) => {
        await adminFor(ctx).request('POST', 'reset');
        return { command: 'sandbox reset', ok: true, data: { reset: true }, diagnostics: [], text: ['The sandbox world is empty.'] };
      }),
    );
  registerFault(sandbox, hooks);
}
