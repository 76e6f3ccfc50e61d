/** Codes every command can end with: command line, input, configuration, confirmation, AWS, the sandbox. */
import type { CodeEntry } from './types.js';

export const GENERAL_CODES = {
  MRR_USAGE_E001: { exit: 'usage', meaning: 'the command line does not parse: unknown command or option, missing argument, bad choice' },

  MRR_INPUT_E001: { exit: 'usage', meaning: 'a count flag of `cost` is not a whole number of 0 or more' },
  MRR_INPUT_E002: { exit: 'usage', meaning: '`completion` names a shell it has no script for (bash, zsh, fish)' },
  MRR_INPUT_E003: { exit: 'usage', meaning: '--timeout is not a whole number of seconds, 1 or more' },
  MRR_INPUT_E004: { exit: 'usage', meaning: '--max-age of `apply` is not a whole number of seconds, 1 or more' },
  MRR_INPUT_E010: { exit: 'usage', meaning: 'an endpoint URL (--endpoint-url, --sandbox, AWS_ENDPOINT_URL…) is not an http(s) URL' },
  MRR_INPUT_E011: { exit: 'usage', meaning: '--sandbox and --endpoint-url given together: pick one endpoint' },
  MRR_INPUT_E020: { exit: 'usage', meaning: 'a flag value is outside what the flag accepts (issuer type, --key-arn, a sandbox number)' },
  MRR_INPUT_E021: { exit: 'usage', meaning: '`sandbox fault` needs --kind (outage, throttle, error or latency) or --clear' },
  MRR_INPUT_E022: { exit: 'usage', meaning: 'a sandbox duration flag is not a number of seconds (or --latency not whole milliseconds)' },
  MRR_INPUT_E023: { exit: 'usage', meaning: '--port is not a port number, or is 0 with --detach (other commands must find it)' },
  MRR_INPUT_E030: { exit: 'usage', meaning: '--to is missing: name the Region to move users to' },
  MRR_INPUT_E031: { exit: 'usage', meaning: '--planned or --force without a non-empty --reason (it goes into the journal)' },
  MRR_INPUT_E032: { exit: 'usage', meaning: '--percent of `canary` is not a whole number from 1 to 50 (100 with --force)' },
  MRR_INPUT_E033: { exit: 'usage', meaning: '`canary stop` takes no --to or --percent: it restores the weights from before the canary' },
  MRR_INPUT_E040: { exit: 'usage', meaning: '--report names a format without a file, e.g. `junit` instead of `junit:drift.xml`' },
  MRR_INPUT_E041: { exit: 'usage', meaning: '--recheck-after is not a number of seconds, 0 or more' },
  MRR_INPUT_E050: { exit: 'usage', meaning: '--window of `rehearse` is not a whole number of seconds from 1 to 600' },

  MRR_CONFIG_E001: { exit: 'usage', meaning: 'the configuration fails validation; every problem is listed with its file, line and field' },
  MRR_CONFIG_E002: { exit: 'usage', meaning: '--config or MRRCTL_CONFIG names a file that cannot be read' },
  MRR_CONFIG_E003: { exit: 'usage', meaning: 'the configuration file is not valid YAML or JSON' },
  MRR_CONFIG_E004: { exit: 'usage', meaning: '--pool, --primary or --secondary is malformed' },
  MRR_CONFIG_E005: { exit: 'usage', meaning: 'the command needs the topology (pool, primary, secondary) and a part of it is missing' },
  MRR_CONFIG_E006: { exit: 'usage', meaning: 'after flag overrides the topology contradicts itself (primary = secondary, pool of another Region)' },

  MRR_CONFIRM_E001: { exit: 'notConfirmed', meaning: 'confirmation needed and no terminal to ask on: re-run with --yes to approve' },
  MRR_CONFIRM_E002: { exit: 'notConfirmed', meaning: 'the text typed at the prompt is not the target Region; nothing was changed' },
  MRR_CONFIRM_E003: { exit: 'notConfirmed', meaning: 'declined at the prompt; nothing was changed' },
  MRR_CONFIRM_E004: { exit: 'notConfirmed', meaning: 'the prompt was cancelled (Esc, Ctrl-C, end of input); nothing was changed' },

  MRR_WAIT_E001: { exit: 'timeout', meaning: 'timed out waiting for a state; the change may still complete: `mrrctl status` tells' },
  MRR_AWS_E001: { exit: 'unexpected', meaning: 'an AWS call failed after retries; the message names service, operation and Region' },
  MRR_INTERNAL_E001: { exit: 'unexpected', meaning: 'an unexpected error: a bug in mrrctl; run with --verbose and report it' },
  MRR_INTERRUPTED: { exit: 'interrupted', meaning: 'interrupted (Ctrl-C or SIGTERM) outside an apply' },

  MRR_SANDBOX_E001: { exit: 'unexpected', meaning: 'no sandbox answers at the URL: start one with `mrrctl sandbox start` or pass --sandbox URL' },
  MRR_SANDBOX_E002: { exit: 'usage', meaning: 'the sandbox refused an admin request as invalid (e.g. an unknown fault target)' },
  MRR_SANDBOX_E003: { exit: 'unexpected', meaning: 'the sandbox answered an admin request with an error status' },
  MRR_SANDBOX_E004: { exit: 'usage', meaning: 'no sandbox was started with --detach on that port, so there is none to stop' },
} as const satisfies Record<string, CodeEntry>;
