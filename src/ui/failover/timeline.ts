/** The timeline a failover ends with: each step's start, duration and outcome, and the total time. */
import type { ApplyResult, Plan } from '../../core/plan/types.js';

const MARK = { applied: '✓', skipped: '=', failed: '✗' } as const;

export function renderTimeline(plan: Pick<Plan, 'steps'>, result: ApplyResult): string[] {
  const first = result.results[0];
  if (!first) return [];
  const t0 = Date.parse(first.startedAt);
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const lines = ['Timeline:'];
  let end = t0;
  for (const r of result.results) {
    const started = Date.parse(r.startedAt);
    end = Math.max(end, started + r.durationMs);
    const offset = ((started - t0) / 1000).toFixed(1).padStart(6);
    lines.push(`  ${r.startedAt.slice(11, 23)}  +${offset} s  ${MARK[r.status]} ${byId.get(r.stepId)?.summary ?? r.stepId} (${r.durationMs} ms)`);
  }
  lines.push(`Took ${((end - t0) / 1000).toFixed(1)} s.`);
  return lines;
}
