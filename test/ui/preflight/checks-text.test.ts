/** `preflight` as a checklist: aligned ids, the remedy under a check that does not pass, and the counts. */
import { describe, expect, it } from 'vitest';
import { renderChecks } from '../../../src/ui/preflight/checks-text.js';

describe('renderChecks', () => {
  it('aligns the evidence, puts each remedy under its check, and counts the outcomes', () => {
    expect(
      renderChecks([
        { id: 'tier', status: 'pass', evidence: 'the pool is on the PLUS tier' },
        { id: 'key.customer-managed', status: 'fail', evidence: 'the pool is encrypted with an AWS owned key', remedy: 'run `mrrctl keys setup` (phase 1)' },
        { id: 'dns', status: 'warn', evidence: 'no dns section: failover cannot move traffic' },
      ]),
    ).toEqual([
      'PASS  tier                  the pool is on the PLUS tier',
      'FAIL  key.customer-managed  the pool is encrypted with an AWS owned key',
      '                            → run `mrrctl keys setup` (phase 1)',
      'WARN  dns                   no dns section: failover cannot move traffic',
      '1 passed, 1 warnings, 1 failed',
    ]);
  });
});
