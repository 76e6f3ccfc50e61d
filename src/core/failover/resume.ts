/**
 * Resume: DNS already sends every user to the target, but is that move proven? A run that died (or
 * whose DNS-answer check or post-checks failed) after moving traffic leaves DNS at the target; saying
 * "nothing to do" then would hide that nobody ever saw the move work. So a move is proven only by a
 * history record marked `checks=passed`, or by this machine's journal showing a run towards the target
 * whose DNS check and post-checks both passed after the move. When the newest recorded move went to
 * the target and neither proves it, the plan re-runs the checks under the lock and writes the history
 * record (marking the recorded move, or adding it when missing). Traffic does not move, so the guards
 * that protect a move (health, anti-flap, cooldown, drift, replica) do not apply; the lock does.
 */
import type { DnsConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import type { GuardResult } from '../plan/types.js';
import { checkSteps } from './check-steps.js';
import type { FailoverPlanParts, FailoverOptions, PlanIdentity } from './plan.js';
import { lastTrafficMove, type HistoryEvent } from './history.js';
import type { FailoverObservation } from './observe.js';
import { refuses } from './guards.js';
import { batchNotes, historyAndReleaseStep, lockRequest, takeLockStep } from './steps.js';

export type ResumeDecision = { resume: false; why: string } | { resume: true; why: string; moveTime: string; recorded?: HistoryEvent };

type ResumeInput = Pick<FailoverObservation, 'target' | 'history' | 'lastMoves' | 'journalChecked'>;

export function resumeDecision(o: ResumeInput): ResumeDecision {
  const newest = [...o.lastMoves].filter((m) => Number.isFinite(Date.parse(m.time))).sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
  if (!newest || newest.to !== o.target) {
    return { resume: false, why: `no move to ${o.target} is on record (zone history and journal): DNS was already there, nothing to re-check` };
  }
  const recorded = lastTrafficMove(o.history);
  if (recorded?.to === o.target && recorded.checks === 'passed') {
    return { resume: false, why: `the ${recorded.kind} to ${o.target} at ${recorded.time} passed its DNS check and post-checks (zone history: checks=passed)` };
  }
  const checked = o.journalChecked;
  if (checked && checked.to === o.target && Date.parse(checked.time) >= Date.parse(newest.time)) {
    return { resume: false, why: `this machine's journal shows the DNS check and post-checks towards ${o.target} passing at ${checked.time}, after the move at ${newest.time}` };
  }
  const moveTime = recorded?.to === o.target ? recorded.time : newest.time;
  const why = `the move to ${o.target} at ${moveTime} (from the ${newest.source === 'history' ? 'zone history' : 'journal'}) has no passing DNS check and post-checks on record: running them again and recording the move`;
  return recorded?.to === o.target ? { resume: true, why, moveTime, recorded } : { resume: true, why, moveTime };
}

export function resumePlan(
  t: Topology,
  dns: DnsConfig,
  o: FailoverObservation,
  opts: FailoverOptions,
  id: PlanIdentity,
  decision: Extract<ResumeDecision, { resume: true }>,
): Omit<FailoverPlanParts, 'impact' | 'impactFacts'> {
  const reason = opts.reason || 'no reason given';
  const kind = o.toSecondary ? 'failover' : 'failback';
  const guards: GuardResult[] = [
    { id: 'lock', ok: true, evidence: 'the failover lock is free' },
    { id: 'dns-target', ok: true, evidence: `DNS already sends every user to ${o.target} (${o.dns.evidence}); ${decision.why}` },
  ];
  // The recorded move keeps its time, actor and reason (the cooldown guards count from the move);
  // a move missing from the history is added with the time the journal saw it.
  const event: HistoryEvent = decision.recorded ?? {
    kind,
    time: decision.moveTime,
    from: o.source,
    to: o.target,
    actor: id.actor,
    reason: `recorded on resume by ${id.actor}: ${reason}`,
  };
  const earlier = decision.recorded ? o.history.filter((e) => e !== decision.recorded) : o.history;
  const lock = lockRequest(id, 'failover', reason);
  const comment = `mrrctl ${kind} resume (checks) → ${o.target} by ${id.actor}: ${reason}`;
  const steps = [
    takeLockStep(dns, lock),
    ...checkSteps(t, dns, o, opts.timeoutSeconds),
    historyAndReleaseStep(dns, event, earlier, comment, lock),
  ];
  const notes = [
    `resume: ${decision.why}`,
    'resume: traffic does not move, so only the lock guard applies (not health, anti-flap, cooldown, drift or the replica)',
    `pre-failover token: ${o.preToken.detail}`,
    ...batchNotes(steps),
  ];
  return { steps, guards, notes, refused: refuses(guards), nothingToDo: false };
}
