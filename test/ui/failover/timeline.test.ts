/** The timeline a failover ends with: offsets from the first step, each step's outcome, the total. */
import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../../src/core/plan/types.js';
import { renderTimeline } from '../../../src/ui/failover/timeline.js';
import { uiPlan } from '../fixtures.js';

describe('renderTimeline', () => {
  const plan = uiPlan();
  const result = (results: ApplyResult['results']): ApplyResult => ({ planHash: 'h', results, ok: true, notRun: [] });

  it('lists each step that ran with its start, offset, mark and duration, then the time it all took', () => {
    const lines = renderTimeline(
      plan,
      result([
        { stepId: 'dns.weights', status: 'applied', startedAt: '2025-06-01T10:00:00.000Z', durationMs: 420 },
        { stepId: 'replica.delete', status: 'skipped', startedAt: '2025-06-01T10:00:00.500Z', durationMs: 30 },
        { stepId: 'replica.create', status: 'failed', startedAt: '2025-06-01T10:00:12.250Z', durationMs: 1_750 },
      ]),
    );
    expect(lines).toEqual([
      'Timeline:',
      '  10:00:00.000  +   0.0 s  ✓ send 100% of traffic to eu-west-1 (420 ms)',
      '  10:00:00.500  +   0.5 s  = delete the replica in eu-west-1 (30 ms)',
      '  10:00:12.250  +  12.3 s  ✗ create the replica in eu-west-1 (1750 ms)',
      'Took 14.0 s.',
    ]);
  });

  it('is empty when nothing ran, and names a step the plan does not know by its id', () => {
    expect(renderTimeline(plan, result([]))).toEqual([]);
    expect(renderTimeline(plan, result([{ stepId: 'history.record', status: 'applied', startedAt: '2025-06-01T10:00:00.000Z', durationMs: 5 }]))).toEqual([
      'Timeline:',
      '  10:00:00.000  +   0.0 s  ✓ history.record (5 ms)',
      'Took 0.0 s.',
    ]);
  });
});
