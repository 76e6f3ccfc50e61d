/**
 * Which npm packages a process of bin/mrrctl.js loaded, from the module URLs a load hook saw. Most
 * libraries are bundled (scripts/build.mjs): their code is in dist/bundle's chunks, not in
 * node_modules, so a chunk counts as every package whose files esbuild put into it — read from
 * dist/bundle-packages.json, which the build writes from its metafile. A URL under node_modules (ink,
 * react: the external ones) counts as its package.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '../..');

/** dist/bundle/<file>.js (or help.cjs) → the packages it carries (needs `npm run build`). */
export function bundleContents(): Record<string, string[]> {
  return JSON.parse(readFileSync(join(ROOT, 'dist/bundle-packages.json'), 'utf8')) as Record<string, string[]>;
}

/** The packages behind `urls` (file: URLs or paths), sorted, each once. */
export function packagesOf(urls: string[], contents = bundleContents()): string[] {
  const names = new Set<string>();
  for (const url of urls) {
    const fromModules = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(url);
    if (fromModules) {
      names.add(fromModules[1].replace('\\', '/'));
      continue;
    }
    const inBundle = /[\\/](dist[\\/]bundle[\\/][^\\/]+\.c?js)$/.exec(url);
    for (const name of inBundle ? (contents[inBundle[1].replaceAll('\\', '/')] ?? []) : []) names.add(name);
  }
  return [...names].sort();
}

/** The AWS SDK, zod and yaml: what a command's body needs and `--help` must not load. */
export const isHeavy = (name: string): boolean => /^(@aws-sdk|@smithy|@aws)\//.test(name) || name === 'zod' || name === 'yaml';

const PROBED = /[\\/](dist|bin|src|node_modules)[\\/]/;
let probeArgs: string[] | undefined;

/**
 * Node arguments that make a process of bin/mrrctl.js (runCliProcess's `nodeArgs`) report on stderr,
 * as `LOADED <file URL>` lines, every file of the package or of node_modules it loads: ES modules
 * through a module-load hook, CommonJS files (bin/mrrctl.js, the help path's dist/bundle/help.cjs),
 * which that hook does not see on Node 20, through require.cache at exit. Both write straight to fd 2:
 * the hooks run on their own thread, whose process.stderr can lose lines at exit (seen on Node 24).
 */
export function loadProbe(): string[] {
  if (!probeArgs) {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-load-probe-'));
    const hook = join(dir, 'hook.mjs');
    const register = join(dir, 'register.mjs');
    const cjs = join(dir, 'cjs.cjs');
    const test = `/${PROBED.source}/`;
    writeFileSync(hook, `import { writeSync } from 'node:fs';\nexport async function load(u, c, next) { if (${test}.test(u)) writeSync(2, \`LOADED \${u}\\n\`); return next(u, c); }\n`);
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
    writeFileSync(cjs, `process.on('exit', () => { for (const f of Object.keys(require.cache)) if (${test}.test(f)) require('node:fs').writeSync(2, \`LOADED \${require('node:url').pathToFileURL(f).href}\\n\`); });\n`);
    probeArgs = ['--require', cjs, '--import', register];
  }
  return probeArgs;
}

/** The file URLs loadProbe() reported, in load order. */
export function loadedUrls(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
}

/** stderr as the process wrote it, without loadProbe()'s lines. */
export function withoutLoadLines(stderr: string): string {
  return stderr.replace(/^LOADED .*\n/gm, '');
}
