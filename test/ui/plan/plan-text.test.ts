import { describe, expect, it } from 'vitest';
import { groupStepsByRegion, renderPlanText } from '../../../src/ui/plan/plan-text.js';
import type { Step } from '../../../src/core/plan/types.js';
import { samplePlan } from '../../core/plan/fixtures.js';

const step = (id: string, region: string, action: Step['action'], extra: Partial<Step> = {}): Step => ({
  id,
  region,
  service: 'route53',
  operation: 'ChangeResourceRecordSets',
  input: {},
  summary: `${action} ${id}`,
  action,
  destructive: false,
  ...extra,
});

describe('groupStepsByRegion', () => {
  it('puts the preferred Regions first, keeps plan order inside a group, and keeps each step index', () => {
    const steps = [step('a', 'eu-west-1', 'create'), step('b', 'us-east-1', 'update'), step('c', 'eu-west-1', 'wait'), step('d', 'ap-south-1', 'verify')];
    const groups = groupStepsByRegion(steps, ['us-east-1', 'eu-west-1', 'us-west-2']);
    expect(groups.map((g) => [g.region, g.steps.map((s) => `${s.index}:${s.step.id}`)])).toEqual([
      ['us-east-1', ['1:b']],
      ['eu-west-1', ['0:a', '2:c']],
      ['ap-south-1', ['3:d']],
    ]);
  });
});

describe('renderPlanText', () => {
  it('groups by Region with a marker per action and tags destructive and traffic-moving steps', () => {
    const plan = samplePlan({
      steps: [
        step('dns.weights', 'us-east-1', 'update', { summary: 'send 100% of traffic to eu-west-1', trafficMoving: true }),
        step('replica.delete', 'eu-west-1', 'delete', { summary: 'delete the replica', destructive: true, service: 'cognito-idp', operation: 'DeleteUserPoolReplica' }),
        step('replica.create', 'eu-west-1', 'create'),
        step('replica.wait', 'eu-west-1', 'wait'),
        step('replica.check', 'eu-west-1', 'verify'),
      ],
      notes: ['the Route 53 change takes up to 60 s to propagate'],
    });
    const lines = renderPlanText(plan);
    const primary = lines.indexOf('us-east-1 (primary)');
    const secondary = lines.indexOf('eu-west-1 (secondary)');
    expect(primary).toBeGreaterThan(-1);
    expect(secondary).toBeGreaterThan(primary);
    expect(lines[primary + 1]).toBe('  ~ 1. route53:ChangeResourceRecordSets — send 100% of traffic to eu-west-1  [TRAFFIC]');
    expect(lines[secondary + 1]).toBe('  - 2. cognito-idp:DeleteUserPoolReplica — delete the replica  [DESTRUCTIVE]');
    expect(lines.slice(secondary + 2, secondary + 5).map((l) => l.trim()[0])).toEqual(['+', '…', '✓']);
    expect(lines).toContain('5 steps: 1 to create, 1 to update, 1 to delete, 1 wait, 1 check (1 destructive, 1 moving traffic)');
    expect(lines).toContain('  - the Route 53 change takes up to 60 s to propagate');
    expect(lines.every((line) => !line.includes('\x1b'))).toBe(true);
  });

  it('says "no changes" for an empty plan', () => {
    const lines = renderPlanText(samplePlan({ steps: [] }));
    expect(lines.some((line) => line.startsWith('No changes'))).toBe(true);
    expect(lines.some((line) => / steps?:/.test(line))).toBe(false);
  });

  it('shows guards, with the remedy of a failing one', () => {
    const lines = renderPlanText(
      samplePlan({
        guards: [
          { id: 'anti-flap', ok: true, evidence: 'us-east-1 unhealthy for 240 s (≥ 180 s)' },
          { id: 'cooldown', ok: false, evidence: 'last failover 5 min ago', remedy: 'wait 25 min' },
        ],
      }),
    );
    expect(lines).toContain('✓ guard anti-flap passes: us-east-1 unhealthy for 240 s (≥ 180 s)');
    expect(lines).toContain('✗ guard cooldown fails: last failover 5 min ago — wait 25 min');
  });
});
