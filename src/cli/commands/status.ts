/**
 * `mrrctl status`: the topology at a glance — both Regions, replica, key, issuer, DNS. On a terminal
 * the result is the side-by-side dashboard, elsewhere plain lines (or JSON). `--watch` refreshes the
 * dashboard in place on stderr until Ctrl-C; without a live terminal it is refused (exit 2): a loop
 * that prints a new table every few seconds into a pipe or a JSON stream serves nobody well, and
 * `watch -n 5 mrrctl status` or a scheduler does that job better. A pool the primary Region does not
 * know exits 3 (MRR_STATUS_E003) instead of a table of "no replica".
 */
import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import type { StatusReport } from '../../core/status/status.js';
import type { CommandResult } from '../../ui/output.js';
import { openDashboard, statusResultText } from '../../ui/render-live.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { resolveEnv } from '../../app/env.js';
import { statusOf } from '../../app/status/observe.js';
import type { CommandContext } from '../context.js';

interface StatusFlags {
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

export function registerStatus(program: Command, hooks: ProgramHooks): void {
  program
    .command('status')
    .description('topology at a glance: both Regions, replica role/status, health, key, issuer, DNS target, drift counts, last failover, lock')
    .option('--watch', 'refresh the dashboard in place until Ctrl-C (needs a terminal)')
    .option('--interval <seconds>', 'seconds between refreshes with --watch', '5')
    .addHelpText('after', '\nExamples:\n  mrrctl status --output json\n  mrrctl status --watch --interval 10')
    .action(
      actionFor<StatusFlags>(hooks, async (ctx, _args, flags) => {
        const intervalMs = parseInterval(flags.interval);
        if (flags.watch && !ctx.terminal.live) {
          throw new UsageError(
            'MRR_STATUS_E001',
            '--watch refreshes the dashboard in place and needs a terminal on stderr (not a pipe, not --output json); ' +
              'without one, run `mrrctl status` on a schedule instead, e.g. `watch -n 5 mrrctl status`',
          );
        }
        const env = await resolveEnv(ctx);
        const observe = () => statusOf(env);
        const report = await observe();
        if (flags.watch) return watchStatus(ctx, observe, report, intervalMs);
        return statusResult(report, await statusResultText(ctx, report));
      }),
    );
}
