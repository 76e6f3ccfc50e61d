/**
 * Which npm packages a process of bin/mrrctl.js loaded, from the module URLs a load hook saw. Most
 * libraries are bundled (scripts/build.mjs): their code is in dist/bundle's chunks, not in
 * node_modules, so a chunk counts as every package whose files esbuild put into it — read from
 * dist/bundle-packages.json, which the build writes from its metafile. A URL under node_modules (ink,
 * react: the external ones) counts as its package.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
