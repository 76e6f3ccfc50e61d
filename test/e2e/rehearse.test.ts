/** The main job: `mrrctl rehearse` runs the whole runbook on an ephemeral sandbox and passes. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import type { RehearsalStep } from '../../src/core/rehearse/runbook.js';
import { renderReport, timelineLine } from '../../src/cli/rehearse/report.js';

/** The game day's steps, in the order the runbook runs them: phases 1–3, drift, canary, outage, failover, failback. */
const GAME_DAY_STEP_IDS = [
  'preflight',
  'keys-setup',
  'issuer-switch',
  'replica-create',
  'drift',
  'deploy-missing',
  'drift-fix',
  'drift-clean',
  'replica-activate',
  'canary',
  'canary-stop',
  'mint-token',
  'outage',
  'health',
  'failover-refused',
  'anti-flap-wait',
  'failover',
  'token-continuity',
  'recover',
  'failback-wait',
  'failback',
  'final-status',
];

describe('rehearse', () => {
  it('runs every runbook step as expected, prints the timeline and writes the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-rehearse-test-'));
    // On a virtual clock the 1 s anti-flap window cannot close by itself between the outage and the
    // refused failover, however slow the machine: only the rehearsal's own waits move time.
    const r = await runCli(['rehearse', '--window', '1', '--report', 'gameday.md', '--output', 'json'], { cwd: dir, clock: new VirtualClock().cli });
    const doc = r.json();
    expect(doc.data.timeline.filter((s: any) => !s.ok)).toEqual([]);
    expect(r.code).toBe(0);
    expect(doc.data.timeline.map((s: any) => s.id)).toEqual(GAME_DAY_STEP_IDS);
    const byId = Object.fromEntries(doc.data.timeline.map((s: any) => [s.id, s.outcome]));
    expect(byId.preflight).toContain('key.customer-managed');
    expect(byId['failover-refused']).toContain('anti-flap');
    expect(byId['token-continuity']).toMatch(/^valid against/);
    const report = readFileSync(join(dir, 'gameday.md'), 'utf8');
    expect(report).toContain('## Timeline');
    expect(report).toContain('## Drift findings (before the fix)');
    expect(report).toContain('MRR_DRIFT_E101');
    expect(report).toContain('## Plans');
  }, 120_000);

  it('names the step that did not behave as expected, in the timeline and the report', () => {
    const first: RehearsalStep = { id: 'preflight', title: 'preflight (fails, and says why)', action: { kind: 'cli', argv: ['preflight'] }, expectExit: 3 };
    const second: RehearsalStep = { id: 'keys-setup', title: 'phase 1: keys setup', action: { kind: 'cli', argv: ['keys', 'setup', '--yes'] }, expectExit: 0 };
    const records = [
      { step: first, ok: true, durationMs: 200, outcome: 'exit 3: 3 check(s) failed' },
      { step: second, ok: false, durationMs: 900, outcome: 'exit 1 (expected 0): AWS error' },
    ];
    expect(timelineLine(records[1], 1, 22)).toMatch(/^✗  2\/22 phase 1: keys setup .* exit 1 \(expected 0\): AWS error$/);
    const report = renderReport({ ok: false, failedStep: 'keys-setup', records, userPoolId: 'us-east-1_X', dir: '/tmp', sandbox: undefined as never }, new Date(0));
    expect(report).toContain('step `keys-setup` did not behave as the runbook expects');
    expect(report).toContain('| 2 | phase 1: keys setup | 0.9 s | exit 1 (expected 0): AWS error | ✗ |');
  });
});
