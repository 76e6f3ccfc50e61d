import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { PlanView } from '../../src/ui/ink/plan-view.js';
import { uiPlan } from './fixtures.js';

describe('PlanView', () => {
  it('shows guards with evidence and remedy, then steps grouped by Region in apply order, with markers and tags', () => {
    const { lastFrame, unmount } = render(<PlanView plan={uiPlan()} report={['Impact: 3 app clients']} color={false} />);
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame).not.toMatch(/\u001b\[/);
    const lines = frame.split('\n').map((l) => l.trimEnd());
    expect(lines[0]).toBe('Impact: 3 app clients');
    expect(frame).toContain('Plan: failover for us-east-1_Ab12Cd34 (primary us-east-1, secondary eu-west-1)');
    expect(frame).toContain('✓ anti-flap passes: eu-west-1 healthy for 180 s (window 120 s)');
    expect(frame).toContain('✗ lock fails: held by ana@laptop since 10:00');
    expect(frame).toContain('→ wait, or --break-lock after it expires');
    expect(frame).toContain('! cooldown fails, waived: last failover 5 min ago');
    // Groups: primary first, then secondary; step numbers are the apply order.
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('us-east-1 (primary)')).toBeLessThan(at('~ 1. route53:ChangeResourceRecordSets'));
    expect(at('~ 1. route53:ChangeResourceRecordSets')).toBeLessThan(at('eu-west-1 (secondary)'));
    expect(lines[at('1. route53')]).toContain('[TRAFFIC]');
    expect(lines[at('2. cognito-idp:DeleteUserPoolReplica')]).toMatch(/^\s+- 2\. .*delete the replica in eu-west-1\s+\[DESTRUCTIVE\]/);
    expect(lines[at('3. cognito-idp:CreateUserPoolReplica')]).toMatch(/^\s+\+ 3\./);
    expect(lines[at('4. cognito-idp:WaitForReplicaStatus')]).toMatch(/^\s+… 4\./);
    expect(frame).toContain('4 steps: 1 to create, 1 to update, 1 to delete, 1 wait (1 destructive, 1 moving traffic)');
    expect(frame).toContain('- the Route 53 change takes up to 60 s to propagate');
  });

  it('colours the markers and makes destructive and traffic-moving steps badges when colour is allowed', () => {
    const { lastFrame, unmount } = render(<PlanView plan={uiPlan()} color={true} />);
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame).toContain('\u001b[32m\u001b[1m+\u001b[22m\u001b[39m'); // green +
    expect(frame).toContain('\u001b[33m\u001b[1m~\u001b[22m\u001b[39m'); // yellow ~
    expect(frame).toContain('\u001b[31m\u001b[1m-\u001b[22m\u001b[39m'); // red -
    expect(frame).toContain('\u001b[31m\u001b[7m\u001b[1m DESTRUCTIVE ');
    expect(frame).toContain(' TRAFFIC ');
    expect(frame).not.toContain('[DESTRUCTIVE]');
  });

  it('says there is nothing to do when the plan is empty', () => {
    const { lastFrame, unmount } = render(<PlanView plan={uiPlan({ steps: [], guards: [] })} color={false} />);
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame).toContain('No changes: us-east-1_Ab12Cd34 already matches; nothing to apply.');
    expect(frame).not.toContain('steps:');
  });
});
