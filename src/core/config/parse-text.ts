/**
 * Config text → plain data, plus a locator that turns a field path into line:column for messages.
 * Pure (no fs): the loader reads the file and hands the text here.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, ConfigErrorCode, REDACTED, lineMentionsSecret, type ConfigIssue } from './config-error.js';
import { CONFIG_LIMITS, depthIssue, nestingIssue } from './limits.js';

export type ConfigFormat = 'yaml' | 'json';
export type PathSegment = string | number;
export interface Position {
  line: number;
  column: number;
}
/** Position of a field's value (or, with `at: 'key'`, of its key) in the file. */
export type Locate = (path: readonly PathSegment[], at?: 'key' | 'value') => Position | undefined;

export interface ParsedConfigText {
  data: unknown;
  locate: Locate;
}

/** `.json` is JSON; everything else is YAML (which also reads JSON). */
export function configFormatOf(file: string): ConfigFormat {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

export function parseConfigText(text: string, options: { source: string; format: ConfigFormat }): ParsedConfigText {
  const body = text.replace(/^\uFEFF/, '');
  // Before any parser sees it: a 200 000-deep `[[[[` overflows a recursive parser's stack.
  const tooDeep = nestingIssue(body, options.source);
  if (tooDeep) throw new ConfigError(ConfigErrorCode.tooLarge, [tooDeep]);
  let parsed: ParsedConfigText;
  try {
    parsed = options.format === 'json' ? parseJson(body, options.source) : parseYaml(body, options.source);
  } catch (error) {
    // The last line of defence: whatever nesting got past the scan is still the file's fault.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ConfigError(ConfigErrorCode.tooLarge, [depthIssue([[[]]], options.source, 0)!]);
    }
    throw error;
  }
  // Block-style YAML nests by indentation, which the bracket scan cannot see.
  const deep = depthIssue(parsed.data, options.source);
  if (deep) throw new ConfigError(ConfigErrorCode.tooLarge, [deep]);
  return parsed;
}

function parseYaml(text: string, source: string): ParsedConfigText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error): ConfigIssue => {
      const position = error.linePos?.[0];
      return {
        source,
        field: 'YAML syntax',
        value: position ? sourceLine(text, position.line) : undefined,
        expected: `valid YAML: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
        line: position?.line,
        column: position?.col,
      };
    });
    throw new ConfigError(ConfigErrorCode.syntax, issues);
  }
  return { data: toPlainData(doc, source), locate: locatorFor(doc, lineCounter) };
}

/**
 * Aliases are expanded on the way to plain data; a "billion laughs" file expands a few hundred bytes
 * into gigabytes. The library counts expansions and throws past the cap: that is the file's fault.
 */
function toPlainData(doc: Document, source: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: CONFIG_LIMITS.maxAliasCount });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/alias/i.test(message)) throw error;
    throw new ConfigError(ConfigErrorCode.tooLarge, [
      {
        source,
        field: 'YAML aliases',
        value: undefined,
        expected: `at most ${CONFIG_LIMITS.maxAliasCount} alias expansions (*name) in a config file: ${firstLine(message)}`,
      },
    ]);
  }
}

function parseJson(text: string, source: string): ParsedConfigText {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(message)?.[1];
    const position = offsetToPosition(text, offset === undefined ? text.length : Number(offset));
    const reason = firstLine(message)
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+/, '');
    throw new ConfigError(ConfigErrorCode.syntax, [
      {
        source,
        field: 'JSON syntax',
        value: sourceLine(text, position.line),
        expected: `valid JSON: ${reason}`,
        line: position.line,
        column: position.column,
      },
    ]);
  }
  // JSON is YAML 1.2, so the YAML parser can still tell where each field is — and, unlike
  // JSON.parse (last one wins), it refuses a key given twice in one object.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const duplicates = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY');
  if (duplicates.length > 0) {
    throw new ConfigError(
      ConfigErrorCode.syntax,
      duplicates.map((error): ConfigIssue => {
        const position = error.linePos?.[0];
        return {
          source,
          field: 'JSON syntax',
          value: position ? sourceLine(text, position.line) : undefined,
          expected: 'each key once per object (JSON.parse would silently keep the last one)',
          line: position?.line,
          column: position?.col,
        };
      }),
    );
  }
  return { data, locate: doc.errors.length === 0 ? locatorFor(doc, lineCounter) : () => undefined };
}

/**
 * Points at the value when the whole path exists, else at the key of the deepest ancestor that does
 * (for a missing field, the mapping that should have held it).
 */
function locatorFor(doc: Document, lineCounter: LineCounter): Locate {
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path, target = 'value') => {
    let node: unknown = doc.contents;
    let found: Position | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) return found;
        const key = pair.key as Node;
        found = key.range ? at(key.range[0]) : found;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        const range = (node as Node).range;
        found = range ? at(range[0]) : found;
      } else {
        return found;
      }
    }
    const range = (node as Node | null)?.range;
    return target === 'value' && range ? at(range[0]) : found;
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** The offending line, for context — unless it may hold a secret. */
function sourceLine(text: string, line: number): string {
  // Only what can be shown (the message clips to 100 characters) is checked: a key after that is
  // followed by its value, which is not shown either.
  const content = (text.split(/\r?\n/)[line - 1] ?? '').trim();
  return lineMentionsSecret(content.slice(0, 120)) ? REDACTED : content;
}

function offsetToPosition(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r?\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
