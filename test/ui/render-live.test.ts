/**
 * The ink-or-plain decision: without a live terminal everything is the plain lines of before (CI logs
 * and tests depend on them), JSON mode adds nothing; with one, ink renders on stderr.
 */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/context.js';
import { systemClock } from '../../src/core/clock.js';
import type { GlobalFlags } from '../../src/cli/global-flags.js';
import type { ApplyEvent } from '../../src/core/plan/apply.js';
import { bufferIo } from '../../src/ui/io.js';
import { planResultText, progressLine, showPlan, startProgress, statusResultText } from '../../src/ui/render-live.js';
import { renderPlanText } from '../../src/ui/plan/plan-text.js';
import { renderStatusText } from '../../src/ui/status/status-text.js';
import { uiPlan, uiStatus } from './fixtures.js';

function context(opts: { tty: boolean; output?: 'text' | 'json'; env?: Record<string, string> }) {
  const io = bufferIo({ tty: opts.tty });
  const flags: GlobalFlags = { output: opts.output ?? 'text', yes: false, color: true, verbose: false };
  const ctx = createContext({ io, env: opts.env ?? {}, cwd: '/', clock: systemClock, signal: new AbortController().signal }, flags);
  return { ctx, io };
}

const plan = uiPlan();
const [first, second] = plan.steps;
const events: ApplyEvent[] = [
  { type: 'step-start', step: first, index: 0, total: 2 },
  { type: 'step-done', step: first, index: 0, total: 2, result: { stepId: first.id, status: 'applied', startedAt: '', durationMs: 12 } },
  { type: 'step-start', step: second, index: 1, total: 2 },
  { type: 'step-failed', step: second, index: 1, total: 2, result: { stepId: second.id, status: 'failed', startedAt: '', durationMs: 3, error: { name: 'AccessDeniedException', message: 'no' } } },
];

describe('without a live terminal', () => {
  it('prints the plan and the progress as the plain lines of before, and passes wait lines through', async () => {
    const { ctx, io } = context({ tty: false });
    await showPlan(ctx, plan, ['report line']);
    const view = await startProgress(ctx);
    for (const event of events) view.onEvent(event);
    view.log('  waiting: replica in eu-west-1 is CREATING (3 s)', { stepId: second.id, waitingFor: 'replica in eu-west-1', state: 'CREATING', sinceMs: 3000 });
    await view.close();
    const expected = ['report line', ...renderPlanText(plan), ...events.map(progressLine).filter(Boolean), '  waiting: replica in eu-west-1 is CREATING (3 s)'];
    expect(io.err()).toBe(`${expected.join('\n')}\n`);
    expect(io.err()).toContain('✓ 1/2 send 100% of traffic to eu-west-1 (12 ms)');
    expect(io.err()).toContain('✗ 2/2 delete the replica in eu-west-1: AccessDeniedException: no');
    expect(io.err()).not.toMatch(/\u001b\[/);
  });

  it('adds nothing in JSON mode except the waits’ own lines on stderr', async () => {
    const { ctx, io } = context({ tty: true, output: 'json' });
    await showPlan(ctx, plan, []);
    const view = await startProgress(ctx);
    for (const event of events) view.onEvent(event);
    view.log('  waiting: x is Y (1 s)');
    await view.close();
    expect(io.err()).toBe('  waiting: x is Y (1 s)\n');
    expect(io.out()).toBe('');
  });

  it('returns the plain plan and status lines as results when stdout is not a terminal', async () => {
    const { ctx } = context({ tty: false });
    expect(await planResultText(ctx, plan, ['r'])).toEqual(['r', ...renderPlanText(plan)]);
    expect(await statusResultText(ctx, uiStatus())).toEqual(renderStatusText(uiStatus()));
  });
});

describe('on a live terminal', () => {
  // Only what ink prints for good is asserted here (the live row is covered in apply-progress.test):
  // with CI set, ink writes finished steps as they come and the live row only as its last frame.
  it('renders the plan view and the progress with ink on stderr, finished steps kept, colour per the policy', async () => {
    const { ctx, io } = context({ tty: true });
    await showPlan(ctx, plan, []);
    const view = await startProgress(ctx);
    for (const event of events.slice(0, 3)) view.onEvent(event);
    view.log('  waiting: replica in eu-west-1 is CREATING (3 s)', { stepId: second.id, waitingFor: 'replica in eu-west-1', state: 'CREATING', sinceMs: 3000 });
    view.onEvent(events[3]);
    await view.close();
    const err = io.err();
    expect(err).toContain('DESTRUCTIVE');
    expect(err).toMatch(/\u001b\[32m\u001b\[1m✓\u001b\[22m\u001b\[39m 1\/2 send 100% of traffic to eu-west-1/);
    expect(err).toContain('2/2 delete the replica in eu-west-1');
    expect(err).toContain('AccessDeniedException: no');
    expect(io.out()).toBe('');
  });

  it('honours NO_COLOR in the live views, and lays results out as the dashboard on a terminal stdout', async () => {
    const { ctx, io } = context({ tty: true, env: { NO_COLOR: '1' } });
    await showPlan(ctx, plan, []);
    expect(io.err()).toContain('[DESTRUCTIVE]');
    expect(io.err()).not.toMatch(/\u001b\[3\dm/);
    const lines = await statusResultText(ctx, uiStatus());
    expect(lines.some((l) => l.includes('us-east-1 PRIMARY') && l.includes('eu-west-1 SECONDARY'))).toBe(true);
  });
});
