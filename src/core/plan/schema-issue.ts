/**
 * Turns a zod issue into the three things an input error must name: the field (as a path a reader
 * can find in the file), the value found there, and what was expected, in words.
 */
import type { core } from 'zod';

export interface DescribedIssue {
  field: string;
  value: unknown;
  expected: string;
}

export function describeIssue(issue: core.$ZodIssue | undefined, root: unknown, prefix: string): DescribedIssue {
  if (issue === undefined) return { field: prefix, value: root, expected: 'a valid plan' };
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const at = [...path, key];
    return { field: formatPath(prefix, at), value: valueAt(root, at), expected: 'no such field (not part of a version 1 plan)' };
  }
  return { field: formatPath(prefix, path), value: valueAt(root, path), expected: expectedOf(issue) };
}

function expectedOf(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'array' || issue.expected === 'object' ? `an ${issue.expected}` : `a ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'datetime') return 'an ISO 8601 time such as 2025-01-31T12:00:00.000Z';
      return issue.message;
    case 'too_small':
      return issue.origin === 'string' ? 'non-empty text' : issue.message;
    default:
      return issue.message;
  }
}

export function formatPath(prefix: string, path: ReadonlyArray<string | number>): string {
  let text = prefix;
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  }
  return text;
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}
