#!/usr/bin/env node
/**
 * CI: the lock must install on every Node.js major that package.json's `engines.node` promises.
 *
 * npm only warns (EBADENGINE) when a locked package does not support the running Node, and the AWS SDK
 * v3 drops Node 20 with its releases after the first week of January 2027 (aws-conformance G7). So an
 * innocent `npm update` could lock an SDK that breaks every Node 20 install, and CI on Node 20 would
 * still pass on the warning. This check fails instead: every runtime package in package-lock.json must
 * accept the lowest version of each range in our `engines.node` (20.19.0, 22.12.0, 24.0.0), and every
 * dev package must accept the Node that runs the check (CI runs it on each Node it tests). The packages
 * bundled into dist/bundle (the AWS SDK, zod, yaml…: devDependencies whose code ships, scripts/build.mjs)
 * count as runtime: their names are read from dist/bundle-packages.json, which the build writes, so
 * the check runs after `npm run build`.
 *
 * Only the range forms npm packages use in `engines` are understood (`>=`, `>`, `<`, `<=`, `=`, `^`,
 * `~`, bare and partial versions, `x`/`*`, `||`, spaces for "and"); anything else is reported as
 * unreadable, which fails the check rather than passing it silently.
 *
 *   node scripts/check-engines.mjs [--lock FILE] [--bundle dist/bundle-packages.json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** '20.19' → [20, 19, 0]; partial versions are padded with zeros (with `partial` telling how many parts were given). */
export function parseVersion(text) {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$/.exec(text.trim());
  if (!m) return null;
  const parts = [m[1], m[2], m[3]].filter((p) => p !== undefined && !/^[xX*]$/.test(p)).map(Number);
  return { v: [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0], partial: parts.length };
}

const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** One comparator ('>=20.0.0', '^13.7', '14') → the predicates it stands for, or null if unreadable. */
function comparator(text) {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(text);
  if (!m) return null;
  const [, op = '', rest] = m;
  if (rest === '*' || /^[xX]$/.test(rest)) return [() => true];
  const parsed = parseVersion(rest);
  if (!parsed) return null;
  const { v, partial } = parsed;
  const upperOfPartial = partial === 1 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0];
  switch (op) {
    case '>=': return [(x) => cmp(x, v) >= 0];
    case '>': return [(x) => (partial === 3 ? cmp(x, v) > 0 : cmp(x, upperOfPartial) >= 0)];
    case '<': return [(x) => cmp(x, v) < 0];
    case '<=': return [(x) => (partial === 3 ? cmp(x, v) <= 0 : cmp(x, upperOfPartial) < 0)];
    case '^': {
      const upper = v[0] > 0 || partial === 1 ? [v[0] + 1, 0, 0] : v[1] > 0 || partial === 2 ? [0, v[1] + 1, 0] : [0, 0, v[2] + 1];
      return [(x) => cmp(x, v) >= 0, (x) => cmp(x, upper) < 0];
    }
    case '~': {
      const upper = partial === 1 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0];
      return [(x) => cmp(x, v) >= 0, (x) => cmp(x, upper) < 0];
    }
    default: // '=' or bare: a partial version is a range ('20' = 20.x.x)
      return partial === 3 ? [(x) => cmp(x, v) === 0] : [(x) => cmp(x, v) >= 0, (x) => cmp(x, upperOfPartial) < 0];
  }
}

/** Does `range` accept `version`? true/false, or null when the range cannot be read. */
export function satisfies(version, range) {
  const x = parseVersion(version)?.v;
  if (!x) return null;
  let readable = true;
  const ok = range.split('||').some((set) => {
    // '>= 14.6' is one comparator: glue an operator to the version after it before splitting on spaces.
    const parts = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    const preds = parts.length === 0 ? [() => true] : parts.flatMap((p) => comparator(p) ?? [null]);
    if (preds.includes(null)) {
      readable = false;
      return false;
    }
    return preds.every((p) => p(x));
  });
  return ok ? true : readable ? false : null;
}

/** The lowest version each `||` branch of our own engines range admits: '^20.19.0 || >=24' → ['20.19.0', '24.0.0']. */
export function floorsOf(range) {
  return range.split('||').map((set) => {
    const lower = set.trim().replace(/(>=|\^|~|=)\s+/g, '$1').split(/\s+/).find((p) => /^(>=|\^|~|=)?\d/.test(p));
    const parsed = lower && parseVersion(lower.replace(/^(>=|\^|~|=)/, ''));
    if (!parsed) throw new Error(`cannot find the lowest version of "${set.trim()}" in engines.node`);
    return parsed.v.join('.');
  });
}

/**
 * Every locked package whose engines.node refuses one of `floors` (runtime, and dev packages named in
 * `bundled`: their code ships inside the bundle) or `current` (other dev packages).
 */
export function problems(lock, { floors, current, bundled = new Set() }) {
  const found = [];
  for (const [path, pkg] of Object.entries(lock.packages ?? {})) {
    const range = pkg.engines?.node;
    if (!path || !range || pkg.optional) continue;
    const name = path.replace(/^.*node_modules\//, '');
    const devOnly = pkg.dev && !bundled.has(name);
    for (const node of devOnly ? [current] : floors) {
      const ok = satisfies(node, range);
      if (ok !== true) found.push(`${name}@${pkg.version}${devOnly ? ' (dev)' : pkg.dev ? ' (bundled)' : ''}: engines.node "${range}" ${ok === null ? 'cannot be read' : `refuses Node ${node}`}`);
    }
  }
  return found;
}

/** The names of the packages in the bundle, from the build's dist/bundle-packages.json (output file → names). */
export function bundledNames(file) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (it lists the packages bundled into dist/bundle)`);
  return new Set(Object.values(JSON.parse(readFileSync(file, 'utf8'))).flat());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { lock: { type: 'string', default: 'package-lock.json' }, bundle: { type: 'string', default: 'dist/bundle-packages.json' } } });
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const lock = JSON.parse(readFileSync(values.lock, 'utf8'));
  const floors = floorsOf(manifest.engines.node);
  const current = process.versions.node;
  const bundled = bundledNames(values.bundle);
  const found = problems(lock, { floors, current, bundled });
  if (found.length) {
    console.error(`check-engines: ${found.length} locked package(s) do not run on a Node this package supports (engines.node "${manifest.engines.node}"):`);
    for (const line of found) console.error(`  ${line}`);
    console.error('Lock a release that still supports them (see docs/ci.md, "Supported Node.js versions").');
    process.exit(1);
  }
  console.log(`check-engines: ${Object.keys(lock.packages).length - 1} locked packages accept Node ${floors.join(', ')} (runtime and the ${bundled.size} bundled) and ${current} (dev)`);
}
