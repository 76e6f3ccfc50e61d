/**
 * Size limits on a config file. A real mrrctl.yaml is a few hundred bytes, nests five levels deep and
 * lists a handful of drift allowances; these caps are far above that and far below what costs memory,
 * stack or minutes (a 52 MB file with 400 000 allowances took 115 s and 2.7 GB before they existed).
 */
import type { ConfigIssue } from './config-error.js';

export const CONFIG_LIMITS = {
  /** Checked on the file's size before it is read. */
  maxBytes: 1024 * 1024,
  /** Mappings and lists inside each other. */
  maxDepth: 32,
  /** YAML alias (`*name`) expansions in one document. */
  maxAliasCount: 100,
  /** Entries of `drift.allow`. */
  maxAllowEntries: 500,
} as const;

/**
 * The deepest `[`/`{` nesting in the text, skipping quoted strings and comments — a scan with no
 * recursion, so it runs before a parser that would overflow its stack. Stops once past the cap.
 */
export function nestingIssue(text: string, source: string): ConfigIssue | undefined {
  let depth = 0;
  let line = 1;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    // A quote opens a string only where a scalar can start: `don't` in a plain scalar is not one.
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if (c === '[' || c === '{') {
      if (++depth > CONFIG_LIMITS.maxDepth) return tooDeep(source, line);
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** The same cap on the parsed data (block YAML nests by indentation); iterative, like the scan. */
export function depthIssue(data: unknown, source: string, maxDepth: number = CONFIG_LIMITS.maxDepth): ConfigIssue | undefined {
  const stack: Array<[unknown, number]> = [[data, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxDepth) return tooDeep(source);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return undefined;
}

function tooDeep(source: string, line?: number): ConfigIssue {
  return {
    source,
    field: 'nesting',
    value: undefined,
    expected: `mappings and lists nested at most ${CONFIG_LIMITS.maxDepth} deep (an mrrctl config needs five)`,
    ...(line !== undefined && { line }),
  };
}
