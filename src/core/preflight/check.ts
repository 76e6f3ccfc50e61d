/**
 * The preflight check interface: one check is an id, a status, its evidence and (unless it passed) a
 * remedy. Every check preflight shows has this shape — its own (checks.ts) and the groups other
 * modules add (the ARC checks: src/core/preflight/arc-*.ts) through `PreflightCheckGroup`.
 *
 * 'unreadable' is a check whose evidence could not be read (the AWS call failed after retries): its
 * evidence is the "unreadable: … re-run after recovery" line. Like 'fail', it makes preflight exit 3.
 */
import { ReadLog, type UnreadableFinding, isReadFailure, unreadableFrom } from '../unreadable.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unreadable';

export interface Check {
  /** Stable, dotted: `<area>.<what>` (e.g. `key.replica`, `arc.cluster`). Scripts match on it. */
  id: string;
  status: CheckStatus;
  evidence: string;
  remedy?: string;
  /** For status 'unreadable': which read failed and why (null values are never invented for it). */
  unreadable?: UnreadableFinding;
}

export function check(id: string, status: Exclude<CheckStatus, 'unreadable'>, evidence: string, remedy?: string): Check {
  return remedy && status !== 'pass' ? { id, status, evidence, remedy } : { id, status, evidence };
}

export const RE_RUN = 're-run after recovery (the check could not be read; nothing is known about it)';

export function unreadableCheck(id: string, u: UnreadableFinding): Check {
  return { id, status: 'unreadable', evidence: u.message, remedy: RE_RUN, unreadable: u };
}

/**
 * A group of checks another module adds to preflight (e.g. ARC routing controls). `run` reads what it
 * needs and returns its checks; it may use `reads.attempt` to turn one failed read into one
 * unreadable check and go on. A failed AWS read it lets escape becomes one unreadable check
 * `<name>.read` — a group can never end preflight early or hide the other checks.
 */
export interface PreflightCheckGroup {
  /** The id prefix of the group's checks, e.g. "arc". */
  name: string;
  run(reads: ReadLog): Promise<Check[]>;
}

export async function runCheckGroups(groups: readonly PreflightCheckGroup[], reads: ReadLog): Promise<Check[]> {
  const results = await Promise.all(
    groups.map(async (group) => {
      try {
        return await group.run(reads);
      } catch (err) {
        if (!isReadFailure(err)) throw err;
        const u = unreadableFrom(err, { service: 'unknown', operation: 'unknown', region: 'unknown' });
        reads.record(u);
        return [unreadableCheck(`${group.name}.read`, u)];
      }
    }),
  );
  return results.flat();
}

/** The verdict counts every view shows. */
export function countChecks(checks: readonly Check[]): Record<CheckStatus, number> {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return { pass: count('pass'), warn: count('warn'), fail: count('fail'), unreadable: count('unreadable') };
}
