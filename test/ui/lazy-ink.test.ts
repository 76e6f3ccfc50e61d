/**
 * ink, React and yoga take most of a second to load; `--help`, `--version`, pipes and JSON must not
 * pay for them. This reads every source file and fails when ink or React could be loaded statically
 * from outside src/ui/ink, i.e. anywhere but through render-live.ts's dynamic import.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(import.meta.dirname, '../../src');
const INK_DIR = join(SRC, 'ui/ink');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Value (non-type) imports of a file, relative ones resolved to source paths. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(STATIC_IMPORT)].map(([, spec]) => {
    if (!spec.startsWith('.')) return spec;
    const js = resolve(dirname(file), spec);
    const candidates = [js.replace(/\.js$/, '.ts'), js.replace(/\.js$/, '.tsx')];
    return candidates.find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    }) ?? js;
  });
}

const loadsInk = (spec: string) => spec === 'ink' || spec === 'react' || spec.startsWith('react/') || spec === 'ink-testing-library';

describe('ink is loaded lazily', () => {
  const files = sourceFiles(SRC);
  const inkModules = new Set(files.filter((f) => f.startsWith(INK_DIR) && staticImports(f).some(loadsInk)));

  it('has ink views to guard', () => {
    expect([...inkModules].map((f) => relative(SRC, f))).toContain('ui/ink/live.tsx');
  });

  it('no module outside src/ui/ink imports ink, React or an ink view statically', () => {
    const offending = files
      .filter((f) => !f.startsWith(INK_DIR))
      .flatMap((f) => staticImports(f).filter((spec) => loadsInk(spec) || inkModules.has(spec)).map((spec) => `${relative(SRC, f)} → ${spec.startsWith('/') ? relative(SRC, spec) : spec}`));
    expect(offending).toEqual([]);
  });

  it('the rule catches a static import and lets type imports through', () => {
    const scan = (text: string) => [...text.matchAll(STATIC_IMPORT)].map(([, s]) => s);
    expect(scan("import { render } from 'ink';")).toEqual(['ink']);
    expect(scan("import type { Instance } from 'ink';")).toEqual([]);
    expect(scan("export { PlanView } from './ink/plan-view.js';")).toEqual(['./ink/plan-view.js']);
  });
});
