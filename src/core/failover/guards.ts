/**
 * The failover guards, each a pure function of its evidence. Every guard is evaluated and reported,
 * even when another fails. Waivers: `--planned` waives anti-flap (3); `--force` waives 3–6; target
 * health (2) only with `--force-unhealthy-target`; the replica (1) and the lock (7) never.
 *
 * Every guard carries `ok` and `checked`. A guard whose evidence could not be read (`checked: false`)
 * REFUSES, and is waived only by the flags that waive that guard — an unread replica status, target
 * health or lock therefore always stops the run, an unread issuer or anti-flap history needs
 * `--force` (or `--planned`) like a failing one. The one exception is the drift guard when the source
 * Region is down: drift compares the two Regions, the outage is what the failover is for, and
 * refusing would make the operator pass `--force`, which also waives anti-flap and cooldown; it passes
 * with `checked: false` and its warning and remedy are shown (never silently: see plan-text.ts).
 * Refusals a wait would lift (the anti-flap window, the cooldown) carry `retryAfterSeconds`.
 *
 * The guard interface (GuardResult, core/plan/types.ts) is shared with other commands' guards.
 */
import type { AntiFlapEvidence } from '../health/anti-flap.js';
import { endpointHealthy } from '../health/checkers.js';
import type { RegionHealth } from '../health/region.js';
import { formatSeconds } from '../health/window.js';
import type { GuardResult } from '../plan/types.js';
import type { HistoryEvent } from './history.js';
import { describeLock, whyBreakable, type HeldLock } from './lock.js';

export { controlPlaneGuard } from './control-plane-guard.js';

export type Waiver = 'planned' | 'force' | 'forceUnhealthyTarget';

export interface WaiverFlags {
  planned?: boolean;
  force?: boolean;
  forceUnhealthyTarget?: boolean;
}

/** Which flags may waive which guard. Guards not listed are never waived. */
const WAIVABLE_BY: Record<string, Waiver[]> = {
  'target-healthy': ['forceUnhealthyTarget'],
  'anti-flap': ['planned', 'force'],
  cooldown: ['force'],
  drift: ['force'],
  issuer: ['force'],
};

export function applyWaivers(guards: GuardResult[], flags: WaiverFlags): GuardResult[] {
  return guards.map((g) => {
    if (g.ok) return g;
    const by = (WAIVABLE_BY[g.id] ?? []).filter((w) => flags[w]);
    if (by.length === 0) return g;
    // A waived guard needs no remedy, and nobody waits for it.
    const { remedy: _remedy, retryAfterSeconds: _retry, ...rest } = g;
    return { ...rest, waived: true, evidence: `${g.evidence} [waived by --${by[0] === 'forceUnhealthyTarget' ? 'force-unhealthy-target' : by[0]}]` };
  });
}

export function refuses(guards: GuardResult[]): boolean {
  return guards.some((g) => !g.ok && g.waived !== true);
}

export function replicaGuard(target: string, targetIsPrimary: boolean, status: string | undefined, error?: string): GuardResult {
  const id = 'target-replica';
  if (targetIsPrimary) return { id, ok: true, checked: true, evidence: `${target} is the primary: it always serves the pool` };
  if (error) return { id, ok: false, checked: false, evidence: `the replica status in ${target} could not be read: ${error}`, remedy: 'retry; check `mrrctl health`' };
  if (status === 'ACTIVE') return { id, ok: true, checked: true, evidence: `the replica in ${target} is ACTIVE` };
  if (status === 'INACTIVE') return { id, ok: true, checked: true, evidence: `the replica in ${target} is INACTIVE: the plan activates it first and waits for ACTIVE` };
  return {
    id,
    ok: false,
    checked: true,
    evidence: status ? `the replica in ${target} is ${status}` : `no replica in ${target}`,
    remedy: status ? 'wait until it is INACTIVE or ACTIVE' : 'create it first: `mrrctl replica create --wait`',
  };
}

export function targetHealthGuard(health: RegionHealth): GuardResult {
  const parts: string[] = [];
  const hc = health.healthCheck;
  if (hc) parts.push(hc.healthy === undefined ? `health check ${hc.id} unreadable` : `health check ${hc.healthyCheckers}/${hc.checkers} checkers ok${hc.inverted ? ' (inverted)' : ''}`);
  else parts.push('no health check configured');
  if (health.discovery) parts.push(`discovery ${health.discovery.ok ? health.discovery.status : health.discovery.error?.name}`);
  if (health.jwks) parts.push(`JWKS ${health.jwks.ok ? `${health.jwks.keyCount} key(s)` : health.jwks.error?.name}`);
  if (health.token) parts.push(`token ${health.token.token.ok && health.token.verification?.ok !== false ? 'issued and verified' : 'FAILED'}`);
  else parts.push(`token not checked (${health.tokenSkipped ?? 'skipped'})`);
  const ok = health.status === 'healthy' || health.status === 'inactive';
  return {
    id: 'target-healthy',
    ok,
    // A probe that failed is evidence (the Region does not answer); only an unread check is not.
    checked: true,
    evidence: `${health.region}: ${parts.join(', ')}${ok ? '' : ` — ${health.problems.join('; ') || health.status}`}`,
    remedy: ok ? undefined : 'fix the target first (`mrrctl health`); only --force-unhealthy-target sends users to an unhealthy Region',
  };
}

export function antiFlapGuard(e: AntiFlapEvidence): GuardResult {
  // No health check, an unreadable one, or one of unknown health: nothing was observed.
  const checked = e.source !== 'none' && !(e.source === 'current' && endpointHealthy(e.current) === undefined);
  const base = { id: 'anti-flap', ok: e.ok, checked, evidence: e.detail };
  if (e.ok) return base;
  // Only a run already under way ends by waiting; a Region in the other state has no known end.
  if (e.source === 'cloudwatch' && e.seconds > 0) {
    return { ...base, remedy: 'wait for the window to pass, or `--planned --reason "…"` for a drill or maintenance', retryAfterSeconds: Math.max(1, Math.ceil(e.windowSeconds - e.seconds)) };
  }
  const failback = e.want === 'healthy';
  const remedy = failback
    ? `\`--planned --reason "…"\` to fail back now; otherwise ${e.region} must stay healthy for the window (guards.minUnhealthySeconds) first`
    : '`--planned --reason "…"` for a drill or maintenance; a real outage must last the window (guards.minUnhealthySeconds)';
  return { ...base, remedy };
}

export interface LastMove {
  time: string;
  from?: string;
  to?: string;
  actor?: string;
  kind?: string;
  /** Where it was found: the zone's history record or this machine's journal. */
  source: 'history' | 'journal';
}

export function cooldownGuard(cooldownSeconds: number, moves: LastMove[], now: Date): GuardResult {
  const last = [...moves].filter((m) => Number.isFinite(Date.parse(m.time))).sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
  if (!last) return { id: 'cooldown', ok: true, checked: true, evidence: 'no failover on record (zone history and journal)' };
  const ago = (now.getTime() - Date.parse(last.time)) / 1000;
  const left = cooldownSeconds - ago;
  const what = `${last.kind ?? 'failover'} ${last.from ?? '?'} → ${last.to ?? '?'}${last.actor ? ` by ${last.actor}` : ''} at ${last.time} (${formatSeconds(Math.max(0, ago))} ago, from the ${last.source === 'history' ? 'zone history record' : 'journal'})`;
  return left <= 0
    ? { id: 'cooldown', ok: true, checked: true, evidence: `last ${what}; cooldown ${formatSeconds(cooldownSeconds)} has passed` }
    : {
        id: 'cooldown',
        ok: false,
        checked: true,
        retryAfterSeconds: Math.max(1, Math.ceil(left)),
        evidence: `last ${what}; cooldown ${formatSeconds(cooldownSeconds)}: ${formatSeconds(left)} left`,
        remedy: 'wait for the cooldown (guards.cooldownSeconds), or `--force --reason "…"`',
      };
}

export function lastMoveFromHistory(events: HistoryEvent[]): LastMove | undefined {
  const e = events.find((x) => x.kind === 'failover' || x.kind === 'failback');
  return e ? { time: e.time, from: e.from, to: e.to, actor: e.actor, kind: e.kind, source: 'history' } : undefined;
}

export interface DriftEvidence {
  required: boolean;
  checked: boolean;
  /** Error-severity findings for the target, one line each. */
  errors: string[];
  /** Why drift was not checked. */
  reason?: string;
  /**
   * The source Region is down: drift compares the two Regions, so it cannot be checked now, and that
   * is the very situation a failover is for. The guard then relies on drift having been gated before
   * the outage (`mrrctl drift` in CI) and says so, instead of forcing --force (which would also waive
   * the anti-flap and cooldown guards).
   */
  sourceDown?: boolean;
}

export function driftGuard(target: string, e: DriftEvidence): GuardResult {
  // Not required: the rule (guards.requireDriftClean) is the evidence, and it was read.
  if (!e.required) return { id: 'drift', ok: true, checked: true, evidence: 'not required (guards.requireDriftClean: false)' };
  if (e.sourceDown) {
    return {
      id: 'drift',
      ok: true,
      checked: false,
      evidence: `NOT CHECKED: ${e.reason}; relying on drift gated before the outage (\`mrrctl drift\` in CI)`,
      remedy: 're-run `mrrctl drift` once the source Region answers again',
    };
  }
  if (!e.checked) return { id: 'drift', ok: false, checked: false, evidence: `drift not checked: ${e.reason ?? 'unknown reason'}`, remedy: 'run `mrrctl drift` and fix what it finds, or `--force --reason "…"`' };
  if (e.errors.length === 0) return { id: 'drift', ok: true, checked: true, evidence: `no error-severity drift for ${target}` };
  const shown = e.errors.slice(0, 3).join('; ');
  return {
    id: 'drift',
    ok: false,
    checked: true,
    evidence: `${e.errors.length} error-severity finding(s) for ${target}: ${shown}${e.errors.length > 3 ? '; …' : ''}`,
    remedy: 'fix them (`mrrctl drift`, `mrrctl drift fix`), or `--force --reason "…"`',
  };
}

export function issuerGuard(type: string | undefined, region: string): GuardResult {
  if (type === undefined) {
    return { id: 'issuer', ok: false, checked: false, evidence: `the issuer type could not be read in ${region}: unknown`, remedy: 'retry once it answers (`mrrctl health`), or `--force --reason "…"`' };
  }
  return type === 'UPDATED'
    ? { id: 'issuer', ok: true, checked: true, evidence: 'issuer UPDATED: tokens from either Region validate against the same issuer' }
    : {
        id: 'issuer',
        ok: false,
        checked: true,
        evidence: `issuer ${type}: tokens minted in one Region do not validate as the other's — users would be signed out`,
        remedy: 'run `mrrctl issuer switch` first, or `--force --reason "…"`',
      };
}

/**
 * The lock guard. A lock may be broken (with --break-lock) once its lease ended, or at once when its
 * owner was on this host and its process is gone; a live lock held by another run is never waived and
 * its refusal names the holder, the lease end and `breakCommand`, the exact command to break it later.
 */
export function lockGuard(lock: HeldLock | undefined, now: Date, breakLock: boolean, breakCommand: string): GuardResult {
  if (!lock) return { id: 'lock', ok: true, checked: true, evidence: 'the failover lock is free' };
  const why = whyBreakable(lock, now);
  if (why && breakLock) return { id: 'lock', ok: true, checked: true, evidence: `the lock ${describeLock(lock)} will be removed (--break-lock): ${why}` };
  const end = lock.info?.lease ? `its lease ends within ${lock.info.lease} s (at ${lock.info.expires})` : `it expires at ${lock.info?.expires || '(unreadable: never)'}`;
  return {
    id: 'lock',
    ok: false,
    checked: true,
    evidence: `the failover lock is ${describeLock(lock)}`,
    remedy: why
      ? `${why}: \`${breakCommand}\` removes it (after confirmation)`
      : `wait for ${lock.info?.holder ?? 'its holder'} to finish; if that run died, ${end}, and then \`${breakCommand}\` removes it`,
  };
}
