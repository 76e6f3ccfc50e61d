/**
 * main(argv) → exit code. The ONE place where errors become exit codes and where results are
 * rendered: a JSON document on stdout in --output json mode (errors included), text otherwise.
 */
import { CommanderError, type Command } from 'commander';
import { commandPathIn, trackCommandPath } from './cli/command-kit.js';
import { ExitCode, MrrError } from './core/errors.js';
import { buildProgram, registrarsFor } from './cli/program.js';
import type { MainDeps } from './cli/context.js';
import { systemClock } from './core/clock.js';
import { normaliseArgv, refuseConflictingRepeats, wantsJson } from './cli/global-options.js';
import { processIo, terminalPolicy } from './ui/io.js';
import { terminalSafe } from './ui/terminal-safe.js';
import { envelope, writeJson, writeLines, diagnosticLine, type CommandResult, type Diagnostic } from './ui/output.js';
import { NotAHelpRequest } from './cli/help-path.js';

export function main(argv: string[], overrides: Partial<MainDeps> = {}): Promise<number> {
  return run(argv, overrides, false);
}

/**
 * bin/mrrctl.js's help path (dist/bundle/help.cjs; src/cli/help-path.ts): main() for an argv that
 * looks like a request for help. Resolves to undefined, having run nothing and written nothing, when
 * commander is about to run a command's action instead (`cost --mau help`): bin/mrrctl.js then runs
 * main() from the full build.
 */
export async function helpMain(argv: string[]): Promise<number | undefined> {
  try {
    return await run(argv, {}, true);
  } catch (err) {
    if (err instanceof NotAHelpRequest) return undefined;
    throw err;
  }
}

async function run(argv: string[], overrides: Partial<MainDeps>, helpOnly: boolean): Promise<number> {
  const controller = new AbortController();
  const deps: MainDeps = {
    io: overrides.io ?? processIo(),
    env: overrides.env ?? process.env,
    cwd: overrides.cwd ?? process.cwd(),
    clock: overrides.clock ?? systemClock,
    signal: overrides.signal ?? controller.signal,
    ports: overrides.ports,
  };
  const onSigint = () => controller.abort(new Error('interrupted'));
  if (!overrides.signal) process.once('SIGINT', onSigint);

  const json = wantsJson(argv);
  let result: CommandResult | undefined;
  let running: string | undefined;
  let program: Command | undefined;
  // JSON mode writes nothing on stderr: the warnings a run logs become diagnostics of the document.
  const warnings: Diagnostic[] = [];
  const jsonLog = (line: string) => {
    const warning = /^\s*warning:\s*/i.exec(line);
    if (warning) warnings.push({ severity: 'warning', code: 'MRR_OUTPUT_W001', message: line.slice(warning[0].length) });
  };
  const normalised = normaliseArgv(argv);
  try {
    const setCommand = (name: string) => (running = name);
    program = buildProgram({ deps, setResult: (r) => (result = r), setCommand, jsonLog }, await registrarsFor(normalised));
    trackCommandPath(program, setCommand);
    // The root's preAction hook runs before any command's action (and before anything it loads).
    if (helpOnly) program.hook('preAction', () => { throw new NotAHelpRequest(); });
    if (json) silenceCommander(program);
    refuseConflictingRepeats(program);
    await program.parseAsync(normalised, { from: 'user' });
  } catch (err) {
    if (err instanceof NotAHelpRequest) throw err;
    return reportError(err, deps, json, running ?? (program ? commandPathIn(program, normalised) : 'mrrctl'), warnings);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (!result) return ExitCode.ok;
  // The envelope names the command path that ran (`apply FILE` runs a failover plan: it is "apply").
  const named = running ? { ...result, command: running } : result;
  return renderResult(json ? { ...named, diagnostics: [...named.diagnostics, ...warnings] } : named, deps, json, argv);
}

/** JSON mode: commander's usage errors and hints stay off stderr; the error document says it all. */
function silenceCommander(program: Command): void {
  const visit = (cmd: Command): void => {
    cmd.configureOutput({ writeErr: () => {}, outputError: () => {} });
    cmd.commands.forEach(visit);
  };
  visit(program);
}

/**
 * The text sink: every line a view returns, every diagnostic and error goes through terminalSafe here,
 * so a string from AWS, a file or the environment cannot drive the terminal, whichever view forgot.
 * Colour sequences survive only where colour is on. JSON is written exact.
 */
function colourOn(argv: string[], deps: MainDeps) {
  const policy = terminalPolicy(deps.io, { color: !argv.includes('--no-color'), output: 'text', env: deps.env });
  return { stdout: policy.colorStdout, stderr: policy.colorStderr };
}

function renderResult(result: CommandResult, deps: MainDeps, json: boolean, argv: string[]): number {
  if (json) {
    writeJson(deps.io.stdout, envelope(result));
  } else {
    const colour = colourOn(argv, deps);
    writeLines(deps.io.stdout, result.text.map((line) => terminalSafe(line, { allowColour: colour.stdout })));
    for (const d of result.diagnostics) deps.io.stderr.write(`${terminalSafe(diagnosticLine(d), { allowColour: colour.stderr })}\n`);
  }
  return result.exitCode ?? (result.ok ? ExitCode.ok : ExitCode.unexpected);
}

interface Classified {
  exitCode: number;
  diagnostic: Diagnostic;
  details?: Record<string, unknown>;
}

function classify(err: unknown, deps: MainDeps): Classified {
  if (err instanceof CommanderError) {
    // Help and --version end parsing with exitCode 0; every other commander error is a usage error.
    const exitCode = err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    return { exitCode, diagnostic: { severity: 'error', code: 'MRR_USAGE_E001', message: stripPrefix(err.message) } };
  }
  if (err instanceof MrrError) {
    return {
      exitCode: err.exitCode,
      diagnostic: { severity: 'error', code: err.code, message: err.message },
      details: err.details,
    };
  }
  if (deps.signal.aborted) {
    return { exitCode: ExitCode.interrupted, diagnostic: { severity: 'error', code: 'MRR_INTERRUPTED', message: 'interrupted' } };
  }
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $mrrctlOrigin?: { region: string; service: string; operation: string } };
  if (e && (e.$metadata || e.$mrrctlOrigin)) {
    // An AWS error that survived the SDK's retries: say where it came from.
    const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
    const origin = e.$mrrctlOrigin ? ` from ${e.$mrrctlOrigin.service} ${e.$mrrctlOrigin.operation} in ${e.$mrrctlOrigin.region}` : '';
    return {
      exitCode: ExitCode.unexpected,
      diagnostic: { severity: 'error', code: 'MRR_AWS_E001', message: `AWS error${origin}: ${e.name}${status}: ${e.message}` },
    };
  }
  return {
    exitCode: ExitCode.unexpected,
    diagnostic: {
      severity: 'error',
      code: 'MRR_INTERNAL_E001',
      message: `unexpected error: ${e?.message ?? String(err)} (this is a bug in mrrctl; run with --verbose and report it)`,
    },
  };
}

function reportError(err: unknown, deps: MainDeps, json: boolean, command: string, warnings: Diagnostic[]): number {
  const c = classify(err, deps);
  if (c.exitCode === ExitCode.ok) return ExitCode.ok;
  if (json) {
    // The error as data (docs/schemas/error.json): its code, message and exit code, then its details.
    const error = { ...(c.details ?? {}), code: c.diagnostic.code, message: c.diagnostic.message, exitCode: c.exitCode };
    writeJson(deps.io.stdout, envelope({ command, ok: false, data: { error }, diagnostics: [c.diagnostic, ...warnings] }));
    return c.exitCode;
  }
  // Commander has already printed its own usage error to stderr.
  if (!(err instanceof CommanderError)) {
    deps.io.stderr.write(`error: ${terminalSafe(c.diagnostic.message)} [${c.diagnostic.code}]\n`);
  }
  return c.exitCode;
}

function stripPrefix(message: string): string {
  return message.replace(/^error: /, '');
}
