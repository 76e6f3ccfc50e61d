import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { ApplyProgress, type FinishedStep, type RunningStep } from '../../src/ui/ink/apply-progress.js';

const done = (index: number, status: FinishedStep['status'], durationMs: number, extra: Partial<FinishedStep> = {}): FinishedStep => ({
  key: `s${index}`,
  index,
  total: 4,
  summary: `step ${index + 1}`,
  status,
  durationMs,
  ...extra,
});

describe('ApplyProgress', () => {
  it('keeps finished steps printed with their mark and duration, and shows what the running step waits for and for how long', () => {
    let now = 100_000;
    const running: RunningStep = {
      index: 2,
      total: 4,
      summary: 'wait until the replica is INACTIVE',
      startedAtMs: 88_000,
      waiting: { progress: { stepId: 's2', waitingFor: 'replica in eu-west-1', state: 'CREATING', sinceMs: 9_000 }, receivedAtMs: 99_000 },
    };
    const finished = [done(0, 'applied', 850), done(1, 'skipped', 120)];
    const view = (f: typeof finished, r?: RunningStep) => <ApplyProgress finished={f} running={r} color={false} now={() => now} tickMs={0} />;
    const { lastFrame, rerender, unmount, frames } = render(view(finished, running));
    const first = lastFrame() ?? '';
    expect(first).toContain('✓ 1/4 step 1 (850 ms)');
    expect(first).toContain('= 2/4 step 2 (120 ms, already in place)');
    expect(first).toMatch(/3\/4 wait until the replica is INACTIVE 12 s/);
    // Waiting since 9 s when reported, 1 s ago: 10 s.
    expect(first).toContain('waiting for replica in eu-west-1: CREATING for 10 s');

    // The step finishes, the next fails: both join the printed list and the live row is gone.
    now = 130_500;
    const after = [...finished, done(2, 'applied', 42_500), done(3, 'failed', 1_200, { error: 'AccessDeniedException: not allowed' })];
    rerender(view(after));
    const last = lastFrame() ?? '';
    unmount();
    expect(last).toContain('✓ 3/4 step 3 (42.5 s)');
    expect(last).toContain('✗ 4/4 step 4 (1.2 s)');
    expect(last).toContain('AccessDeniedException: not allowed');
    expect(last).not.toContain('waiting for');
    // Each finished step is printed once (Static), however often the view re-renders.
    expect(last.match(/1\/4 step 1/g)).toHaveLength(1);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(last).not.toMatch(/\u001b\[/);
  });

  it('counts down a window with a known end, and shows an untyped progress line as is', () => {
    const running: RunningStep = {
      index: 0,
      total: 1,
      summary: 'wait out the anti-flap window',
      startedAtMs: 0,
      waiting: { progress: { stepId: 's0', waitingFor: 'the anti-flap window', state: 'OPEN', sinceMs: 30_000, remainingMs: 90_000 }, receivedAtMs: 30_000 },
    };
    const a = render(<ApplyProgress finished={[]} running={running} color={false} now={() => 40_000} tickMs={0} />);
    expect(a.lastFrame()).toContain('waiting for the anti-flap window: OPEN for 40 s, 80 s left');
    a.unmount();
    const b = render(
      <ApplyProgress finished={[{ key: 'l0', line: 'note before the steps' }]} running={{ index: 0, total: 1, summary: 'apply', startedAtMs: 0, note: '  waiting: Route 53 change C1 is PENDING (3 s)' }} color={false} now={() => 4_000} tickMs={0} />,
    );
    expect(b.lastFrame()).toContain('note before the steps');
    expect(b.lastFrame()).toContain('waiting: Route 53 change C1 is PENDING (3 s)');
    b.unmount();
  });

  it('marks success green and failure red when colour is allowed', () => {
    const { lastFrame, unmount } = render(<ApplyProgress finished={[done(0, 'applied', 5), done(1, 'failed', 5)]} color={true} now={() => 0} tickMs={0} />);
    expect(lastFrame()).toContain('\u001b[32m\u001b[1m✓');
    expect(lastFrame()).toContain('\u001b[31m\u001b[1m✗');
    unmount();
  });
});
