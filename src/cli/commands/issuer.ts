/**
 * `mrrctl issuer switch` (phase 2) and `mrrctl issuer status`.
 * switch: impact report → one full read-modify-write UpdateUserPool → verify the new issuer answers
 * (and, with a probe client, that a fresh token carries it). status: read-only, exit 3 when the JWKS
 * does not answer in a Region that hosts the pool.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { oidcProbes, probeOptionsFor } from '../../aws/oidc-probe.js';
import { ExitCode, InputError } from '../../core/errors.js';
import { PROBE_SECRET_ENV } from '../../core/config/constants.js';
import { buildIssuerImpact, type IssuerImpact } from '../../core/issuer/impact.js';
import { renderImpactMarkdown, renderImpactText } from '../../ui/issuer/impact-text.js';
import { ISSUER_SWITCH_COMMAND, planIssuerSwitch } from '../../core/issuer/plan.js';
import { hostingRegions, readIssuerState, readPool } from '../../core/issuer/read.js';
import { readIssuerStatus } from '../../core/issuer/status.js';
import { renderIssuerStatus } from '../../ui/issuer/status-text.js';
import { ISSUER_TYPES, issuerUrl, type IssuerType } from '../../core/issuer/urls.js';
import { verifyIssuerSwitch } from '../../core/issuer/verify.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { commandEnv } from '../command-env.js';
import type { CommandContext } from '../context.js';
import { readersFor } from '../readers.js';
import { runMutation, type MutationDefinition, type MutationEnv } from '../mutation.js';

/** What a saved plan carries, so `mrrctl apply FILE` replays the same switch. */
export type IssuerSwitchOptions = { to: IssuerType };

export function parseIssuerType(flag: string, raw: unknown): IssuerType {
  const value = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
  if (value === 'ORIGINAL' || value === 'UPDATED') return value;
  throw new InputError('MRR_INPUT_E020', 'flags', flag, raw, `one of ${ISSUER_TYPES.join(', ')}`);
}

function probesFor(env: MutationEnv) {
  return oidcProbes(probeOptionsFor(env.aws.target, { signal: env.ctx.signal }));
}

export const issuerSwitchDefinition: MutationDefinition<IssuerSwitchOptions> = {
  command: ISSUER_SWITCH_COMMAND,
  async prepare(env, options) {
    const to = parseIssuerType('to', options.to);
    const obs = await readIssuerState(readersFor(env.aws).cognito, env.topology, { withClients: true });
    const impact = buildIssuerImpact({ pool: env.topology, regions: obs.hostingRegions, from: obs.type, to, clients: obs.clients });
    const newIssuer = issuerUrl(to, env.topology, env.topology.primaryRegion);
    return {
      draft: planIssuerSwitch(obs, env.topology, to),
      report: { text: renderImpactText(impact), data: impact },
      confirm: {
        question:
          `Issuer switch of ${env.topology.userPoolId} from ${obs.type} to ${to} ` +
          `(${impact.summary.clients} app clients, ${impact.summary.mobile} of them mobile, must accept the new issuer ${newIssuer})`,
      },
    };
  },
  async verify(env, options) {
    const reader = readersFor(env.aws).cognito;
    const [pool, replicas] = await Promise.all([
      readPool(reader, env.topology),
      reader.listReplicas(env.topology.primaryRegion, env.topology.userPoolId),
    ]);
    return verifyIssuerSwitch({
      topology: env.topology,
      expected: parseIssuerType('to', options.to),
      pool,
      hostingRegions: hostingRegions(env.topology.primaryRegion, replicas),
      probes: probesFor(env),
      probeClient: { clientId: env.config.probe?.clientId, clientSecret: env.ctx.env[PROBE_SECRET_ENV] || undefined },
    });
  },
};

/** The same definition, plus writing the impact report to FILE (dry-run included: it is for the ticket). */
function withReportFile(ctx: CommandContext, file: string): MutationDefinition<IssuerSwitchOptions> {
  return {
    ...issuerSwitchDefinition,
    async prepare(env, options) {
      const prepared = await issuerSwitchDefinition.prepare(env, options);
      const impact = prepared.report?.data as IssuerImpact;
      const path = resolve(ctx.cwd, file);
      await writeFile(path, renderImpactMarkdown(impact, { generatedAt: ctx.clock.now().toISOString() }), 'utf8');
      ctx.log(`Impact report written to ${path}`);
      return prepared;
    },
  };
}

interface SwitchFlags {
  to: string;
  dryRun?: boolean;
  planOut?: string;
  report?: string;
}

function registerSwitch(issuer: Command, hooks: ProgramHooks): void {
  issuer
    .command('switch')
    .description('phase 2: switch the pool to the multi-Region (UPDATED) issuer, or back with --to ORIGINAL')
    .addOption(new Option('--to <type>', 'target issuer type: UPDATED or ORIGINAL').default('UPDATED'))
    .option('--dry-run', 'show the impact report and the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .option('--report <file>', 'write the impact report as Markdown (for a change ticket)')
    .addHelpText(
      'after',
      '\nExamples:\n  mrrctl issuer switch --dry-run --report issuer-impact.md\n  mrrctl issuer switch --yes\n  mrrctl issuer switch --to ORIGINAL',
    )
    .action(
      actionFor<SwitchFlags>(hooks, async (ctx, _args, flags) => {
        const options: IssuerSwitchOptions = { to: parseIssuerType('--to', flags.to) };
        const env = await commandEnv(ctx);
        try {
          const definition = flags.report ? withReportFile(ctx, flags.report) : issuerSwitchDefinition;
          // Relative to the command's cwd (main() may run in-process with a cwd other than process.cwd()).
          const planOut = flags.planOut ? resolve(ctx.cwd, flags.planOut) : undefined;
          return await runMutation(env, definition, options, { dryRun: flags.dryRun, planOut });
        } finally {
          env.aws.clients.destroy();
        }
      }),
    );
}

function registerStatus(issuer: Command, hooks: ProgramHooks): void {
  issuer
    .command('status')
    .description('issuer type, issuer URL per Region, discovery and JWKS reachability (exit 3 if a JWKS does not answer)')
    .addHelpText('after', '\nExample:\n  mrrctl issuer status --output json')
    .action(
      actionFor(hooks, async (ctx) => {
        const env = await commandEnv(ctx);
        try {
          const status = await readIssuerStatus(readersFor(env.aws).cognito, probesFor(env), env.topology);
          const failing = status.regions.flatMap((r) => r.checks.filter((c) => c.status === 'fail').map((c) => ({ region: r.region, check: c })));
          return {
            command: 'issuer status',
            ok: status.ok,
            data: status,
            diagnostics: failing.map(({ region, check }) => ({
              severity: check.id.endsWith('.jwks') ? ('error' as const) : ('warning' as const),
              code: check.id.endsWith('.jwks') ? 'MRR_ISSUER_E101' : 'MRR_ISSUER_W102',
              message: `${region}: ${check.message}`,
            })),
            text: renderIssuerStatus(status),
            exitCode: status.ok ? ExitCode.ok : ExitCode.findings,
          };
        } finally {
          env.aws.clients.destroy();
        }
      }),
    );
}

export function registerIssuer(program: Command, hooks: ProgramHooks): void {
  const issuer = program.command('issuer').description('phase 2: the OIDC issuer of the user pool');
  registerSwitch(issuer, hooks);
  registerStatus(issuer, hooks);
}
