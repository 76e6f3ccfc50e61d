/**
 * `mrrctl canary --to <region> --percent <n>` and `mrrctl canary stop`: drills on the weighted
 * strategy. Same lock, compare-and-swap batch, journal and zone history as a failover; refused while
 * the source is unhealthy (that is a failover).
 */
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { observeCanary, planCanary, planCanaryStop, type CanaryOptions } from '../../core/failover/canary.js';
import { oidcProbes } from '../../aws/oidc-probe.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { commandEnv } from '../command-env.js';
import type { MutationDefinition, MutationEnv } from '../mutation.js';
import { readersFor } from '../readers.js';
import { newPlanIdentity, planIdentity, probeCredentials, probeOptions, requireDns, runTrafficMove, trafficWaits } from './failover.js';
import { parseTimeout } from '../flag-values.js';

function weightedDns(env: MutationEnv) {
  const dns = requireDns(env);
  if (dns.strategy !== 'weighted') {
    throw new InputError('MRR_CANARY_E001', 'config', 'dns.strategy', dns.strategy, 'weighted: a canary shifts weights (the cognito-domain strategy routes all users one way)');
  }
  return dns;
}

function definition(stop: boolean): MutationDefinition<CanaryOptions> {
  return {
    command: stop ? 'canary stop' : 'canary',
    async prepare(env, opts) {
      const dns = weightedDns(env);
      const t = env.topology;
      if (!stop && opts.to !== t.primaryRegion && opts.to !== t.secondaryRegion) {
        throw new InputError('MRR_CANARY_E002', 'flags', '--to', opts.to, `one of the pool's Regions: ${t.secondaryRegion} or ${t.primaryRegion}`);
      }
      const readers = readersFor(env.aws);
      const ports = { cognito: readers.cognito, route53: readers.route53, probes: oidcProbes(probeOptions(env)) };
      const o = await observeCanary(ports, { topology: t, dns, target: stop ? undefined : opts.to, credentials: probeCredentials(env) });
      const id = planIdentity(env, opts);
      const parts = stop ? planCanaryStop(t, dns, o, opts, id) : planCanary(t, dns, o, opts, id);
      const last = o.history[0];
      const restore = last?.kind === 'canary' && last.restore ? last.restore : { [t.primaryRegion]: 100 };
      const getsUsers = stop ? (Object.entries(restore).sort((a, b) => b[1] - a[1])[0]?.[0] ?? t.primaryRegion) : opts.to;
      return {
        draft: { command: stop ? 'canary stop' : 'canary', ...t, observed: { records: o.records, lock: o.lock?.record ?? null, history: o.history }, steps: parts.steps, guards: parts.guards, notes: parts.notes },
        report: { text: [`DNS now: ${o.dns.evidence}`, ''], data: { weights: o.dns.weights ?? null, lock: o.lock ?? null, history: o.history } },
        confirm: { question: stop ? `restore the DNS weights of ${dns.recordName}` : `send ${opts.percent} % of the users of ${t.userPoolId} to ${opts.to}`, typeToConfirm: getsUsers },
        refused: parts.refused,
      };
    },
    waits: trafficWaits,
  };
}

export const canaryDefinition = definition(false);
export const canaryStopDefinition = definition(true);

interface CanaryFlags {
  to?: string;
  percent?: string;
  force?: boolean;
  breakLock?: boolean;
  reason?: string;
  timeout: string;
  dryRun?: boolean;
  planOut?: string;
}

export function canaryOptions(flags: CanaryFlags, stop: boolean): CanaryOptions {
  let percent = 0;
  if (!stop) {
    if (!flags.to) throw new InputError('MRR_INPUT_E030', 'flags', '--to', undefined, 'the Region that receives the share, e.g. --to eu-west-1');
    if (!flags.percent || !/^\d+$/.test(flags.percent) || Number(flags.percent) < 1 || Number(flags.percent) > 100) {
      throw new InputError('MRR_INPUT_E032', 'flags', '--percent', flags.percent, 'a whole number from 1 to 50 (up to 100 with --force)');
    }
    percent = Number(flags.percent);
  }
  return {
    to: flags.to ?? '',
    percent,
    stop,
    force: Boolean(flags.force),
    breakLock: Boolean(flags.breakLock),
    reason: flags.reason?.trim() ?? '',
    timeoutSeconds: parseTimeout(flags.timeout),
  };
}

function addOptions(cmd: Command): Command {
  return cmd
    .option('--force', 'allow more than 50 % (canary), or restore onto an unhealthy Region (stop)')
    .option('--break-lock', 'replace an EXPIRED lock left by a run that died')
    .option('--reason <text>', 'why: recorded in the journal, the lock and the zone history')
    .option('--timeout <seconds>', 'how long to wait for DNS INSYNC', '600')
    .option('--dry-run', 'show the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`');
}

/** The options given on the command line (not defaults). */
function explicit(cmd: Command): Record<string, unknown> {
  return Object.fromEntries(Object.entries(cmd.opts()).filter(([key]) => cmd.getOptionValueSource(key) === 'cli'));
}

export function registerCanary(program: Command, hooks: ProgramHooks): void {
  const run = (stop: boolean) =>
    actionFor<CanaryFlags>(hooks, async (ctx, _args, own) => {
      // Unless the program parses options positionally, `canary stop --dry-run` hands --dry-run to
      // `canary` (which knows it too): take what was typed on either command, stop's own first.
      const flags = stop ? ({ ...own, ...explicit(canary), ...explicit(stopCommand) } as CanaryFlags) : own;
      if (stop && (flags.to !== undefined || flags.percent !== undefined)) {
        throw new InputError('MRR_INPUT_E033', 'flags', flags.to !== undefined ? '--to' : '--percent', flags.to ?? flags.percent, 'nothing with `canary stop`: it restores the weights from before the canary');
      }
      const options = { ...canaryOptions(flags, stop), identity: newPlanIdentity(ctx) };
      const env = await commandEnv(ctx);
      try {
        return await runTrafficMove(env, stop ? canaryStopDefinition : canaryDefinition, options, { dryRun: flags.dryRun, planOut: flags.planOut });
      } finally {
        env.aws.clients.destroy();
      }
    });
  const canary = addOptions(
    program
      .command('canary')
      .description('send a small share of users to a Region for a drill (weighted DNS strategy); `canary stop` restores the weights')
      .option('--to <region>', 'the Region that receives the share')
      .option('--percent <n>', 'the share of users, 1–50 (more needs --force)'),
  )
    .addHelpText('after', '\nExamples:\n  mrrctl canary --to eu-west-1 --percent 5 --reason "drill"\n  mrrctl canary stop')
    .action(run(false));
  const stopCommand = addOptions(canary.command('stop').description('restore the weights from before the canary (primary 100 / secondary 0 when the history does not say)'))
    .addHelpText('after', '\nExample:\n  mrrctl canary stop --reason "drill over" --yes')
    .action(run(true));
}
