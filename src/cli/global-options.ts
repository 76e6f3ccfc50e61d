/**
 * The global options (cli-contract.md) on the root program, and their normalisation into GlobalFlags.
 * Commander recognises program options anywhere on the line, before or after the command.
 */
import { Command, Option } from 'commander';
import { InputError } from '../core/errors.js';
import type { GlobalFlags } from '../core/global-flags.js';

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--config <file>', 'topology file (default ./mrrctl.yaml, then ./mrrctl.json, or MRRCTL_CONFIG)')
    .option('--pool <id>', 'user pool id, e.g. us-east-1_Ab12Cd34')
    .option('--primary <region>', 'primary Region (where the pool was created)')
    .option('--secondary <region>', 'secondary Region (the replica)')
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint')
    .option('--sandbox [url]', 'use the embedded sandbox (url, else MRRCTL_SANDBOX_URL, else http://127.0.0.1:4566)')
    .addOption(new Option('--output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--yes', 'approve without prompting (needed for mutations without a TTY)', false)
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .option('--verbose', 'log each AWS call to stderr (Region, service, operation, status, duration)', false);
}

/**
 * `--sandbox` takes an optional URL, but `mrrctl --sandbox status` must not read "status" as that URL:
 * only a following http(s) URL is taken as the value.
 */
export function normaliseArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg === '--sandbox') {
      const next = argv[i + 1];
      if (next !== undefined && /^https?:\/\//i.test(next)) {
        out.push(`--sandbox=${next}`);
        i++;
      } else {
        out.push('--sandbox=');
      }
      continue;
    }
    out.push(arg);
  }
  return out;
}

export function toGlobalFlags(opts: Record<string, unknown>): GlobalFlags {
  const sandbox = opts.sandbox;
  return {
    config: opts.config as string | undefined,
    pool: opts.pool as string | undefined,
    primary: opts.primary as string | undefined,
    secondary: opts.secondary as string | undefined,
    profile: opts.profile as string | undefined,
    endpointUrl: opts.endpointUrl as string | undefined,
    sandbox: sandbox === '' || sandbox === true ? true : (sandbox as string | undefined),
    output: (opts.output as 'text' | 'json') ?? 'text',
    yes: Boolean(opts.yes),
    color: opts.color !== false,
    verbose: Boolean(opts.verbose),
  };
}

/** Scans raw argv for --output json so even a parse error can answer with one JSON document. */
export function wantsJson(argv: string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--output' && argv[i + 1] === 'json') return true;
    if (argv[i] === '--output=json') return true;
  }
  return false;
}

/**
 * A value flag given twice with different values (`--to eu-west-1 --to us-east-1`) is refused: commander
 * would silently keep the last, and a failover becomes a failback. The same value twice is harmless;
 * a flag that collects (its default is a list, e.g. drift --report) is meant to repeat.
 */
export function refuseConflictingRepeats(program: Command): void {
  const visit = (command: Command) => {
    for (const option of command.options) {
      if (!(option.required || option.optional) || option.variadic || Array.isArray(option.defaultValue)) continue;
      let first: string | undefined;
      command.on(`option:${option.name()}`, (value: unknown) => {
        if (typeof value !== 'string') return;
        if (first === undefined) first = value;
        else if (value !== first) {
          const flag = option.long ?? option.flags;
          throw new InputError('MRR_INPUT_E060', 'flags', flag, [first, value], `${flag} once (it was given twice with different values: "${first}" and "${value}"; say which one you mean)`);
        }
      });
    }
    for (const sub of command.commands) visit(sub);
  };
  visit(program);
}
