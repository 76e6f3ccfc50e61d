/**
 * The ink-or-plain decision: without a live terminal everything is the plain lines of before (CI logs
 * and tests depend on them), JSON mode adds nothing; with one, ink renders on stderr.
 */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/context.js';
import { systemClock } from '../../src/core/clock.js';
import type { GlobalFlags } from '../../src/core/global-flags.js';
import type { ApplyEvent } from '../../src/core/plan/apply.js';
import { bufferIo } from '../../src/ui/io.js';
import { planResultText, showPlan, startProgress, statusResultText } from '../../src/ui/render-live.js';
import { uiPlan, uiStatus } from './fixtures.js';

function context(opts: { tty: boolean; output?: 'text' | 'json'; env?: Record<string, string> }) {
  const io = bufferIo({ tty: opts.tty });
  const flags: GlobalFlags = { output: opts.output ?? 'text', yes: false, color: true, verbose: false };
  const ctx = createContext({ io, env: opts.env ?? {}, cwd: '/', clock: systemClock, signal: new AbortController().signal }, flags);
  return { ctx, io };
}

const plan = uiPlan();
/** The plain text of the fixture plan, as CI logs have always shown it. */
const PLAN_LINES = [
  'Plan: failover for us-east-1_Ab12Cd34 (primary us-east-1, secondary eu-west-1)',
  'Made 2025-06-01T10:00:00.000Z, expires 2025-06-01T11:00:00.000Z; observed state 3d47bce4e50b',
  '✓ guard anti-flap passes: eu-west-1 healthy for 180 s (window 120 s)',
  '✗ guard lock fails: held by ana@laptop since 10:00 — wait, or --break-lock after it expires',
  '! guard cooldown fails, waived: last failover 5 min ago',
  '',
  'us-east-1 (primary)',
  '  ~ 1. route53:ChangeResourceRecordSets — send 100% of traffic to eu-west-1  [TRAFFIC]',
  '',
  'eu-west-1 (secondary)',
  '  - 2. cognito-idp:DeleteUserPoolReplica — delete the replica in eu-west-1  [DESTRUCTIVE]',
  '  + 3. cognito-idp:CreateUserPoolReplica — create the replica in eu-west-1',
  '  … 4. cognito-idp:WaitForReplicaStatus — wait until the replica is INACTIVE',
  '',
  '4 steps: 1 to create, 1 to update, 1 to delete, 1 wait (1 destructive, 1 moving traffic)',
  '',
  'Notes:',
  '  - the Route 53 change takes up to 60 s to propagate',
];
/** The fixture status as plain lines. */
const STATUS_LINES = [
  'User pool us-east-1_Ab12Cd34 (ESSENTIALS)',
  '  REGION          ROLE       STATUS     ISSUER',
  '  us-east-1       PRIMARY    ACTIVE     https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
  '    health healthy',
  '  eu-west-1       SECONDARY  INACTIVE   https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
  '    health inactive',
  '  key     CUSTOMER_MANAGED_KEY arn:aws:kms:us-east-1:123456789012:key/mrk-1',
  '  issuer  UPDATED https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
  '  dns     weighted: serving us-east-1 (us-east-1 weight 100, eu-west-1 weight 0)',
  '  drift   0 errors, 1 warning, 2 info (quick check at 2025-06-01T10:00:00.000Z; `mrrctl drift` lists them)',
  '  last failover  none recorded',
  '  lock    free',
];
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
    expect(io.err().split('\n')).toEqual([
      'report line',
      ...PLAN_LINES,
      '… 1/2 send 100% of traffic to eu-west-1',
      '✓ 1/2 send 100% of traffic to eu-west-1 (12 ms)',
      '… 2/2 delete the replica in eu-west-1',
      '✗ 2/2 delete the replica in eu-west-1: AccessDeniedException: no',
      '  waiting: replica in eu-west-1 is CREATING (3 s)',
      '',
    ]);
  });

  it('adds nothing on stderr in JSON mode, not even the waits’ own lines', async () => {
    const { ctx, io } = context({ tty: true, output: 'json' });
    await showPlan(ctx, plan, []);
    const view = await startProgress(ctx);
    for (const event of events) view.onEvent(event);
    view.log('  waiting: x is Y (1 s)');
    await view.close();
    expect(io.err()).toBe('');
    expect(io.out()).toBe('');
  });

  it('returns the plain plan and status lines as results when stdout is not a terminal', async () => {
    const { ctx } = context({ tty: false });
    expect(await planResultText(ctx, plan, ['r'])).toEqual(['r', ...PLAN_LINES]);
    expect(await statusResultText(ctx, uiStatus())).toEqual(STATUS_LINES);
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
