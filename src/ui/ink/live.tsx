/**
 * Mounting the ink views. This module (and with it ink, React and yoga) is imported only by
 * render-live.ts, with a dynamic import, and only when a live terminal needs it: `--help`,
 * `--version`, pipes and JSON never pay for loading it.
 */
import { terminalSafe, terminalSafeDeep } from '../terminal-safe.js';
import type { Readable, Writable } from 'node:stream';
import type { ReactElement } from 'react';
import process from 'node:process';
import { render, renderToString, type Instance } from 'ink';
import type { ApplyEvent } from '../../core/plan/apply.js';
import type { Plan } from '../../core/plan/types.js';
import type { StatusReport } from '../../core/status/status.js';
import type { ProgressLog } from '../wait-progress.js';
import { ApplyProgress, type FinishedStep, type LoggedLine, type RunningStep } from './apply-progress.js';
import { ConfirmPrompt } from './confirm-prompt.js';
import { PlanView } from './plan-view.js';
import { StatusDashboard, type StatusDashboardProps } from './status-dashboard.js';

/** Where a live view renders: the stream (stderr), the keyboard, and what the terminal allows. */
export interface LiveTarget {
  stream: Writable;
  stdin: Readable;
  color: boolean;
  columns: number;
  /** The command's abort signal: main() aborts it on the first Ctrl-C. */
  signal?: AbortSignal;
}

/**
 * ink hooks process exit through signal-exit, which re-raises SIGINT when it believes it is the last
 * listener — and main() listens with `once`, so on the first Ctrl-C ink would kill the process in
 * the middle of a journaled apply. While a view is mounted this listener keeps the first Ctrl-C for
 * main()'s abort (the apply stops at the next safe point, the watch ends), and lets a second one
 * (or one that nobody turned into an abort) end the process as Ctrl-C always does.
 */
function holdInterrupts(signal: AbortSignal | undefined): () => void {
  let held = false;
  const onSigint = () => {
    if (signal?.aborted && !held) {
      held = true;
      return;
    }
    process.off('SIGINT', onSigint);
    process.kill(process.pid, 'SIGINT');
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

/**
 * The stream as ink sees it, with a usable size: a pseudo-terminal nobody sized (`script` fed from
 * a pipe, some containers) reports 0 columns and 0 rows, which ink would take as a one-column,
 * always-full screen and clear on every frame. Unknown columns become the io's default width and
 * unknown rows "unknown" (ink then never treats the view as full-screen).
 */
function sized(stream: Writable, columns: number): NodeJS.WriteStream {
  const tty = stream as Partial<NodeJS.WriteStream>;
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'columns') return tty.columns || columns;
      if (property === 'rows') return tty.rows || undefined;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as NodeJS.WriteStream;
}

interface Mounted {
  instance: Instance;
  release(): void;
}

function mount(node: ReactElement, target: LiveTarget): Mounted {
  const stream = sized(target.stream, target.columns);
  const release = holdInterrupts(target.signal);
  const instance = render(node, {
    stdout: stream,
    stderr: stream,
    stdin: target.stdin as NodeJS.ReadStream,
    // mrrctl handles Ctrl-C itself (the abort signal); ink must not patch console or exit the process.
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { instance, release };
}

/** Unmounts and waits until ink has written its last frame, so what follows never interleaves. */
async function unmount({ instance, release }: Mounted): Promise<void> {
  const exited = instance.waitUntilExit();
  instance.unmount();
  await exited;
  release();
}

export function planViewText(plan: Plan, report: string[], color: boolean, columns: number): string {
  return renderToString(<PlanView plan={terminalSafeDeep(plan)} report={report.map((l) => terminalSafe(l))} color={color} />, { columns });
}

export function statusDashboardText(report: StatusReport, color: boolean, columns: number): string {
  return renderToString(<StatusDashboard report={terminalSafeDeep(report)} color={color} columns={columns} />, { columns });
}

export interface LiveApplyProgress {
  onEvent(event: ApplyEvent): void;
  log: ProgressLog;
  close(): Promise<void>;
}

export function mountApplyProgress(target: LiveTarget, now: () => number): LiveApplyProgress {
  const finished: Array<FinishedStep | LoggedLine> = [];
  let running: RunningStep | undefined;
  const view = () => <ApplyProgress finished={[...finished]} running={running} color={target.color} now={now} />;
  const mounted = mount(view(), target);
  const update = () => mounted.instance.rerender(view());
  return {
    onEvent(event) {
      if (event.type === 'step-start') {
        running = { index: event.index, total: event.total, summary: terminalSafe(event.step.summary), startedAtMs: now() };
      } else if (event.type === 'step-done' || event.type === 'step-failed') {
        const error = event.result.error;
        finished.push({
          key: event.step.id,
          index: event.index,
          total: event.total,
          summary: terminalSafe(event.step.summary),
          status: event.result.status,
          durationMs: event.result.durationMs,
          ...(error ? { error: terminalSafe(`${error.name}: ${error.message}`) } : {}),
        });
        running = undefined;
      } else {
        return;
      }
      update();
    },
    log(raw, progress) {
      const line = terminalSafe(raw);
      if (running && progress) running = { ...running, waiting: { progress, receivedAtMs: now() }, note: undefined };
      else if (running) running = { ...running, note: line };
      else finished.push({ key: `line-${finished.length}`, line });
      update();
    },
    close: () => unmount(mounted),
  };
}

export interface ConfirmQuestion {
  question: string;
  typeToConfirm?: string;
  typeWhat?: string;
  warning?: string;
}

/** Asks on the terminal; resolves with the answer, or null when cancelled (Esc, Ctrl-C, abort). */
export function askConfirmation(target: LiveTarget, question: ConfirmQuestion, signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: string | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // Leave the effect that reported the answer before unmounting the tree it runs in.
      setImmediate(() => void unmount(mounted).then(() => resolve(answer)));
    };
    const onAbort = () => finish(null);
    const mounted = mount(<ConfirmPrompt {...terminalSafeDeep(question)} color={target.color} onSubmit={finish} />, target);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface LiveDashboard {
  show(report: StatusReport, watch: NonNullable<StatusDashboardProps['watch']>): void;
  close(): Promise<void>;
}

export function mountStatusDashboard(target: LiveTarget, first: StatusReport, watch: NonNullable<StatusDashboardProps['watch']>): LiveDashboard {
  // Data from AWS is laid out by ink, which writes its own escape sequences: make the data safe first.
  const view = (report: StatusReport, w: typeof watch) => <StatusDashboard report={terminalSafeDeep(report)} color={target.color} columns={target.columns} watch={terminalSafeDeep(w)} />;
  const mounted = mount(view(first, watch), target);
  return {
    show: (report, w) => mounted.instance.rerender(view(report, w)),
    close: () => unmount(mounted),
  };
}
