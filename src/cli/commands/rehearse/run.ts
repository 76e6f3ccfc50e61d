/** The body of `mrrctl rehearse` (loaded by ../rehearse.ts when the command runs, not for its --help). */
import { FILE_MODES, checkWritable, writeFileSafely } from '../../../app/files/safe-write.js';
import { resolve } from 'node:path';
import { ExitCode, InputError } from '../../../core/errors.js';
import { REHEARSAL_SCENARIOS, isRehearsalScenario } from '../../../core/rehearse/runbook.js';
import type { CommandResult } from '../../../ui/output.js';
import type { CommandContext } from '../../context.js';

export interface RehearseFlags {
  scenario: string;
  report?: string;
  keep?: boolean;
  window: string;
}

export async function runRehearse(ctx: CommandContext, flags: RehearseFlags): Promise<CommandResult> {
  if (!/^\d+$/.test(flags.window) || Number(flags.window) < 1 || Number(flags.window) > 600) {
    throw new InputError('MRR_INPUT_E050', 'flags', '--window', flags.window, 'a whole number of seconds from 1 to 600');
  }
  if (!isRehearsalScenario(flags.scenario)) {
    throw new InputError('MRR_INPUT_E051', 'flags', '--scenario', flags.scenario, `one of ${REHEARSAL_SCENARIOS.join(', ')}`);
  }
  const scenario = flags.scenario;
  const window = Number(flags.window);
  const { rehearse } = await import('../../rehearse/runner.js');
  const { renderReport, timelineLine } = await import('../../rehearse/report.js');
  // The rehearsal report holds only the throw-away sandbox world: shared (0644). Checked first.
  const reportTarget = flags.report ? { path: resolve(ctx.cwd, flags.report), what: 'the rehearsal report (--report)', mode: FILE_MODES.shared } : undefined;
  if (reportTarget) await checkWritable(reportTarget);
  const startedAt = ctx.clock.now();
  const text = ctx.flags.output === 'text';
  if (text) ctx.log(scenario === 'region-outage' ? 'Rehearsing a whole-Region outage (ARC routing controls) on an ephemeral sandbox…' : 'Rehearsing the MRR runbook on an ephemeral sandbox…');
  const result = await rehearse(ctx, {
    scenario,
    timing: { minUnhealthySeconds: window, cooldownSeconds: window },
    delays: { replicaDelayMs: 1000, dnsDelayMs: 500, syncDelayMs: 200 },
    onStep: (record, index, total) => text && ctx.log(timelineLine(record, index, total)),
    onProgress: (line) => text && ctx.log(line),
  });
  const report = renderReport(result, startedAt);
  if (reportTarget) await writeFileSafely(reportTarget, report);
  const finalStatus = result.records.find((r) => r.step.id === 'final-status')?.envelope?.data;
  const { renderStatusText } = await import('../../../ui/status/status-text.js');
  const lines = [
    ...(finalStatus ? [...renderStatusText(finalStatus), ''] : []),
    result.ok
      ? `Rehearsal passed: ${result.records.length} steps behaved as the runbook expects.`
      : `Rehearsal failed at step "${result.failedStep}": ${result.records.at(-1)?.outcome}`,
    ...(flags.report ? [`Report: ${flags.report}`] : []),
  ];
  if (flags.keep) {
    ctx.log(`The sandbox stays up at ${result.sandbox.url} (config in ${result.dir}); Ctrl-C to stop.`);
    ctx.log(`  cd ${result.dir} && mrrctl --sandbox ${result.sandbox.url} status`);
    await new Promise<void>((done) => ctx.signal.addEventListener('abort', () => done(), { once: true }));
  }
  await result.sandbox.stop();
  return {
    command: 'rehearse',
    ok: result.ok,
    data: {
      ok: result.ok,
      scenario,
      failedStep: result.failedStep ?? null,
      timeline: result.records.map((r) => ({ id: r.step.id, title: r.step.title, ok: r.ok, durationMs: r.durationMs, outcome: r.outcome })),
    },
    diagnostics: result.ok ? [] : [{ severity: 'error', code: 'MRR_REHEARSE_E001', message: `step ${result.failedStep} did not behave as the runbook expects` }],
    text: lines,
    exitCode: result.ok ? ExitCode.ok : ExitCode.findings,
  };
}
