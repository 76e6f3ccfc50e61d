/**
 * Config text → plain data, plus a locator that turns a field path into line:column for messages.
 * Pure (no fs): the loader reads the file and hands the text here.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, ConfigErrorCode, REDACTED, SECRET_KEY, type ConfigIssue } from './config-error.js';

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
  return options.format === 'json' ? parseJson(body, options.source) : parseYaml(body, options.source);
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
  return { data: doc.toJS(), locate: locatorFor(doc, lineCounter) };
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
  // JSON is YAML 1.2, so the YAML parser can still tell where each field is.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
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
  const content = (text.split(/\r?\n/)[line - 1] ?? '').trim();
  return SECRET_KEY.test(content) ? REDACTED : content;
}

function offsetToPosition(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r?\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
