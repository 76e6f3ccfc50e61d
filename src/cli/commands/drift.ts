/**
 * `mrrctl drift` (compare the two Regions of one pool; CI-gating reports) and `mrrctl drift fix`
 * (align the secondary's Regional settings where the counterpart resources exist).
 *
 * Output: `--output json` prints the standard envelope with the report as `data`; `--format json`
 * prints that same envelope; `--format text|markdown|junit|sarif` print the document raw on stdout.
 * `--report [FORMAT:]FILE` (repeatable) writes a document to a file instead — its format from the
 * prefix, else the file extension, else --format — and stdout then carries the text report (or the
 * envelope with --output json / --format json).
 */
import { writeFile } from 'node:fs/promises';
import { extname, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { fixFingerprint, planDriftFix } from '../../core/drift/fix-plan.js';
import { observeDrift, type DriftReaders } from '../../core/drift/observe.js';
import { DEFAULT_RECHECK_DELAY_MS, runDriftCheck } from '../../core/drift/run.js';
import type { DriftReport, DriftSeverity } from '../../core/drift/types.js';
import type { JsonObject } from '../../core/plan/types.js';
import { DRIFT_FORMATS, driftDiagnostics, formatDriftReport, type DriftFormat } from '../../ui/drift-report/index.js';
import type { CommandResult } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { lazyPort, readersFor } from '../readers.js';
import type { ParityReader } from '../../core/ports/parity.js';
import type { CommandContext } from '../context.js';
import { runMutation, type MutationDefinition, type MutationEnv, type Verification } from '../mutation.js';

export interface CheckDriftOptions {
  /** Compare every app client's full configuration (DescribeUserPoolClient in both Regions). */
  deep?: boolean;
  /** The severity that makes `report.ok` false (default error). */
  failOn?: DriftSeverity;
  /** Wait before re-reading a replicated setting that differs (default 5000 ms). */
  recheckDelayMs?: number;
}

/** The SDK adapters load on first use, so `drift --help` does not load the SDK. */
function driftReaders(env: MutationEnv): DriftReaders {
  const parity = lazyPort<ParityReader>(async () => new (await import('../../aws/parity-reader.js')).SdkParityReader(env.aws.clients));
  return { cognito: readersFor(env.aws).cognito, parity };
}

/** Config, topology and AWS access, imported on first use (schema and YAML libraries are not light). */
async function driftSetup(ctx: CommandContext) {
  const [{ loadConfig, requireTopology }, { awsFor }] = await Promise.all([import('../config-loader.js'), import('../aws-context.js')]);
  const loaded = await loadConfig({ flags: ctx.flags, env: ctx.env, cwd: ctx.cwd });
  return { loaded, topology: requireTopology(loaded), aws: await awsFor(ctx) };
}

/**
 * The drift check other commands call (replica activate, failover's drift guard): observes both
 * Regions, applies the config's drift.allow entries, and returns the report. It never writes and
 * never throws for drift — look at `report.ok` (or failingFindings(report, 'error')).
 */
export async function checkDrift(env: MutationEnv, opts: CheckDriftOptions = {}): Promise<DriftReport> {
  const { report } = await runDriftCheck(driftReaders(env), env.topology, {
    deep: Boolean(opts.deep),
    failOn: opts.failOn ?? 'error',
    recheckDelayMs: opts.recheckDelayMs,
    clock: env.ctx.clock,
    signal: env.ctx.signal,
    allowances: env.config.drift.allow,
  });
  return report;
}

interface DriftFlags {
  format: DriftFormat;
  failOn: DriftSeverity;
  deep?: boolean;
  report: string[];
  recheckAfter: string;
}

const EXTENSIONS: Record<string, DriftFormat> = { '.txt': 'text', '.json': 'json', '.md': 'markdown', '.xml': 'junit', '.sarif': 'sarif' };

/** `junit:out.xml`, `drift.sarif`, or a path whose format --format decides. */
export function parseReportSpec(spec: string, fallback: DriftFormat): { format: DriftFormat; file: string } {
  const colon = spec.indexOf(':');
  const prefix = colon > 0 ? spec.slice(0, colon) : '';
  if ((DRIFT_FORMATS as readonly string[]).includes(prefix)) {
    const file = spec.slice(colon + 1);
    if (file === '') throw new InputError('MRR_INPUT_E040', 'flags', '--report', spec, 'a file name after the format, e.g. junit:drift.xml');
    return { format: prefix as DriftFormat, file };
  }
  const lower = spec.toLowerCase();
  const byExtension = lower.endsWith('.sarif.json') ? 'sarif' : EXTENSIONS[extname(lower)];
  return { format: byExtension ?? fallback, file: spec };
}

function parseSeconds(raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw.trim())) throw new InputError('MRR_INPUT_E041', 'flags', '--recheck-after', raw, 'a number of seconds, 0 or more');
  return Math.round(Number(raw) * 1000);
}

async function packageVersion(): Promise<string> {
  return (await import('../program.js')).packageVersion();
}

async function runDrift(ctx: CommandContext, flags: DriftFlags): Promise<CommandResult> {
  const recheckDelayMs = parseSeconds(flags.recheckAfter);
  const { loaded, topology, aws } = await driftSetup(ctx);
  try {
    const env: MutationEnv = { ctx, aws, topology, config: loaded.config };
    const report = await checkDrift(env, { deep: flags.deep, failOn: flags.failOn, recheckDelayMs });
    const formatOptions = {
      color: false,
      toolVersion: await packageVersion(),
      artifactUri: loaded.file ? relative(ctx.cwd, loaded.file).split('\\').join('/') : 'mrrctl.yaml',
    };
    for (const spec of flags.report) {
      const { format, file } = parseReportSpec(spec, flags.format);
      await writeFile(resolve(ctx.cwd, file), `${formatDriftReport(report, format, formatOptions)}\n`, 'utf8');
      ctx.log(`drift: wrote the ${format} report to ${file}`);
    }
    const stdoutFormat: DriftFormat = flags.report.length > 0 && flags.format !== 'json' ? 'text' : flags.format;
    const text = ctx.flags.output === 'json' ? [] : [formatDriftReport(report, stdoutFormat, { ...formatOptions, color: stdoutFormat === 'text' && ctx.terminal.colorStdout })];
    return { command: 'drift', ok: report.ok, data: report, diagnostics: driftDiagnostics(report), text, exitCode: report.ok ? 0 : 3 };
  } finally {
    aws.clients.destroy();
  }
}

/** `drift fix` takes no options of its own; the plan records an empty object. */
export type DriftFixOptions = JsonObject;

async function observeForFix(env: MutationEnv) {
  const observation = await observeDrift(driftReaders(env), env.topology, { deep: false, clock: env.ctx.clock, signal: env.ctx.signal });
  return planDriftFix(observation);
}

function cannotLines(cannot: string[], region: string): string[] {
  if (cannot.length === 0) return [];
  return [`drift fix cannot do these for you in ${region}:`, ...cannot.map((c) => `  - ${c}`)];
}

export const driftFixDefinition: MutationDefinition<DriftFixOptions> = {
  command: 'drift fix',
  async prepare(env) {
    const fix = await observeForFix(env);
    const { topology } = env;
    return {
      draft: {
        command: 'drift fix',
        ...topology,
        observed: fixFingerprint(fix),
        steps: fix.steps,
        notes: [...fix.notes, ...fix.cannot.map((c) => `drift fix cannot do this for you: ${c}`)],
      },
      // The plan's notes carry the list for humans (dry-run, confirmation); JSON gets it here too.
      report: { text: [], data: { cannot: fix.cannot, notes: fix.notes } },
      confirm: { question: `align the Regional settings of ${topology.userPoolId} in ${topology.secondaryRegion} with ${topology.primaryRegion}` },
    };
  },
  async verify(env): Promise<Verification> {
    const again = await observeForFix(env);
    const lines =
      again.steps.length === 0
        ? [`Verified: the Regional settings in ${env.topology.secondaryRegion} match ${env.topology.primaryRegion} wherever the counterpart exists.`]
        : [`Not yet aligned: ${again.steps.map((s) => s.summary).join('; ')}`];
    return { ok: again.steps.length === 0, lines: [...lines, ...cannotLines(again.cannot, env.topology.secondaryRegion)], data: { remaining: again.steps.map((s) => s.id), cannot: again.cannot } };
  },
};

interface FixFlags {
  dryRun?: boolean;
  planOut?: string;
}

export function registerDrift(program: Command, hooks: ProgramHooks): void {
  const drift = program
    .command('drift')
    .description('compare the Regional settings and resources of the two Regions; exit 3 on drift')
    .addOption(new Option('--format <format>', 'report format').choices([...DRIFT_FORMATS]).default('text'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails (exit 3)').choices(['error', 'warning']).default('error'))
    .option('--deep', "compare every app client's full configuration (slower on large pools)")
    .option('--report <[format:]file>', 'also write a report file (format from the prefix or extension); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--recheck-after <seconds>', 're-read replicated settings that differ after this wait', String(DEFAULT_RECHECK_DELAY_MS / 1000))
    .addHelpText(
      'after',
      '\nExamples:\n  mrrctl drift\n  mrrctl drift --format markdown >> "$GITHUB_STEP_SUMMARY"\n  mrrctl drift --report junit:drift.xml --report drift.sarif --fail-on warning',
    )
    .action(actionFor<DriftFlags>(hooks, (ctx, _args, flags) => runDrift(ctx, flags)));

  drift
    .command('fix')
    .description("align the secondary's Regional settings with the primary's where the counterparts exist")
    .option('--dry-run', 'show the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .addHelpText('after', '\nExample:\n  mrrctl drift fix --dry-run\n  mrrctl drift fix --yes')
    .action(
      actionFor<FixFlags>(hooks, async (ctx, _args, flags) => {
        const { loaded, topology, aws } = await driftSetup(ctx);
        try {
          const env: MutationEnv = { ctx, aws, topology, config: loaded.config };
          return await runMutation(env, driftFixDefinition, {}, flags);
        } finally {
          aws.clients.destroy();
        }
      }),
    );
}
