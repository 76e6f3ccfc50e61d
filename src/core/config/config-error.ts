import type { CodeFor } from '../codes.js';
import { InputError, formatValue } from '../errors.js';

/** One problem with the configuration, bound to a field. */
export interface ConfigIssue {
  /** The config file as the user named it; absent when the value came from a flag or the environment. */
  source?: string;
  /** Dotted path in the file (`dns.records.eu-west-1.value`), or the flag (`--primary`). */
  field: string;
  /** The offending value (secrets are replaced before they get here); undefined = missing. */
  value: unknown;
  /** What would have been accepted, phrased to follow "expected". */
  expected: string;
  /** 1-based position in the file, when known. */
  line?: number;
  column?: number;
}

/** Key names whose values are never echoed back in a message. */
export const SECRET_KEY = /secret|password|token|credential/i;
export const REDACTED = '<redacted>';

/** Stable codes: scripts match on these, not on the prose. */
export const ConfigErrorCode = {
  /** The file (and possibly flags) failed validation. */
  invalid: 'MRR_CONFIG_E001',
  /** --config or MRRCTL_CONFIG names a file that cannot be read. */
  unreadable: 'MRR_CONFIG_E002',
  /** YAML or JSON syntax error. */
  syntax: 'MRR_CONFIG_E003',
  /** --pool / --primary / --secondary value is malformed. */
  badFlag: 'MRR_CONFIG_E004',
  /** The command needs the topology and a part of it is missing. */
  missingTopology: 'MRR_CONFIG_E005',
  /** After flag overrides the topology contradicts itself (primary = secondary, pool in another Region). */
  inconsistentTopology: 'MRR_CONFIG_E006',
} as const;

/** `file:line:col: field: got X, expected Y` — the shape compilers use, so editors can jump to it. */
export function formatIssue(issue: ConfigIssue): string {
  let where = issue.source ?? '';
  if (where && issue.line !== undefined) {
    where += `:${issue.line}` + (issue.column !== undefined ? `:${issue.column}` : '');
  }
  const prefix = where ? `${where}: ` : '';
  // An empty field is the document itself (e.g. a list where a mapping belongs).
  const field = issue.field ? `${issue.field}: ` : '';
  return `${prefix}${field}got ${formatValue(issue.value)}, expected ${issue.expected}`;
}

export function formatIssues(issues: readonly ConfigIssue[]): string {
  if (issues.length === 1) return formatIssue(issues[0]);
  return [`${issues.length} configuration problems:`, ...issues.map((i) => `  ${formatIssue(i)}`)].join(
    '\n',
  );
}

/**
 * Every configuration problem found at once (a user fixing a file should not have to run the command
 * once per typo). It is an InputError (exit 2) whose source/field/value/expected describe the first
 * issue; `issues` and `details.issues` hold all of them, and the message lists each on its own line.
 */
export class ConfigError extends InputError {
  readonly issues: readonly ConfigIssue[];
  override readonly details: { source: string; issues: ConfigIssue[] };

  constructor(code: CodeFor<'usage'>, issues: readonly ConfigIssue[]) {
    if (issues.length === 0) throw new RangeError('ConfigError needs at least one issue');
    const first = issues[0];
    const source = first.source ?? 'command line';
    super(code, source, first.field, first.value, first.expected);
    this.issues = issues;
    this.message = formatIssues(issues);
    this.details = { source, issues: issues.map((issue) => ({ ...issue })) };
  }
}
