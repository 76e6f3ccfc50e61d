/**
 * Runs the game day on an ephemeral sandbox: every CLI step calls main() in-process — the very code an
 * operator runs — against the sandbox, and is judged against the exit code the runbook expects.
 * Stops at the first step that does not behave as expected and names it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { gameDay, regionOutageDay, type ArcRehearsal, type RehearsalScenario, type RehearsalStep, type RunbookTiming } from '../../core/rehearse/runbook.js';
import { bufferIo } from '../../ui/io.js';
import type { JsonEnvelope } from '../../ui/output.js';
import type { CommandContext } from '../context.js';
import type { SandboxHandle } from '../../sandbox/server.js';
import type { DemoSummary } from '../../sandbox/seed/demo.js';
import type { AwsClients } from '../../aws/clients.js';
import type { DnsConfig } from '../../core/config/schema.js';
import { deployMissing } from './deploy-missing.js';

export interface StepRecord {
  step: RehearsalStep;
  ok: boolean;
  durationMs: number;
  /** One line: what happened. */
  outcome: string;
  exitCode?: number;
  envelope?: JsonEnvelope<any>;
}

export interface RehearsalOptions {
  /** default: the weighted demo world; region-outage: the ARC demo world (`sandbox seed --dns-strategy arc-routing-control`). */
  scenario?: RehearsalScenario;
  timing: RunbookTiming;
  /** Milliseconds the sandbox keeps a replica CREATING, a change PENDING, a sync in flight. */
  delays: { replicaDelayMs: number; dnsDelayMs: number; syncDelayMs: number };
  onStep?(record: StepRecord, index: number, total: number): void;
  onProgress?(line: string): void;
}

export interface Rehearsal {
  sandbox: SandboxHandle;
  dir: string;
  /** Absent means default. */
  scenario?: RehearsalScenario;
  userPoolId: string;
  records: StepRecord[];
  ok: boolean;
  failedStep?: string;
}

/**
 * What the region-outage scenario needs to know of the ARC world: the endpoint Region it takes down
 * besides the primary (the first outside the two pool Regions, so three endpoints stay up: ARC's
 * guarantee) and the safety rules' longest wait period, read through the control-config API as
 * preflight reads it.
 */
async function arcRehearsal(clients: AwsClients, summary: DemoSummary): Promise<ArcRehearsal> {
  const arc = summary.arc;
  const other = arc?.endpoints.find((e) => e.region !== summary.primaryRegion && e.region !== summary.secondaryRegion);
  if (!arc || !other) throw new Error('the ARC demo world has no endpoint outside the pool Regions');
  const { arcControlConfig } = await import('../../aws/arc-control-config.js');
  const rules = await arcControlConfig(clients).listSafetyRules(arc.controlPanelArn);
  return { endpointRegion: other.region, safetyRuleWaitMs: Math.max(0, ...rules.map((r) => r.waitPeriodMs ?? 0)) };
}

/** The demo's mrrctl.yaml with guards short enough for a game day that ends within a minute. */
function rehearsalConfig(rendered: string, timing: RunbookTiming): string {
  const config = parse(rendered) as Record<string, any>;
  config.guards = { ...config.guards, minUnhealthySeconds: timing.minUnhealthySeconds, cooldownSeconds: timing.cooldownSeconds };
  return `# mrrctl rehearse: the demo world with a short anti-flap window and cooldown\n${stringify(config)}`;
}

export async function rehearse(ctx: CommandContext, opts: RehearsalOptions): Promise<Rehearsal> {
  const [{ startSandbox }, { seedDemo, renderDemoConfig }, { main }, { AwsClients }, probes, urls] = await Promise.all([
    import('../../sandbox/server.js'),
    import('../../sandbox/seed/demo.js'),
    import('../../main.js'),
    import('../../aws/clients.js'),
    import('../../aws/oidc-probe.js'),
    import('../../core/issuer/urls.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-rehearse-'));
  // The sandbox keeps the command's time, so its delays and the rehearsal's waits pass on one clock.
  const clock = { now: () => ctx.clock.now().getTime() };
  const sandbox = await startSandbox({ port: 0, stateFile: join(dir, 'sandbox-state.json'), settings: opts.delays, clock });
  const scenario = opts.scenario ?? 'default';
  const summary = await seedDemo(sandbox.world, scenario === 'region-outage' ? { dnsStrategy: 'arc-routing-control', baseUrl: sandbox.url } : {});
  writeFileSync(join(dir, 'mrrctl.yaml'), rehearsalConfig(renderDemoConfig(summary), opts.timing));
  const target = { endpoint: sandbox.url, sandbox: true };
  const clients = new AwsClients({ target });
  const secret = String(
    (await sandbox.world.invokeJson('AWSCognitoIdentityProviderService', 'DescribeUserPoolClient', { UserPoolId: summary.userPoolId, ClientId: summary.m2mClientId }, summary.primaryRegion))
      .UserPoolClient?.ClientSecret ?? '',
  );
  const env = { ...ctx.env, HOME: dir, MRRCTL_JOURNAL: join(dir, 'journal.jsonl'), MRRCTL_PROBE_CLIENT_SECRET: secret, NO_COLOR: '1' };
  const probeOptions = probes.probeOptionsFor(target, { signal: ctx.signal });
  const issuer = urls.updatedIssuerUrl(summary.primaryRegion, summary.userPoolId);
  let token: { reveal(): string } | undefined;

  const steps =
    scenario === 'region-outage'
      ? regionOutageDay(summary.primaryRegion, summary.secondaryRegion, await arcRehearsal(clients, summary), opts.timing)
      : gameDay(summary.primaryRegion, summary.secondaryRegion, opts.timing);
  const records: StepRecord[] = [];
  const runStep = async (step: RehearsalStep): Promise<Omit<StepRecord, 'step' | 'durationMs'>> => {
    const a = step.action;
    switch (a.kind) {
      case 'cli': {
        const io = bufferIo();
        const exitCode = await main(['--sandbox', sandbox.url, ...a.argv, '--output', 'json'], { io, env, cwd: dir, clock: ctx.clock, signal: ctx.signal });
        let envelope: JsonEnvelope<any> | undefined;
        try {
          envelope = JSON.parse(io.out());
        } catch {
          envelope = undefined;
        }
        const refusedBy = ((envelope?.data?.plan?.guards ?? []) as Array<{ id: string; ok: boolean; waived?: boolean; evidence: string }>)
          .filter((g) => !g.ok && !g.waived)
          .map((g) => `${g.id} (${g.evidence})`);
        const first = refusedBy.length > 0 ? `refused by ${refusedBy.join('; ')}` : envelope?.diagnostics?.[0]?.message;
        const ok = exitCode === step.expectExit;
        return { ok, exitCode, envelope, outcome: `exit ${exitCode}${ok ? '' : ` (expected ${step.expectExit})`}${first ? `: ${first}` : ''}` };
      }
      case 'fault':
        sandbox.world.addFault({ region: a.region, ...(a.service ? { service: a.service } : {}), kind: 'outage' });
        return { ok: true, outcome: a.service ? `${a.service} in ${a.region} is down` : `every service in ${a.region} is down` };
      case 'verify-serving': {
        // The routing controls, read from a cluster endpoint that answers: where users are sent now.
        const { readArcServing } = await import('../../app/traffic/arc-serving.js');
        const dns = (parse(readFileSync(join(dir, 'mrrctl.yaml'), 'utf8')) as { dns?: DnsConfig }).dns;
        const r = await readArcServing(clients, dns, { primary: summary.primaryRegion, secondary: summary.secondaryRegion });
        const serving = r?.serving ?? [];
        const ok = serving.length === 1 && serving[0] === a.region;
        return { ok, outcome: `${ok ? '' : `expected ${a.region}: `}${r?.evidence ?? 'not an ARC world'}` };
      }
      case 'clear-faults':
        sandbox.world.clearFaults();
        return { ok: true, outcome: 'faults cleared' };
      case 'deploy-missing': {
        const deployed = await deployMissing(clients, sandbox.world, a.from, a.to);
        return { ok: deployed.length > 0, outcome: `deployed ${deployed.map((d) => `${d.service}:${d.name}`).join(', ') || 'nothing'}` };
      }
      case 'mint-token': {
        const r = await probes.requestClientCredentialsToken(urls.tokenEndpointUrl(summary.domains.custom), summary.m2mClientId, secret, undefined, probeOptions);
        token = r.accessToken;
        return { ok: Boolean(token), outcome: token ? `token from ${summary.domains.custom} (${r.latencyMs} ms)` : `no token: ${r.error?.message ?? r.status}` };
      }
      case 'verify-token': {
        if (!token) return { ok: false, outcome: 'no token was minted' };
        const v = await probes.verifyAccessToken(token.reveal(), { issuer, jwksUrl: urls.jwksUrl(issuer) }, probeOptions);
        return { ok: v.ok, outcome: v.ok ? `valid against ${urls.jwksUrl(issuer)} while ${summary.primaryRegion} is down` : `invalid: ${v.error?.message}` };
      }
      case 'wait': {
        for (let left = a.seconds; left > 0; left--) {
          opts.onProgress?.(`  waiting ${left} s (${a.why})`);
          await ctx.clock.sleep(1000, ctx.signal);
        }
        return { ok: true, outcome: `waited ${a.seconds} s (${a.why})` };
      }
    }
  };

  for (const [index, step] of steps.entries()) {
    const started = Date.now();
    let result: Omit<StepRecord, 'step' | 'durationMs'>;
    try {
      result = await runStep(step);
    } catch (err) {
      result = { ok: false, outcome: `error: ${(err as Error).message}` };
    }
    const record: StepRecord = { step, durationMs: Date.now() - started, ...result };
    records.push(record);
    opts.onStep?.(record, index, steps.length);
    if (!record.ok) break;
  }
  clients.destroy();
  const failed = records.find((r) => !r.ok);
  return { sandbox, dir, scenario, userPoolId: summary.userPoolId, records, ok: !failed && records.length === steps.length, failedStep: failed?.step.id };
}
