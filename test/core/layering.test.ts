/**
 * The core layer is pure domain: no SDK, commander, ink/react or process access. This test reads
 * every source file under src/core and fails on a forbidden import or a use of `process`.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CORE = join(import.meta.dirname, '../../src/core');
const FORBIDDEN_IMPORT = /from\s+['"](@aws-sdk\/[^'"]+|@smithy\/[^'"]+|commander|ink|react|node:process|process|node:fs[^'"]*|fs)['"]/;
const PROCESS_USE = /(^|[^.\w])process\./;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('core layer', () => {
  const files = sourceFiles(CORE);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.slice(CORE.length + 1), f]))('%s imports no SDK, commander, ink, fs or process', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const code = text.split('\n').filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line));
    const offending = code.filter((line) => FORBIDDEN_IMPORT.test(line) || PROCESS_USE.test(line.replace(/\/\/.*$/, '')));
    expect(offending).toEqual([]);
  });

  it('the rule itself catches a forbidden import', () => {
    expect(FORBIDDEN_IMPORT.test("import { KMSClient } from '@aws-sdk/client-kms';")).toBe(true);
    expect(PROCESS_USE.test('const x = process.env.HOME;')).toBe(true);
    expect(FORBIDDEN_IMPORT.test("import { x } from './y.js';")).toBe(false);
  });
});
