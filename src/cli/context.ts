/**
 * Builds a command's context (the type is in src/app/context.ts): io, environment, clock, the parsed
 * global flags, and the lazy config(), topology(), aws() and ports — each built at most once per
 * command run, from the injected environment, and only when the command asks (start-up stays fast:
 * `--help` loads neither YAML, zod nor the SDK). dispose() releases what was built.
 */
import { terminalSafe } from '../ui/terminal-safe.js';
import type { AwsAccess, CommandContext, MainDeps } from '../app/context.js';
import { readPorts } from '../app/read-ports.js';
import type { LoadedConfig, Topology } from '../core/config/topology.js';
import type { GlobalFlags } from '../core/global-flags.js';
import { terminalPolicy } from '../ui/io.js';

export type { CommandContext, MainDeps } from '../app/context.js';

/** Caches the first call's promise, so concurrent and later callers share one build. */
function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
}

export interface DisposableContext extends CommandContext {
  /** Closes the AWS clients if this run built them. */
  dispose(): Promise<void>;
}

/**
 * `jsonLog` takes the log lines in JSON mode, where stderr stays empty (docs/json.md): main() keeps the
 * warnings among them for the document's diagnostics and drops the progress.
 */
export function createContext(deps: MainDeps, flags: GlobalFlags, jsonLog?: (line: string) => void): DisposableContext {
  const terminal = terminalPolicy(deps.io, { color: flags.color, output: flags.output, env: deps.env });
  const log = (line: string): void => {
    if (flags.output === 'json') return void jsonLog?.(line);
    // Every log line (plan, progress, waits) may carry strings from outside: made safe here.
    deps.io.stderr.write(`${terminalSafe(line, { allowColour: terminal.colorStderr })}\n`);
  };
  // The schema and YAML libraries are not needed for --help: imported on the first call.
  const config = once<LoadedConfig>(async () => (await import('./config-loader.js')).loadConfig({ flags, env: deps.env, cwd: deps.cwd }));
  const topology = once<Topology>(async () => (await import('./config-loader.js')).requireTopology(await config()));
  let awsBuilt: Promise<AwsAccess> | undefined;
  const ctx: DisposableContext = {
    ...deps,
    flags,
    terminal,
    log,
    config,
    topology,
    // awsFor reads only the flags, the environment and the base log line writer.
    aws: () => (awsBuilt ??= import('./aws-context.js').then(({ awsFor }) => awsFor(ctx))),
    ports: readPorts(() => ctx.aws(), deps.ports),
    async dispose() {
      if (awsBuilt) (await awsBuilt.catch(() => undefined))?.clients.destroy();
    },
  };
  return ctx;
}
