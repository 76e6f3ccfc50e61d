/** What a failover observes through: the read ports, the probes, the journal's last move, the drift guard, and the pre-failover token. */
import { oidcProbes, requestClientCredentialsToken } from '../../aws/oidc-probe.js';
import { preloadParitySdksAfterFirstReads } from '../../aws/parity-reader.js';
import type { DriftEvidence, LastMove } from '../../core/failover/guards.js';
import type { FailoverPorts } from '../../core/failover/observe.js';
import { FAILOVER_STEP } from '../../core/failover/steps.js';
import { tokenEndpointIn } from '../../core/health/region.js';
import type { StepEntry } from '../../core/plan/journal.js';
import { checkDrift } from '../drift/check.js';
import { journalFor } from '../journal.js';
import type { MutationEnv } from '../mutation/definition.js';
import { probeCredentials, probeOptions } from '../probes.js';
import { rememberPreFailoverToken } from './waits.js';
import { eventLine } from '../../ui/events.js';

/** The newest failover this machine's journal recorded for the pool (the zone history is the other source). */
async function journalLastMove(env: MutationEnv): Promise<LastMove | undefined> {
  const entries = await journalFor(env.ctx).read();
  const moves = entries.filter(
    (e): e is StepEntry => e.kind === 'step' && e.command === 'failover' && e.trafficMoving === true && e.status === 'applied' && e.userPoolId === env.topology.userPoolId,
  );
  const last = moves.at(-1);
  if (!last) return undefined;
  const named = /(failover|failback) (\S+) → (\S+)/.exec(JSON.stringify(last.input ?? ''));
  return { time: last.time, actor: last.actor, kind: named?.[1] ?? 'failover', from: named?.[2], to: named?.[3], source: 'journal' };
}

/**
 * The newest failover run in this machine's journal whose DNS check (route53.verify) and post-checks
 * both returned ok: true (a resume's own checks count too): one of the two proofs a move was checked.
 */
async function journalChecksPassed(env: MutationEnv): Promise<{ time: string; to: string } | undefined> {
  const steps = (await journalFor(env.ctx).read()).filter(
    (e): e is StepEntry => e.kind === 'step' && e.command === 'failover' && e.status === 'applied' && e.userPoolId === env.topology.userPoolId,
  );
  const ok = (e: StepEntry) => (e.output as { ok?: unknown } | undefined)?.ok === true;
  const verified = new Set(steps.filter((e) => e.stepId === FAILOVER_STEP.verify && ok(e)).map((e) => e.planHash));
  const last = steps.filter((e) => e.stepId === FAILOVER_STEP.postChecks && ok(e) && verified.has(e.planHash)).at(-1);
  const to = (last?.input as { Region?: unknown } | undefined)?.Region;
  return last && typeof to === 'string' ? { time: last.time, to } : undefined;
}

/** A call the drift guard did not send: the source Region turned out to be down (the result is discarded). */
export class SourceDownError extends Error {
  override name = 'SourceDownError';
}

/**
 * The reader with every call in `source` (each method's first argument is the Region) held until the
 * source's verdict: sent when it is up, never sent when it is down. Calls elsewhere go out at once.
 */
export function gatedBySource<T extends object>(reader: T, source: string, sourceUp: Promise<boolean>): T {
  return new Proxy(reader, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (args[0] === source && !(await sourceUp)) throw new SourceDownError(`${source} is down: not asked`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Calls in flight per Region for the drift guard's check. */
export const DRIFT_GUARD_CONCURRENCY = { cognito: 8, other: 8 } as const;

/**
 * Error-severity drift findings whose Region at fault is the target (the drift command's own check),
 * started before the source's verdict: its source-Region calls wait for it (gatedBySource).
 */
async function driftEvidence(env: MutationEnv, target: string, sourceUp: Promise<boolean>): Promise<DriftEvidence> {
  // Its SDK packages load together while its first calls are in flight, not one by one between its
  // calls; after the Route 53 and Cognito packages, so that they do not delay the verdict's reads.
  preloadParitySdksAfterFirstReads();
  const source = target === env.topology.primaryRegion ? env.topology.secondaryRegion : env.topology.primaryRegion;
  const ports = { ...env.ports, cognito: gatedBySource(env.ports.cognito, source, sourceUp), parity: gatedBySource(env.ports.parity, source, sourceUp) };
  // Not --deep: about a dozen reads per Region, sent in one wave each (the Cognito token buckets still
  // pace every quota category to its documented rate), not in waves of three or four. The secondary's
  // web ACL listing goes with the primary's web ACL read (gated like any call when the secondary is
  // the source): the counterpart web ACL is then one round trip after the primary's, not two; unused
  // without a web ACL.
  const report = await checkDrift({ ...env, ports }, { failOn: 'error', concurrency: DRIFT_GUARD_CONCURRENCY, listWebAclsEarly: true });
  const errors = report.findings.filter((f) => f.severity === 'error' && f.region === target).map((f) => `${f.code} ${f.path}: ${f.message}`);
  return { required: true, checked: true, errors };
}

export function failoverPorts(env: MutationEnv, target: string): FailoverPorts {
  const opts = probeOptions(env);
  const credentials = probeCredentials(env);
  return {
    cognito: env.ports.cognito,
    route53: env.ports.route53,
    probes: oidcProbes(opts),
    metrics: env.ports.metrics,
    clock: env.ctx.clock,
    emit: (event) => env.ctx.log(eventLine(event)),
    signal: env.ctx.signal,
    journalLastMove: () => journalLastMove(env),
    journalChecksPassed: () => journalChecksPassed(env),
    drift: (sourceUp) => driftEvidence(env, target, sourceUp),
    mintSourceToken: credentials
      ? async (region, pool) => {
          const url = pool ? tokenEndpointIn(pool, region) : undefined;
          if (!url) return { minted: false, detail: 'the pool has no domain, so no token endpoint' };
          const { accessToken, ...probe } = await requestClientCredentialsToken(url, credentials.clientId, credentials.clientSecret, undefined, opts);
          if (!accessToken) return { minted: false, detail: `${url} did not issue a token: ${probe.error?.name ?? 'failed'}` };
          rememberPreFailoverToken(env.aws, accessToken);
          return { minted: true, detail: `minted by ${region} (${url}) before the failover; held in memory only` };
        }
      : undefined,
  };
}
