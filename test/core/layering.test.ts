/**
 * The layers point one way (docs/architecture.md). This test reads every source file under src and
 * fails on an import that points the wrong way, a command that imports another command, a render
 * function in core, or (in core) an SDK, commander, ink, fs or process dependency.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = join(import.meta.dirname, '../../src');

/** Which layers each layer may import. `main.ts` (the root) may import any of them. */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  aws: ['core', 'aws'],
  ui: ['core', 'ui'],
  sandbox: ['core', 'sandbox'],
  app: ['core', 'aws', 'ui', 'app'],
  cli: ['core', 'aws', 'ui', 'app', 'cli', 'sandbox'],
};

const FORBIDDEN_IN_CORE = /^(@aws-sdk\/|@smithy\/|commander$|ink$|ink\/|react$|react\/|node:process$|process$|node:fs|fs$|fs\/)/;
const PROCESS_USE = /(^|[^.\w])process\./;
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Code without comments, so a comment that mentions a module or `process.` does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function importsOf(text: string): string[] {
  return [...code(text).matchAll(IMPORT)].map((m) => m[1]);
}

/** The layer of a file under src: its first folder, or 'root' for src/main.ts. */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length === 1 ? 'root' : parts[0];
}

function resolveImport(from: string, spec: string): string | undefined {
  return spec.startsWith('.') ? resolve(dirname(from), spec) : undefined;
}

/** A command module: src/cli/commands/<name>.ts or src/cli/commands/<noun>/<verb>.ts. */
function commandOf(file: string): string | undefined {
  const rel = relative(join(SRC, 'cli', 'commands'), file);
  if (rel.startsWith('..')) return undefined;
  const [first] = rel.split(sep);
  return first.replace(/\.(js|tsx?)$/, '');
}

export function layerViolations(file: string, text: string): string[] {
  const layer = layerOf(file);
  const found: string[] = [];
  for (const spec of importsOf(text)) {
    const target = resolveImport(file, spec);
    if (layer === 'core' && !target && FORBIDDEN_IN_CORE.test(spec)) found.push(`core imports ${spec}`);
    if (!target) continue;
    const to = layerOf(target);
    if (layer !== 'root' && to !== 'root' && !ALLOWED[layer]?.includes(to)) found.push(`${layer} imports ${to}: ${spec}`);
    // rehearse runs the real CLI through main(), as its user would: the one use of the root.
    const rehearsing = relative(SRC, file).startsWith(join('cli', 'rehearse'));
    if (to === 'root' && layer !== 'root' && !rehearsing) found.push(`${layer} imports main: ${spec}`);
    const fromCommand = commandOf(file);
    const toCommand = commandOf(target);
    // index.ts is the manifest: it names every command (lazily) and is the one allowed to.
    if (fromCommand && toCommand && fromCommand !== toCommand && fromCommand !== 'index') found.push(`command ${fromCommand} imports command ${toCommand}: ${spec}`);
  }
  if (layer === 'core') {
    for (const line of code(text).split('\n')) if (PROCESS_USE.test(line)) found.push(`core uses process: ${line.trim()}`);
    for (const m of code(text).matchAll(/export\s+(?:async\s+)?function\s+(render\w*)|export\s+const\s+(render\w*)/g)) found.push(`core exports a view: ${m[1] ?? m[2]}`);
  }
  return found;
}

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('has source files in every layer', () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of ['core', 'aws', 'ui', 'cli', 'sandbox', 'root']) expect(layers).toContain(layer);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))('%s imports only what its layer may', (_name, file) => {
    expect(layerViolations(file, readFileSync(file, 'utf8'))).toEqual([]);
  });
});

describe('the rules catch what they forbid', () => {
  const at = (rel: string) => join(SRC, rel);
  it('an SDK import, process use or render function in core', () => {
    expect(layerViolations(at('core/x.ts'), "import { KMSClient } from '@aws-sdk/client-kms';")).toEqual(['core imports @aws-sdk/client-kms']);
    expect(layerViolations(at('core/x.ts'), 'const home = process.env.HOME;')).toEqual(['core uses process: const home = process.env.HOME;']);
    expect(layerViolations(at('core/x.ts'), 'export function renderThing(): string[] { return []; }')).toEqual(['core exports a view: renderThing']);
  });
  it('a layer importing upwards or sideways, statically or lazily', () => {
    expect(layerViolations(at('aws/x.ts'), "import type { GlobalFlags } from '../cli/global-flags.js';")).toEqual(['aws imports cli: ../cli/global-flags.js']);
    expect(layerViolations(at('aws/x.ts'), "const m = await import('../ui/io.js');")).toEqual(['aws imports ui: ../ui/io.js']);
    expect(layerViolations(at('ui/x.ts'), "import { x } from '../cli/context.js';")).toEqual(['ui imports cli: ../cli/context.js']);
    expect(layerViolations(at('core/x.ts'), "import { x } from '../aws/clients.js';")).toEqual(['core imports aws: ../aws/clients.js']);
    expect(layerViolations(at('aws/x.ts'), "import { toSandboxUrl } from '../sandbox/url-map.js';")).toEqual(['aws imports sandbox: ../sandbox/url-map.js']);
  });
  it('a command importing another command', () => {
    expect(layerViolations(at('cli/commands/canary.ts'), "import { runTrafficMove } from './failover.js';")).toEqual(['command canary imports command failover: ./failover.js']);
    expect(layerViolations(at('cli/commands/replica.ts'), "const { checkDrift } = await import('./drift.js');")).toEqual(['command replica imports command drift: ./drift.js']);
  });
  it('allowed directions pass, and comments do not count', () => {
    expect(layerViolations(at('cli/commands/failover.ts'), "import { planFailover } from '../../core/failover/plan.js';\n// see ./canary.js")).toEqual([]);
    expect(layerViolations(at('ui/x.ts'), "import type { Plan } from '../core/plan/types.js';")).toEqual([]);
  });
});
