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

export { looksLikeSecretKey, lineMentionsSecret } from './secret-keys.js';
export const REDACTED = '<redacted>';

/** Echoed values are clipped to this many characters, and say how long they were. */
export const MAX_ECHO_CHARS = 100;

/**
 * A value as a message may echo it: a long string (a 20 MB value, a minified line) becomes its first
 * 100 characters and its length, and so does a large list or mapping, in text and JSON alike.
 */
export function clipValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_ECHO_CHARS ? `${value.slice(0, MAX_ECHO_CHARS)}… (${value.length} characters)` : value;
  }
  if (typeof value === 'object' && value !== null) {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      return '<unprintable value>';
    }
    return text.length > MAX_ECHO_CHARS ? `${text.slice(0, MAX_ECHO_CHARS)}… (${text.length} characters of JSON)` : value;
  }
  return value;
}

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
  /** The file is too large, too deep, expands too many aliases or lists too many entries. */
  tooLarge: 'MRR_CONFIG_E007',
  /** Regions and ARNs of more than one AWS partition, or a Region without Cognito MRR. */
  partition: 'MRR_CONFIG_E008',
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

/** A file with thousands of bad entries gets the first ones listed, not a thousand-line message. */
export const MAX_LISTED_ISSUES = 20;

export function formatIssues(issues: readonly ConfigIssue[]): string {
  if (issues.length === 1) return formatIssue(issues[0]);
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `  ${formatIssue(i)}`);
  const more = issues.length - MAX_LISTED_ISSUES;
  return [
    `${issues.length} configuration problems:`,
    ...listed,
    ...(more > 0 ? [`  … and ${more} more (fix these and run again)`] : []),
  ].join('\n');
}

/**
 * Every configuration problem found at once (a user fixing a file should not have to run the command
 * once per typo). It is an InputError (exit 2) whose source/field/value/expected describe the first
 * issue; `issues` and `details.issues` hold all of them, and the message lists each on its own line.
 */
export class ConfigError extends InputError {
  readonly issues: readonly ConfigIssue[];
  override readonly details: { source: string; issues: ConfigIssue[]; moreIssues?: number };

  constructor(code: CodeFor<'usage'>, issues: readonly ConfigIssue[]) {
    if (issues.length === 0) throw new RangeError('ConfigError needs at least one issue');
    issues = issues.map((issue) => ({ ...issue, value: clipValue(issue.value) }));
    const first = issues[0];
    const source = first.source ?? 'command line';
    super(code, source, first.field, first.value, first.expected);
    this.issues = issues;
    this.message = formatIssues(issues);
    const more = issues.length - MAX_LISTED_ISSUES;
    this.details = {
      source,
      issues: issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({ ...issue })),
      ...(more > 0 && { moreIssues: more }),
    };
  }
}
