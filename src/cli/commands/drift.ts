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
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { MutationFlags } from '../../app/mutation/definition.js';
import { InputError } from '../../core/errors.js';
import { DEFAULT_RECHECK_DELAY_MS } from '../../core/drift/defaults.js';
import type { DriftSeverity } from '../../core/drift/types.js';
import { DRIFT_FORMATS, type DriftFormat } from '../../ui/drift-report/formats.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { loadMutationFlow } from '../lazy-flow.js';

export interface DriftFlags {
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

export function registerDrift(program: Command, hooks: ProgramHooks): void {
  const drift = program
    .command('drift')
    .description('compare the Regional settings and resources of the two Regions; exit 3 on drift or when a check cannot be read')
    .addOption(new Option('--format <format>', 'report format').choices([...DRIFT_FORMATS]).default('text'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails (exit 3); an unreadable check always fails').choices(['error', 'warning']).default('error'))
    .option('--deep', "compare every app client's full configuration (slower on large pools)")
    .option('--report <[format:]file>', 'also write a report file (format from the prefix or extension); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--recheck-after <seconds>', 're-read replicated settings that differ after this wait', String(DEFAULT_RECHECK_DELAY_MS / 1000))
    .addHelpText(
      'after',
      '\nExamples:\n  mrrctl drift\n  mrrctl drift --format markdown >> "$GITHUB_STEP_SUMMARY"\n  mrrctl drift --report junit:drift.xml --report drift.sarif --fail-on warning',
    )
    // The drift model, its renderers and the SDK load only when the command runs (./drift/run.ts).
    .action(actionFor<DriftFlags>(hooks, async (ctx, _args, flags) => (await import('./drift/run.js')).runDrift(ctx, flags)));

  drift
    .command('fix')
    .description("align the secondary's Regional settings with the primary's where the counterparts exist")
    .option('--dry-run', 'show the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .addHelpText('after', '\nExample:\n  mrrctl drift fix --dry-run\n  mrrctl drift fix --yes')
    .action(
      actionFor<MutationFlags>(hooks, async (ctx, _args, flags) => {
        const [{ bindMutation, resolveEnv, runMutation }, { driftFix }] = await Promise.all([loadMutationFlow(), import('../../app/drift/fix.js')]);
        return runMutation(await resolveEnv(ctx), bindMutation(driftFix, driftFix.fromFlags(flags, ctx)), flags);
      }),
    );
}
