/**
 * The registry of every diagnostic code mrrctl emits: what it means and which exit code it ends the
 * command with. Codes are a contract (scripts, SARIF rules and allowances match on them, not on
 * prose): add new ones, never renumber or reuse. The types below make an unregistered literal fail
 * to compile, and each error class accepts only the codes of its exit class; docs/cli.md lists the
 * registry, and test/core/codes.test.ts keeps src, the registry and the docs in step.
 */
import type { DriftArea, DriftSeverity } from './drift/types.js';
import type { ExitCode } from './errors.js';

/**
 * Which exit code a code ends the command with (a key of ExitCode), or 'none' for a diagnostic that
 * informs without deciding the exit code (warnings, notes, drift findings inside a report).
 */
export type ExitClass = Exclude<keyof typeof ExitCode, 'ok'> | 'none';

export interface CodeEntry {
  readonly exit: ExitClass;
  /** One line: what happened and, where it helps, what to do. */
  readonly meaning: string;
  /**
   * The exit class of the error class that carries the code, where it differs from `exit`: an error
   * thrown inside an apply step is caught by the apply, which ends the command as MRR_APPLY_E001.
   */
  readonly raisedAs?: Exclude<ExitClass, 'none'>;
}

/**
 * A drift finding. It does not decide the exit code by itself: a run whose findings reach
 * --fail-on ends with MRR_DRIFT_E000 (exit 3). The letter of the code says the severity (E error,
 * W warning, I info), the hundreds the area.
 */
export interface DriftFindingEntry extends CodeEntry {
  readonly exit: 'none';
  readonly severity: DriftSeverity;
  readonly area: DriftArea;
  /** Why it matters during a failover. */
  readonly help: string;
}

/** The meaning of a finding is its short name (the SARIF rule name, the Markdown legend). */
function finding(severity: DriftSeverity, area: DriftArea, title: string, help: string): DriftFindingEntry {
  return { exit: 'none', meaning: title, severity, area, help };
}

// One object literal, so a code written twice is a compile error. Drift findings keep the order of
// the SARIF rules.
export const CODES = {
  MRR_USAGE_E001: { exit: 'usage', meaning: 'the command line does not parse: unknown command or option, missing argument, bad choice' },

  MRR_INPUT_E001: { exit: 'usage', meaning: 'a count flag of `cost` is not a whole number of 0 or more' },
  MRR_INPUT_E002: { exit: 'usage', meaning: '`completion` names a shell it has no script for (bash, zsh, fish)' },
  MRR_INPUT_E003: { exit: 'usage', meaning: '--timeout is not a whole number of seconds, 1 or more' },
  MRR_INPUT_E004: { exit: 'usage', meaning: '--max-age of `apply` is not a whole number of seconds, 1 or more' },
  MRR_INPUT_E010: { exit: 'usage', meaning: 'an endpoint URL (--endpoint-url, --sandbox, AWS_ENDPOINT_URL…) is not an http(s) URL' },
  MRR_INPUT_E011: { exit: 'usage', meaning: '--sandbox and --endpoint-url given together: pick one endpoint' },
  MRR_INPUT_E012: { exit: 'usage', meaning: 'a sandbox URL (--sandbox, MRRCTL_SANDBOX_URL) names an AWS endpoint: the sandbox is local' },
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
  MRR_INPUT_E051: { exit: 'usage', meaning: '--scenario of `rehearse` is not one of default, region-outage' },
  MRR_INPUT_E060: { exit: 'usage', meaning: 'a value flag was given twice with different values (e.g. --to eu-west-1 --to us-east-1): say which one you mean' },

  MRR_CONFIG_E001: { exit: 'usage', meaning: 'the configuration fails validation; every problem is listed with its file, line and field' },
  MRR_CONFIG_E002: { exit: 'usage', meaning: '--config or MRRCTL_CONFIG names a file that cannot be read' },
  MRR_CONFIG_E003: { exit: 'usage', meaning: 'the configuration file is not valid YAML or JSON' },
  MRR_CONFIG_E004: { exit: 'usage', meaning: '--pool, --primary or --secondary is malformed' },
  MRR_CONFIG_E005: { exit: 'usage', meaning: 'the command needs the topology (pool, primary, secondary) and a part of it is missing' },
  MRR_CONFIG_E006: { exit: 'usage', meaning: 'after flag overrides the topology contradicts itself (primary = secondary, pool of another Region)' },
  MRR_CONFIG_E007: { exit: 'usage', meaning: 'the configuration file is too large (over 1 MiB), too deeply nested, expands too many YAML aliases or lists too many entries' },
  MRR_CONFIG_E008: { exit: 'usage', meaning: 'Regions and ARNs of more than one AWS partition, or a Region where Cognito multi-Region replication is not offered' },

  MRR_CONFIRM_E001: { exit: 'notConfirmed', meaning: 'confirmation needed and no terminal to ask on: re-run with --yes to approve' },
  MRR_CONFIRM_E002: { exit: 'notConfirmed', meaning: 'the text typed at the prompt is not the target Region; nothing was changed' },
  MRR_CONFIRM_E003: { exit: 'notConfirmed', meaning: 'declined at the prompt; nothing was changed' },
  MRR_CONFIRM_E004: { exit: 'notConfirmed', meaning: 'the prompt was cancelled (Esc, Ctrl-C, end of input); nothing was changed' },

  MRR_WAIT_E001: { exit: 'timeout', meaning: 'a wait step timed out (MRR_APPLY_E006 names the step); the change may still complete: `mrrctl status` tells' },
  MRR_AWS_E001: { exit: 'unexpected', meaning: 'an AWS call failed after retries; the message names service, operation and Region' },
  MRR_INTERNAL_E001: { exit: 'unexpected', meaning: 'an unexpected error: a bug in mrrctl; run with --verbose and report it' },
  MRR_INTERRUPTED: { exit: 'interrupted', meaning: 'interrupted (Ctrl-C or SIGTERM) outside an apply' },

  MRR_SANDBOX_E001: { exit: 'usage', meaning: 'nothing answers as an mrrctl sandbox at the --sandbox URL (or MRRCTL_SANDBOX_URL): checked before any AWS call, and found by any admin call; start one with `mrrctl sandbox start`' },
  MRR_SANDBOX_E002: { exit: 'usage', meaning: 'the sandbox refused an admin request as invalid (e.g. an unknown fault target)' },
  MRR_SANDBOX_E003: { exit: 'unexpected', meaning: 'the sandbox answered an admin request with an error status' },
  MRR_SANDBOX_E004: { exit: 'usage', meaning: 'no sandbox was started with --detach on that port, so there is none to stop' },
  MRR_SANDBOX_E005: { exit: 'usage', meaning: '`sandbox start` cannot listen: the port is in use (or needs privileges), or the host is not an address of this machine' },
  MRR_SANDBOX_E006: { exit: 'usage', meaning: 'the sandbox needs its admin token (it listens beyond loopback): set MRRCTL_SANDBOX_ADMIN_TOKEN' },
  MRR_SANDBOX_E007: { exit: 'usage', meaning: '`sandbox seed` found the world already seeded and changed nothing: `mrrctl sandbox reset` first' },
  MRR_SANDBOX_W001: { exit: 'none', meaning: '`sandbox start --host` is not a loopback address: anyone who can reach it can call the emulated APIs; its admin API needs the token' },
  MRR_CREDENTIALS_E001: { exit: 'usage', meaning: 'no AWS credentials found (no keys in the environment, no default profile, no web identity, container or instance credentials): `aws configure` or `aws sso login`' },
  MRR_CREDENTIALS_E002: { exit: 'usage', meaning: 'the profile named by --profile or AWS_PROFILE is in neither the config nor the credentials file' },
  MRR_CREDENTIALS_E003: { exit: 'usage', meaning: 'the profile\'s SSO session has expired or is not valid: `aws sso login --profile NAME`' },
  MRR_CREDENTIALS_E004: { exit: 'usage', meaning: 'the profile\'s role (role_arn) could not be assumed: check source_profile or credential_source and the role\'s trust policy' },
  MRR_CREDENTIALS_E005: { exit: 'usage', meaning: 'the profile\'s credentials could not be resolved (credential_process, web identity, container): the message quotes the provider' },
  MRR_OUTPUT_W001: { exit: 'none', meaning: 'a warning the run printed on stderr in text mode, carried in the JSON document in JSON mode (stderr stays empty)' },
  MRR_ENDPOINT_I001: { exit: 'none', meaning: 'AWS calls go to a configured endpoint that is not AWS (AWS_ENDPOINT_URL…, --endpoint-url, the profile), said once per endpoint' },

  MRR_PLAN_E001: { exit: 'usage', meaning: 'the plan file is empty or not a complete JSON document (truncated?)' },
  MRR_PLAN_E002: { exit: 'usage', meaning: 'the plan file is not a plan envelope: wrong format, version, digest field or an unknown field' },
  MRR_PLAN_E003: { exit: 'usage', meaning: 'the plan file was altered after it was saved (its sha256 does not match): make a new plan' },
  MRR_PLAN_E004: { exit: 'usage', meaning: 'the plan inside the file is invalid, was made in the future, or --max-age is not positive' },
  MRR_PLAN_E005: { exit: 'usage', meaning: 'the plan was made for another pool or Region than the configuration names' },
  MRR_PLAN_E006: { exit: 'conflict', meaning: 'the plan expired, or is older than --max-age: make a new plan' },
  MRR_PLAN_E007: { exit: 'conflict', meaning: 'the state changed since the plan was made (fingerprint differs); nothing was changed: make a new plan' },
  MRR_PLAN_E008: { exit: 'usage', meaning: 'the file for --plan-out cannot be written (e.g. its directory does not exist)' },
  MRR_PLAN_E009: { exit: 'usage', meaning: 'the plan file cannot be read, or is too large to be a plan file' },
  MRR_PLAN_E010: { exit: 'usage', meaning: 'the plan file was made by a command that `apply` cannot replay (not a mutating command)' },
  MRR_PLAN_E011: { exit: 'conflict', meaning: 'the plan\'s steps differ from what mrrctl plans for the current state (edited, or another version); nothing was changed' },
  MRR_PLAN_E012: { exit: 'usage', meaning: 'the plan was made for another endpoint or partition (e.g. a sandbox plan applied against AWS); nothing was changed' },
  MRR_PLAN_E013: { exit: 'usage', meaning: 'the waivers (--force, --planned, …) and --reason given to `apply` are not exactly those the plan was made with: re-state them' },
  MRR_FILE_E001: { exit: 'usage', meaning: 'a file to write (--plan-out, --report, --write-config) is a directory, a device or another non-regular file, its directory does not exist, or it is not writable' },
  MRR_FILE_E002: { exit: 'usage', meaning: 'the journal (MRRCTL_JOURNAL or ~/.mrrctl/journal.jsonl) cannot be read or written: not a regular file, no permission, read-only file system' },

  MRR_GUARD_E001: { exit: 'findings', meaning: 'a guard refuses the change; the plan shows each guard with its evidence and remedy' },
  MRR_APPLY_E001: { exit: 'unexpected', meaning: 'a step failed while applying; re-run once the cause is fixed: it continues where it stopped' },
  MRR_APPLY_E006: { exit: 'timeout', meaning: 'a wait step timed out while applying; the change may still complete: `mrrctl status` tells' },
  MRR_APPLY_E130: { exit: 'interrupted', meaning: 'the apply was interrupted; the message names what was applied: re-run to continue' },
  MRR_VERIFY_E001: { exit: 'findings', meaning: 'every step applied, but the verification after the apply failed' },

  MRR_FAILOVER_E001: { exit: 'usage', meaning: 'the configuration has no dns section: failover and canary move DNS' },
  MRR_FAILOVER_E002: { exit: 'usage', meaning: '--to is not one of the pool\'s Regions' },
  MRR_FAILOVER_E004: { exit: 'conflict', meaning: 'another operator holds the failover lock, or took it first; nothing was changed' },
  MRR_FAILOVER_E005: { exit: 'conflict', meaning: 'DNS changed since it was read (Route 53 refused the compare-and-swap); nothing was changed: re-run' },
  MRR_FAILOVER_E006: { exit: 'conflict', meaning: 'the run lost its lock: someone broke or replaced it after its lease ended (the lease renewal\'s compare-and-swap failed); the run stopped' },
  MRR_FAILOVER_E011: { exit: 'findings', meaning: 'an ARC safety rule refused the routing control change (the message names the rule and its ARN); nothing was changed. Break-glass: --override-safety-rule NAME --reason' },
  MRR_REPLICA_E001: { exit: 'conflict', meaning: 'another run created or changed the replica first (LimitExceeded, ConcurrentModification); the message names its state' },
  MRR_CANARY_E001: { exit: 'usage', meaning: 'a canary needs dns.strategy weighted' },
  MRR_CANARY_E002: { exit: 'usage', meaning: '--to of `canary` is not one of the pool\'s Regions' },

  MRR_HEALTH_E001: { exit: 'findings', meaning: 'a Region is unhealthy; the message lists its problems' },
  MRR_HEALTH_E002: { exit: 'findings', meaning: 'the issuer does not serve its discovery document' },
  MRR_HEALTH_E003: { exit: 'findings', meaning: 'the user pool does not exist: the primary Region answered ResourceNotFoundException' },
  MRR_PREFLIGHT_E001: { exit: 'findings', meaning: 'preflight checks failed; the message names them' },
  MRR_UNREADABLE_E001: { exit: 'findings', meaning: 'a check could not be read: an AWS call failed after retries (Region down, throttling, 5xx, access denied); the report says "unreadable: <service> <operation> in <Region>: <error>, re-run after recovery" and goes on (preflight, keys verify, drift, replica list, issuer status)' },
  MRR_UNREADABLE_W002: { exit: 'none', meaning: 'the primary Region could not be read: the answer came from the other Region and may be stale (replica list, issuer status, preflight)' },
  MRR_REHEARSE_E001: { exit: 'findings', meaning: 'a rehearsal step did not behave as the runbook expects' },
  MRR_STATUS_E001: { exit: 'usage', meaning: '--watch needs a terminal on stderr (not a pipe, not --output json)' },
  MRR_STATUS_E002: { exit: 'usage', meaning: '--interval is not a number of seconds from 1 to 3600' },
  MRR_STATUS_W001: { exit: 'none', meaning: 'a Region did not answer; status shows what it could read' },
  MRR_STATUS_E003: { exit: 'findings', meaning: 'the user pool does not exist: the primary Region (and the secondary, when it says so) answered ResourceNotFoundException' },

  MRR_ISSUER_E001: { exit: 'usage', meaning: 'the configured user pool does not exist in the primary Region' },
  MRR_ISSUER_E101: { exit: 'findings', meaning: 'the JWKS does not answer in a Region that hosts the pool: tokens cannot be validated there' },
  MRR_ISSUER_W102: { exit: 'none', meaning: 'the discovery document of a hosting Region is missing or names another issuer' },

  MRR_IAM_E001: { exit: 'usage', meaning: '--command names no mrrctl command or group (the message suggests the closest)' },
  MRR_IAM_E002: { exit: 'usage', meaning: '--account is not a 12-digit AWS account id' },
  MRR_IAM_W001: { exit: 'none', meaning: 'a note on the generated policy' },
  MRR_IAM_I002: { exit: 'none', meaning: 'an action left out of the policy because the configuration does not ask for it' },
  MRR_IAM_W003: { exit: 'none', meaning: 'the policy is larger than a managed policy may be: split it per command with --command' },

  MRR_KEYS_E001: { exit: 'usage', meaning: 'the configured user pool does not exist in the primary Region' },
  MRR_KEYS_E002: { exit: 'usage', meaning: 'the requested key (--key-arn or key.arn) does not exist in the primary Region' },
  MRR_KEYS_E003: { exit: 'usage', meaning: 'the requested key is not a symmetric multi-Region primary key' },
  MRR_KEYS_E004: { exit: 'usage', meaning: 'the requested key is not the key the alias points at' },
  MRR_KEYS_E005: { exit: 'usage', meaning: 'the pool already uses a multi-Region capable key, and mrrctl does not move a pool to another key' },
  MRR_KEYS_E006: { exit: 'usage', meaning: 'DescribeUserPool returned an ARN that names no account' },
  MRR_KEYS_E101: { exit: 'unexpected', meaning: 'an apply step: the replica key settled in a state other than Enabled; enable it or cancel its deletion, then re-run' },
  MRR_KEYS_E300: { exit: 'findings', meaning: '`keys verify`: key checks failed; the message names them' },
  MRR_KEYS_E301: { exit: 'findings', meaning: 'the pool\'s KeyConfiguration names a key DescribeKey cannot find' },
  MRR_KEYS_E302: { exit: 'findings', meaning: 'the alias points at another key than the one mrrctl would use; mrrctl does not move an alias' },
  MRR_KEYS_E303: { exit: 'findings', meaning: 'the pool\'s current key cannot serve as its multi-Region key' },
  MRR_KEYS_E304: { exit: 'findings', meaning: 'the alias points at a key DescribeKey cannot find' },
  MRR_KEYS_E305: { exit: 'findings', meaning: 'the alias points at a key that cannot serve: set key.alias to another name, or pass --key-arn' },
  MRR_KEYS_E306: { exit: 'findings', meaning: 'the replica key in the secondary is neither Enabled nor Creating (disabled, pending deletion)' },
  MRR_KEYS_E307: { exit: 'findings', meaning: 'the alias in the secondary already points at another key' },
  MRR_KEYS_E308: { exit: 'findings', meaning: 'the pool has a replica, and KeyConfiguration cannot change while it has one' },
  MRR_KEYS_E309: { exit: 'unexpected', raisedAs: 'conflict', meaning: 'another run created the alias first; re-run `mrrctl keys setup`: it adopts the key the alias names' },

  MRR_DRIFT_E000: { exit: 'findings', meaning: 'drift found: findings at or above --fail-on; the message counts them and names their codes' },
  MRR_DRIFT_E002: { exit: 'usage', meaning: 'the configured user pool does not exist in the primary Region' },
  MRR_DRIFT_E001: finding('error', 'replica', 'secondary does not serve the pool', 'The secondary Region has no replica of the pool, or it is still being created or deleted: there is nothing to fail over to.'),

  MRR_DRIFT_E101: finding('error', 'lambda', 'trigger missing in the secondary', 'Lambda triggers are Regional: a trigger set only in the primary does not run when the secondary serves (sign-up checks, custom messages, token customisation are skipped).'),
  MRR_DRIFT_E102: finding('error', 'lambda', 'trigger outside the secondary Region', 'Cognito invokes trigger functions in its own Region; a trigger that names a function of another Region fails, and depends on that Region being up.'),
  MRR_DRIFT_W103: finding('warning', 'lambda', 'trigger points at a different function', "The secondary's trigger names another function than the counterpart of the primary's."),
  MRR_DRIFT_W104: finding('warning', 'lambda', 'trigger only in the secondary', 'The secondary runs a trigger the primary does not: users see different behaviour after a failover.'),
  MRR_DRIFT_E105: finding('error', 'lambda', 'trigger function missing', 'The function a trigger needs does not exist in that Region; Cognito fails the request that would invoke it.'),
  MRR_DRIFT_E106: finding('error', 'lambda', 'Cognito may not invoke the function', "The function's resource policy does not let cognito-idp.amazonaws.com invoke it for this pool."),
  MRR_DRIFT_W107: finding('warning', 'lambda', 'function code differs', 'The two Regions run different code (CodeSha256) for the same trigger.'),
  MRR_DRIFT_W108: finding('warning', 'lambda', 'function runtime or handler differs', 'The two Regions run the trigger on a different runtime or handler.'),
  MRR_DRIFT_E109: finding('error', 'lambda', 'custom sender key missing in the secondary', 'Custom email/SMS sender triggers need LambdaConfig.KMSKeyID in each Region (the multi-Region key replica).'),

  MRR_DRIFT_E201: finding('error', 'email', 'email sending differs', "The primary sends email through your SES identity, the secondary through Cognito's default (low quota, another sender)."),
  MRR_DRIFT_E202: finding('error', 'email', 'SES identity missing or not verified', 'An email source must be a verified SES identity in the Region that sends.'),
  MRR_DRIFT_E203: finding('error', 'email', 'email source outside the secondary Region', "The secondary sends through the primary Region's SES: email stops when that Region is down."),
  MRR_DRIFT_W204: finding('warning', 'email', 'email settings differ', 'Sender address, reply-to, configuration set or sending account differ between the Regions.'),

  MRR_DRIFT_E301: finding('error', 'sms', 'SMS configuration missing in the secondary', 'Without an SMS configuration the secondary cannot send SMS verification or SMS MFA codes.'),
  MRR_DRIFT_W302: finding('warning', 'sms', 'SMS configuration differs', 'The SNS caller role or external id differ between the Regions.'),
  MRR_DRIFT_W303: finding('warning', 'sms', "SMS sent through another Region's SNS", "The secondary sends SMS through the primary Region's SNS: SMS stops when that Region is down."),

  MRR_DRIFT_E401: finding('error', 'threat-protection', 'notification sender missing in the secondary', 'Threat-protection notification email (NotifyConfiguration.SourceArn) is Regional; without it the secondary sends no account-takeover notices.'),
  MRR_DRIFT_E402: finding('error', 'threat-protection', 'notification sender outside the secondary Region', "The secondary's notification email goes through the primary Region's SES."),
  MRR_DRIFT_W403: finding('warning', 'threat-protection', 'notification sender address differs', 'NotifyConfiguration.From differs between the Regions.'),

  MRR_DRIFT_W501: finding('warning', 'tags', 'tag missing or different in the secondary', 'Tags are Regional: cost allocation and tag-based access control see different pools.'),
  MRR_DRIFT_I502: finding('info', 'tags', 'tag only in the secondary', 'The secondary carries a tag the primary does not (often on purpose, e.g. a Region tag).'),

  MRR_DRIFT_E601: finding('error', 'log-delivery', 'log delivery missing in the secondary', 'Log export is Regional: without it, the secondary delivers no user-notification or auth-event logs.'),
  MRR_DRIFT_E602: finding('error', 'log-delivery', 'log destination missing', 'The log group or Firehose stream log delivery needs does not exist in that Region.'),
  MRR_DRIFT_E603: finding('error', 'log-delivery', 'log destination outside the secondary Region', "The secondary delivers logs to the primary Region's destination."),
  MRR_DRIFT_W604: finding('warning', 'log-delivery', 'log delivery differs', 'Log level or destination differ between the Regions.'),
  MRR_DRIFT_I605: finding('info', 'log-delivery', 'S3 log destination not verifiable', 'mrrctl does not read S3: check the bucket and its policy yourself.'),

  MRR_DRIFT_E701: finding('error', 'waf', 'no web ACL on the secondary', "WAF associations are Regional: the secondary's endpoints are unprotected."),
  MRR_DRIFT_E702: finding('error', 'waf', 'web ACL missing in the secondary Region', "No web ACL with the primary ACL's name exists in the secondary Region, so there is nothing to associate."),
  MRR_DRIFT_W703: finding('warning', 'waf', 'web ACL rules differ', 'The two Regions filter traffic with different rules (names, priorities, actions or statements).'),
  MRR_DRIFT_I704: finding('info', 'waf', 'web ACL only on the secondary', 'The secondary is protected by a web ACL, the primary is not.'),

  MRR_DRIFT_I801: finding('info', 'mfa', 'TOTP MFA not available in the secondary', 'Software-token (TOTP) MFA is not supported in secondaries: users who rely on it can sign in only while the primary serves.'),

  MRR_DRIFT_E901: finding('error', 'replicated', 'global pool setting differs', 'A replicated setting still differs after the re-check: replication is lagging or failed.'),
  MRR_DRIFT_E902: finding('error', 'replicated', 'app clients differ', 'The Regions list different app clients after the re-check.'),
  MRR_DRIFT_E903: finding('error', 'replicated', 'app client configuration differs', "An app client's configuration differs between the Regions after the re-check (--deep)."),
  MRR_DRIFT_E904: finding('error', 'replicated', 'resource servers differ', 'The Regions list different resource servers or scopes after the re-check.'),
  MRR_DRIFT_E905: finding('error', 'replicated', 'identity providers differ', 'The Regions list different identity providers after the re-check.'),
  MRR_DRIFT_E906: finding('error', 'replicated', 'groups differ', 'The Regions list different groups after the re-check.'),
  MRR_DRIFT_E907: finding('error', 'replicated', 'domain differs', 'The Regions report different user pool domains after the re-check.'),
  MRR_DRIFT_E908: finding('error', 'replicated', 'threat-protection settings differ', 'The replicated part of the risk configuration differs after the re-check.'),
  MRR_DRIFT_E909: finding('error', 'replicated', 'MFA settings differ', 'The replicated MFA settings differ after the re-check.'),
} as const satisfies Record<string, CodeEntry>;

export type DiagnosticCode = keyof typeof CODES;

type RaisedAs<C extends DiagnosticCode> = (typeof CODES)[C] extends { raisedAs: infer R } ? R : (typeof CODES)[C]['exit'];

/** The codes an error class of one exit class may carry (see CodeEntry.raisedAs). */
export type CodeFor<E extends ExitClass> = {
  [C in DiagnosticCode]: RaisedAs<C> extends E ? C : never;
}[DiagnosticCode];

/** The codes a drift run reports as findings (each has a severity and an area). */
export type DriftFindingCode = {
  [C in DiagnosticCode]: (typeof CODES)[C] extends DriftFindingEntry ? C : never;
}[DiagnosticCode];
