/**
 * The one place that decides, per view, between ink and plain lines:
 * - a live terminal on stderr (TTY, not JSON, not TERM=dumb) gets the ink views, rendered on stderr;
 * - otherwise the same information as plain lines (CI logs, pipes), and nothing extra in JSON mode;
 * - a result printed on a terminal stdout (richStdout) may be laid out by the same components.
 * ink and React are imported here lazily, only on the paths that render them.
 */
import type { Clock } from '../core/clock.js';
import type { ApplyEvent } from '../core/plan/apply.js';
import type { Plan } from '../core/plan/types.js';
import type { StatusReport } from '../core/status/status.js';
import type { ConfirmQuestion, LiveTarget } from './ink/live.js';
import type { IoStreams, TerminalPolicy } from './io.js';
import { renderPlanText } from './plan/plan-text.js';
import { terminalSafe } from './terminal-safe.js';
import { renderStatusText } from './status/status-text.js';
import type { ProgressLog } from './wait-progress.js';

/** What the views need of a command's context (cli/context.ts CommandContext satisfies it). */
export interface LiveContext {
  io: IoStreams;
  terminal: TerminalPolicy;
  flags: { output: 'text' | 'json'; yes: boolean };
  clock: Clock;
  /** Writes a line to stderr. */
  log(line: string): void;
  /** The command's abort signal (Ctrl-C). */
  signal: AbortSignal;
}

const loadLive = () => import('./ink/live.js');

function stderrTarget(ctx: LiveContext): LiveTarget {
  return { stream: ctx.io.stderr, stdin: ctx.io.stdin, color: ctx.terminal.colorStderr, columns: ctx.io.columns, signal: ctx.signal };
}

/** ink ends every frame with a newline of its own; results are lists of lines. */
function toLines(text: string): string[] {
  return text.replace(/\n+$/, '').split('\n');
}

/** The plan (and a command's report) on stderr before confirmation. Nothing in JSON mode. */
export async function showPlan(ctx: LiveContext, plan: Plan, report: string[]): Promise<void> {
  if (ctx.flags.output !== 'text') return;
  if (ctx.terminal.live) {
    const live = await loadLive();
    const text = live.planViewText(plan, report, ctx.terminal.colorStderr, ctx.io.columns);
    ctx.io.stderr.write(`${terminalSafe(text, { allowColour: ctx.terminal.colorStderr })}\n\n`);
    return;
  }
  for (const line of [...report, ...renderPlanText(plan)]) ctx.log(line);
}

/** The plan as a result (dry-run, refusal, nothing to do): laid out on a terminal, plain otherwise. */
export async function planResultText(ctx: LiveContext, plan: Plan, report: string[]): Promise<string[]> {
  if (!ctx.terminal.richStdout) return [...report, ...renderPlanText(plan)];
  const live = await loadLive();
  return toLines(live.planViewText(plan, report, ctx.terminal.colorStdout, ctx.io.columns));
}

/** `status` as a result: the dashboard on a terminal, the plain table otherwise. */
export async function statusResultText(ctx: LiveContext, report: StatusReport): Promise<string[]> {
  if (!ctx.terminal.richStdout) return renderStatusText(report);
  const live = await loadLive();
  return toLines(live.statusDashboardText(report, ctx.terminal.colorStdout, ctx.io.columns));
}

/** Apply progress: receives the engine's events and the waits' progress. */
export interface ProgressView {
  onEvent(event: ApplyEvent): void;
  /** Give this to the wait handlers (through the env's ctx.log) while applying. */
  log: ProgressLog;
  close(): Promise<void>;
}

/** The plain progress line of an apply event, as printed without a live terminal. */
export function progressLine(event: ApplyEvent): string | undefined {
  if (event.type === 'step-start') return `… ${event.index + 1}/${event.total} ${event.step.summary}`;
  if (event.type === 'step-done') {
    const skipped = event.result.status === 'skipped';
    return `${skipped ? '=' : '✓'} ${event.index + 1}/${event.total} ${event.step.summary} (${event.result.durationMs} ms${skipped ? ', already in place' : ''})`;
  }
  if (event.type === 'step-failed') {
    return `✗ ${event.index + 1}/${event.total} ${event.step.summary}: ${event.result.error?.name}: ${event.result.error?.message}`;
  }
  return undefined;
}

export async function startProgress(ctx: LiveContext): Promise<ProgressView> {
  if (ctx.terminal.live) {
    const live = await loadLive();
    return live.mountApplyProgress(stderrTarget(ctx), () => ctx.clock.now().getTime());
  }
  return {
    onEvent: (event) => {
      const line = progressLine(event);
      if (line !== undefined && ctx.flags.output === 'text') ctx.log(line);
    },
    // The waits' own lines go out as they always did, also in JSON mode (stderr is not the result).
    log: (line) => ctx.log(line),
    close: async () => {},
  };
}

/**
 * Asks the question with the ink prompt. Resolves with the answer, null when cancelled, or
 * undefined when this terminal cannot take keystrokes one by one (stdin without raw mode): the
 * caller then reads a line instead.
 */
export async function askLive(ctx: LiveContext, question: ConfirmQuestion): Promise<string | null | undefined> {
  const stdin = ctx.io.stdin as { setRawMode?: unknown };
  if (!ctx.terminal.live || typeof stdin.setRawMode !== 'function') return undefined;
  const live = await loadLive();
  return live.askConfirmation(stderrTarget(ctx), question, ctx.signal);
}

export interface DashboardView {
  show(report: StatusReport, watch: { intervalMs: number; refreshedAt?: Date; refreshing: boolean; error?: string }): void;
  close(): Promise<void>;
}

/** The dashboard refreshing in place on stderr; only on a live terminal (callers check first). */
export async function openDashboard(ctx: LiveContext, first: StatusReport, intervalMs: number): Promise<DashboardView> {
  const live = await loadLive();
  return live.mountStatusDashboard(stderrTarget(ctx), first, { intervalMs, refreshedAt: ctx.clock.now(), refreshing: false });
}
