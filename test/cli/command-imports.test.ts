/**
 * The use-cases commands share live in src/app, so a command file never imports another command
 * file, and src/app (the use-case layer under the cli) never imports src/cli.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(import.meta.dirname, '../../src');
const IMPORT = /(?:from\s+|import\()\s*['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]);
}

describe('imports between commands and layers', () => {
  const commands = sourceFiles(join(SRC, 'cli/commands')).filter((f) => !f.endsWith('index.ts'));
  const app = sourceFiles(join(SRC, 'app'));

  it('has files to check', () => {
    expect(commands.length).toBeGreaterThan(10);
    expect(app.length).toBeGreaterThan(10);
  });

  it.each(commands.map((f) => [f.slice(SRC.length + 1), f]))('%s imports no other command file', (_name, file) => {
    expect(importsOf(file).filter((spec) => spec.startsWith('./'))).toEqual([]);
  });

  it.each(app.map((f) => [f.slice(SRC.length + 1), f]))('%s imports nothing from src/cli', (_name, file) => {
    expect(importsOf(file).filter((spec) => /(^|\/)cli\//.test(spec))).toEqual([]);
  });

  it('the rule itself sees a static and a dynamic import', () => {
    expect([..."import { x } from './drift.js'; await import('../cli/y.js')".matchAll(IMPORT)].map((m) => m[1])).toEqual(['./drift.js', '../cli/y.js']);
  });
});
