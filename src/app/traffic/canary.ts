/**
 * `mrrctl canary --to <region> --percent <n>` and `mrrctl canary stop` as mutation definitions:
 * drills on the weighted strategy, with the same lock, compare-and-swap batch, journal and zone
 * history as a failover; refused while the source is unhealthy (that is a failover).
 */
import { oidcProbes } from '../../aws/oidc-probe.js';
import { InputError } from '../../core/errors.js';
import { latestMove } from '../../core/failover/history.js';
import { observeCanary, planCanary, planCanaryStop, type CanaryOptions } from '../../core/failover/canary.js';
import { parseTimeout } from '../flag-values.js';
import { defineMutation, type MutationEnv } from '../mutation/definition.js';
import { savedBoolean, savedNumber, savedString } from '../mutation/saved-options.js';
import { probeCredentials, probeOptions } from '../probes.js';
import { requireDns } from './dns-config.js';
import { newPlanIdentity, planIdentity, savedIdentity } from './identity.js';
import { judgeLockOwner } from './lock-owner.js';
import { trafficHooks } from './stop-hooks.js';
import { trafficWaits } from './waits.js';

export interface CanaryFlags {
  to?: string;
  percent?: string;
  force?: boolean;
  breakLock?: boolean;
  reason?: string;
  timeout: string;
}

function weightedDns(env: MutationEnv) {
  const dns = requireDns(env);
  if (dns.strategy !== 'weighted') {
    const why =
      dns.strategy === 'arc-routing-control'
        ? 'ARC routing controls are on/off switches: they send all users one way, never a share'
        : 'the cognito-domain strategy routes all users one way';
    throw new InputError('MRR_CANARY_E001', 'config', 'dns.strategy', dns.strategy, `weighted: a canary shifts weights (${why}); for a drill, use a config with dns.strategy: weighted`);
  }
  return dns;
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

function definition(stop: boolean) {
  return defineMutation<CanaryOptions, CanaryFlags>({
    command: stop ? 'canary stop' : 'canary',
    waivers: { force: '--force', breakLock: '--break-lock' },
    hooks: trafficHooks(stop ? 'canary stop' : 'canary'),
    fromFlags: (flags, ctx) => ({ ...canaryOptions(flags, stop), identity: newPlanIdentity(ctx) }),
    fromSaved: (saved) => {
      const identity = savedIdentity(saved);
      return {
        to: savedString(saved, 'to'),
        percent: savedNumber(saved, 'percent'),
        stop: savedBoolean(saved, 'stop'),
        force: savedBoolean(saved, 'force'),
        breakLock: savedBoolean(saved, 'breakLock'),
        reason: savedString(saved, 'reason'),
        timeoutSeconds: savedNumber(saved, 'timeoutSeconds'),
        ...(identity ? { identity } : {}),
      };
    },
    async prepare(env, opts) {
      const dns = weightedDns(env);
      const t = env.topology;
      if (!stop && opts.to !== t.primaryRegion && opts.to !== t.secondaryRegion) {
        throw new InputError('MRR_CANARY_E002', 'flags', '--to', opts.to, `one of the pool's Regions: ${t.secondaryRegion} or ${t.primaryRegion}`);
      }
      const ports = { cognito: env.ports.cognito, route53: env.ports.route53, probes: oidcProbes(probeOptions(env)) };
      const o = await observeCanary(ports, { topology: t, dns, target: stop ? undefined : opts.to, credentials: probeCredentials(env) });
      // A lock whose owner crashed on this machine may be broken at once (its pid is gone).
      if (o.lock) o.lock = judgeLockOwner(o.lock);
      const id = planIdentity(env, opts);
      const parts = stop ? planCanaryStop(t, dns, o, opts, id) : planCanary(t, dns, o, opts, id);
      const last = latestMove(o.history);
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
  });
}

export const canary = definition(false);
export const canaryStop = definition(true);
