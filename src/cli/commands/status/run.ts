/**
 * The body of `mrrctl status` (loaded by ../status.ts when the command runs, not for its --help):
 * observe, render, and the --watch loop.
 */
import { InputError, UsageError } from '../../../core/errors.js';
import type { StatusReport } from '../../../core/status/status.js';
import type { CommandResult } from '../../../ui/output.js';
import { openDashboard, statusResultText } from '../../../ui/render-live.js';
import { resolveEnv } from '../../../app/env.js';
import { statusOf } from '../../../app/status/observe.js';
import { reusedDriftCounts } from '../../../app/status/drift-reuse.js';
import type { CommandContext } from '../../context.js';

export interface StatusFlags {
  watch?: boolean;
  interval: string;
}

export function parseInterval(raw: string): number {
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || seconds < 1 || seconds > 3600) {
    throw new InputError('MRR_STATUS_E002', 'flags', '--interval', raw, 'a number of seconds from 1 to 3600');
  }
  return Math.round(seconds * 1000);
}

function statusResult(report: StatusReport, text: string[]): CommandResult<StatusReport> {
  const unreachable = report.regions.filter((r) => !r.reachable).map((r) => r.region);
  return {
    command: 'status',
    ok: true,
    data: report,
    diagnostics: unreachable.map((region) => ({ severity: 'warning' as const, code: 'MRR_STATUS_W001', message: `${region} did not answer` })),
    text,
  };
}

/** Refreshes the dashboard every interval until the operator presses Ctrl-C (ctx.signal). */
async function watchStatus(ctx: CommandContext, observe: () => Promise<StatusReport>, first: StatusReport, intervalMs: number): Promise<CommandResult> {
  let report = first;
  let refreshedAt = ctx.clock.now();
  let error: string | undefined;
  const view = await openDashboard(ctx, first, intervalMs);
  try {
    while (!ctx.signal.aborted) {
      try {
        await ctx.clock.sleep(intervalMs, ctx.signal);
      } catch (err) {
        if (ctx.signal.aborted) break;
        throw err;
      }
      view.show(report, { intervalMs, refreshedAt, refreshing: true, error });
      try {
        report = await observe();
        refreshedAt = ctx.clock.now();
        error = undefined;
      } catch (err) {
        // Keep showing the last good picture, and say why it is not fresher.
        error = err instanceof Error ? err.message : String(err);
      }
      view.show(report, { intervalMs, refreshedAt, refreshing: false, error });
    }
  } finally {
    await view.close();
  }
  // Stopping a watch with Ctrl-C is how it is meant to end: exit 0. The dashboard stays on screen.
  return { ...statusResult(report, []), diagnostics: [] };
}


export async function runStatus(ctx: CommandContext, flags: StatusFlags): Promise<CommandResult> {
  const intervalMs = parseInterval(flags.interval);
  if (flags.watch && !ctx.terminal.live) {
    throw new UsageError(
      'MRR_STATUS_E001',
      '--watch refreshes the dashboard in place and needs a terminal on stderr (not a pipe, not --output json); ' +
        'without one, run `mrrctl status` on a schedule instead, e.g. `watch -n 5 mrrctl status`',
    );
  }
  const env = await resolveEnv(ctx);
  // --watch: each refresh reads everything again but the drift counts, which are reused for 60 s.
  const drift = flags.watch ? reusedDriftCounts(ctx.clock) : undefined;
  const observe = () => statusOf(env, drift ? { drift } : {});
  const report = await observe();
  if (flags.watch) return watchStatus(ctx, observe, report, intervalMs);
  return statusResult(report, await statusResultText(ctx, report));
}
