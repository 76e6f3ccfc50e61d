/** The body of `mrrctl drift` (loaded by ../drift.ts when the command runs, not for its --help). */
import { FILE_MODES, checkWritable, writeFileSafely } from '../../../app/files/safe-write.js';
import { relative, resolve } from 'node:path';
import { driftReport } from '../../../app/drift/check.js';
import { resolveEnv } from '../../../app/env.js';
import { InputError } from '../../../core/errors.js';
import { driftDiagnostics, formatDriftReport, type DriftFormat } from '../../../ui/drift-report/index.js';
import type { CommandResult } from '../../../ui/output.js';
import type { CommandContext } from '../../context.js';
import { parseReportSpec, type DriftFlags } from '../drift.js';

function parseSeconds(raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || Number(raw) > 3600) throw new InputError('MRR_INPUT_E041', 'flags', '--recheck-after', raw, 'a number of seconds, 0 or more (at most 3600)');
  return Math.round(Number(raw) * 1000);
}

async function packageVersion(): Promise<string> {
  return (await import('../../program.js')).packageVersion();
}

export async function runDrift(ctx: CommandContext, flags: DriftFlags): Promise<CommandResult> {
  const recheckDelayMs = parseSeconds(flags.recheckAfter);
  // A report path that cannot take the file is refused before the (long) check runs.
  const targets = flags.report.map((spec) => {
    const { format, file } = parseReportSpec(spec, flags.format);
    return { format, file, target: { path: resolve(ctx.cwd, file), what: `the ${format} drift report (--report)`, mode: FILE_MODES.private } };
  });
  for (const { target } of targets) await checkWritable(target);
  const env = await resolveEnv(ctx);
  const loaded = await ctx.config();
  const report = await driftReport(env, { deep: flags.deep, failOn: flags.failOn, recheckDelayMs });
  const formatOptions = {
    color: false,
    toolVersion: await packageVersion(),
    artifactUri: loaded.file ? relative(ctx.cwd, loaded.file).split('\\').join('/') : 'mrrctl.yaml',
  };
  for (const { format, file, target } of targets) {
    await writeFileSafely(target, `${formatDriftReport(report, format, formatOptions)}\n`);
    ctx.log(`drift: wrote the ${format} report to ${file}`);
  }
  const stdoutFormat: DriftFormat = flags.report.length > 0 && flags.format !== 'json' ? 'text' : flags.format;
  const text = ctx.flags.output === 'json' ? [] : [formatDriftReport(report, stdoutFormat, { ...formatOptions, color: stdoutFormat === 'text' && ctx.terminal.colorStdout })];
  return { command: 'drift', ok: report.ok, data: report, diagnostics: driftDiagnostics(report), text, exitCode: report.ok ? 0 : 3 };
}

