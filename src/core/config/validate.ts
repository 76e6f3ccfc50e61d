/**
 * Parsed config data → MrrConfig, or one ConfigError listing every problem (schema and relations).
 */
import type * as z from 'zod';
import { ConfigError, ConfigErrorCode, REDACTED, looksLikeSecretKey, type ConfigIssue } from './config-error.js';
import type { Locate, PathSegment } from './parse-text.js';
import { KNOWN_KEYS, PROBE_SECRET_ENV, mrrConfigSchema, type MrrConfig } from './schema.js';
import { partitionIssues, semanticIssues, type Sourced } from './semantic-checks.js';
import { closestMatch } from './suggest.js';

export interface ValidateOptions {
  /** The file as messages should name it. */
  source: string;
  /** Adds line:column to issues, when the text is at hand. */
  locate?: Locate;
}


/** `['dns','records','eu-west-1','value']` → `dns.records.eu-west-1.value`; indexes as `[0]`. */
export function pathToField(path: readonly PathSegment[]): string {
  return path.reduce<string>((field, segment) => {
    if (typeof segment === 'number') return `${field}[${segment}]`;
    return field ? `${field}.${segment}` : segment;
  }, '');
}

export function fieldToPath(field: string): PathSegment[] {
  return field.split('.').flatMap((part) => {
    const [name, ...indexes] = part.split(/[[\]]+/).filter((s) => s !== '');
    return [name, ...indexes.map(Number)];
  });
}

export function validateConfig(raw: unknown, options: ValidateOptions): MrrConfig {
  // An empty file is an empty config, not an error.
  const input = raw === null || raw === undefined ? {} : raw;
  const parsed = mrrConfigSchema.safeParse(input);
  const schemaIssues = parsed.success ? [] : parsed.error.issues.flatMap((issue) => toConfigIssues(issue, input, options));
  const view = fileTopologyView(input, options.source);
  const located = (list: ConfigIssue[]) => list.map((issue) => withPosition(issue, options)).sort(byPosition);
  const issues = located([...schemaIssues, ...semanticIssues(view)]);
  const partition = located(partitionIssues(view));
  if (issues.length > 0 || !parsed.success) {
    throw new ConfigError(ConfigErrorCode.invalid, [...issues, ...partition].sort(byPosition));
  }
  if (partition.length > 0) throw new ConfigError(ConfigErrorCode.partition, partition);
  return parsed.data;
}

function fileTopologyView(input: unknown, source: string) {
  const data = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const sourced = (field: string): Sourced | undefined =>
    data[field] === undefined ? undefined : { value: data[field], origin: { source, field } };
  const key = typeof data.key === 'object' && data.key !== null ? (data.key as Record<string, unknown>) : {};
  return {
    userPoolId: sourced('userPoolId'),
    primaryRegion: sourced('primaryRegion'),
    secondaryRegion: sourced('secondaryRegion'),
    ...(key.arn !== undefined && { keyArn: { value: key.arn, origin: { source, field: 'key.arn' } } }),
    dns: data.dns,
    dnsSource: source,
  };
}

function withPosition(issue: ConfigIssue, options: ValidateOptions): ConfigIssue {
  if (!options.locate || issue.source !== options.source || issue.line !== undefined) return issue;
  const position = options.locate(fieldToPath(issue.field));
  return position ? { ...issue, line: position.line, column: position.column } : issue;
}

/** Top to bottom through the file, as an editor would list them; unlocated issues last. */
function byPosition(a: ConfigIssue, b: ConfigIssue): number {
  const line = (a.line ?? Infinity) - (b.line ?? Infinity);
  return line !== 0 && !Number.isNaN(line) ? line : (a.column ?? 0) - (b.column ?? 0);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

function shownValue(path: readonly PropertyKey[], value: unknown): unknown {
  const secret = path.some((segment) => typeof segment === 'string' && looksLikeSecretKey(segment));
  return secret && value !== undefined ? REDACTED : value;
}

function toConfigIssues(issue: z.core.$ZodIssue, input: unknown, options: ValidateOptions): ConfigIssue[] {
  const { source } = options;
  const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      // Point at the unknown key itself, not at its value.
      const position = options.locate?.(keyPath, 'key');
      return {
        source,
        field: pathToField(keyPath),
        value: shownValue(keyPath, valueAt(input, keyPath)),
        expected: unknownKeyExpectation(path, key),
        ...(position && { line: position.line, column: position.column }),
      };
    });
  }
  const value = valueAt(input, path);
  let expected = issue.message;
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    expected += ` (got a ${typeof value}: quote the value to make it a string)`;
  }
  return [{ source, field: pathToField(path), value: shownValue(path, value), expected }];
}

function unknownKeyExpectation(parentPath: readonly PathSegment[], key: string): string {
  if (parentPath.length === 1 && parentPath[0] === 'probe' && looksLikeSecretKey(key)) {
    return `no secret in the config file: the probe client secret comes from the ${PROBE_SECRET_ENV} environment variable, never the file`;
  }
  const known = KNOWN_KEYS[knownKeysPattern(parentPath)] ?? [];
  const where = parentPath.length === 0 ? 'at the top level' : `in ${pathToField(parentPath)}`;
  const suggestion = closestMatch(key, known, 3);
  const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
  return `a known key${hint}: "${key}" is not one of ${known.join(', ')} ${where}`;
}

/** `dns.records.eu-west-1` → `dns.records.*`, `drift.allow.3` → `drift.allow.*` (KNOWN_KEYS' keys). */
function knownKeysPattern(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' || (index === 2 && path[0] === 'dns' && path[1] === 'records') ? '*' : segment,
    )
    .join('.');
}
