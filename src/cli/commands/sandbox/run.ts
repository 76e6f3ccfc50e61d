/** The bodies of `mrrctl sandbox …` (loaded by ../sandbox.ts when a subcommand runs, not for its --help). */
import { resolve } from 'node:path';
import { FILE_MODES, checkWritable, writeFileSafely } from '../../../app/files/safe-write.js';
import { InputError } from '../../../core/errors.js';
import { DEFAULT_SANDBOX_URL, resolveAwsTarget } from '../../../aws/target.js';
import type { CommandResult } from '../../../ui/output.js';
import type { CommandContext } from '../../context.js';
import { SandboxAdmin } from '../../sandbox-admin.js';
import { runSandboxStart, stopSandbox, type StartFlags } from '../../sandbox-process.js';
import { seedLines, type SeedAnswer } from '../../sandbox-seed-text.js';

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

export interface FaultFlags {
  region?: string;
  service?: string;
  operation?: string;
  kind?: string;
  ratio?: string;
  ms?: string;
  count?: string;
  clear?: boolean;
}

export interface SeedFlags {
  scenario: string;
  dnsStrategy: string;
  writeConfig?: string;
}

export function runStart(ctx: CommandContext, flags: StartFlags): Promise<CommandResult> {
  return runSandboxStart(ctx, flags);
}

export function runStop(ctx: CommandContext, port: string): Promise<CommandResult> {
  return stopSandbox(ctx, port);
}

export async function runStatus(ctx: CommandContext): Promise<CommandResult> {
  const state= await adminFor(ctx).request<Record<string, any>>('GET', 'state');
         const lines = [`Sandbox ${sandboxUrl(ctx)} — Regions: ${(state.regions ?? []).join(', ') || 'none yet'}`];
         for (const p of state.pools ?? []) lines.push(`  pool ${p.id} (${p.region}, ${p.tier ?? '?'})${p.replicas ? ` replicas: ${p.replicas.map((r: any) => `${r.RegionName}=${r.Status}`).join(' ')}` : ''}`);
         for (const k of state.keys ?? []) lines.push(`  key ${k.keyId} (${k.region}, ${k.state}${k.multiRegion ? ', multi-Region ' + (k.role ?? '') : ''}) ${k.aliases.join(' ')}`);
         for (const z of state.zones ?? []) lines.push(`  zone ${z.id} ${z.name}`);
         for (const h of state.healthChecks ?? []) lines.push(`  health check ${h.id} ${h.fqdn ?? h.routingControlArn ?? ''} ${h.healthy === false ? 'UNHEALTHY' : 'healthy'}${h.inverted ? ' inverted' : ''}`);
         for (const c of state.arc ?? []) {
           const down = c.endpoints.filter((e: any) => e.down).map((e: any) => e.region);
           lines.push(`  ARC cluster ${c.name} ${c.clusterArn}: ${c.endpoints.length - down.length}/${c.endpoints.length} endpoints up${down.length ? ` (down: ${down.join(', ')})` : ''}`);
           for (const rc of c.routingControls) lines.push(`    routing control ${rc.controlPanel}/${rc.name} ${rc.state}`);
         }
         for (const f of state.faults ?? []) lines.push(`  fault ${f.id}: ${f.kind} ${f.region ?? '*'} ${f.service ?? '*'} ${f.operation ?? '*'}`);
         lines.push(`  calls: ${state.calls?.total ?? 0} (${state.calls?.writes ?? 0} writes, ${state.calls?.errors ?? 0} errors)`);
         return { command: 'sandbox status', ok: true, data: state, diagnostics: [], text: lines };
}

export async function runSeed(ctx: CommandContext, flags: SeedFlags): Promise<CommandResult> {
  // A config is meant to be shared (0644); a bad path is refused before the world is seeded.
  const configTarget = flags.writeConfig
    ? { path: resolve(ctx.cwd, flags.writeConfig), what: 'the config file (--write-config)', mode: FILE_MODES.shared }
    : undefined;
  if (configTarget) await checkWritable(configTarget);
  const r = await adminFor(ctx).request<SeedAnswer>('POST', 'seed', { scenario: flags.scenario, dnsStrategy: flags.dnsStrategy });
  if (configTarget) await writeFileSafely(configTarget, r.config);
  return { command: 'sandbox seed', ok: true, data: r, diagnostics: [], text: seedLines(r, flags.writeConfig) };
}

export async function runReset(ctx: CommandContext): Promise<CommandResult> {
  await adminFor(ctx).request('POST', 'reset');
          return { command: 'sandbox reset', ok: true, data: { reset: true }, diagnostics: [], text: ['The sandbox world is empty.'] };
}

export async function runFault(ctx: CommandContext, f: FaultFlags): Promise<CommandResult> {
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
}
