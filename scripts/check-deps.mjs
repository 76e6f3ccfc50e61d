#!/usr/bin/env node
/**
 * Offline dependency check (CI runs it before the tests; `npm audit` needs an advisory service that
 * CI cannot always reach). It reads only package.json and package-lock.json and fails when:
 *
 * 1. the lockfile is not in step with package.json (a dependency or its range differs);
 * 2. a runtime dependency (direct or transitive: a lock entry without `dev`) runs an install script
 *    (`hasInstallScript`) — code that would run on every operator's machine at `npm install`;
 * 3. a package has no sha512 `integrity`, or is `resolved` from anywhere but registry.npmjs.org, or is
 *    a link, git or file dependency;
 * 4. a direct runtime range is not the policy's: `^MAJOR.MINOR.PATCH` or an exact version — never
 *    `*`, `latest`, `>=`, `x`, a tag or a URL; AWS SDK packages (@aws-sdk/*, @smithy/*) are pinned to
 *    patch releases (`~MAJOR.MINOR.PATCH` or exact: every SDK release is a new minor, and releases
 *    after early January 2027 need Node 22 — docs/ci.md) and stay within their major (3 / 4). The SDK
 *    rule holds in devDependencies too: the SDK is bundled into dist/bundle (scripts/build.mjs), so it
 *    is a devDependency whose version still ships to every operator;
 * 5. the runtime dependency count passes the budget in docs/reliability.md.
 *
 * Usage: node scripts/check-deps.mjs [--root DIR]. Exit 0 with a summary, or 1 listing each problem.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runtime packages (direct and transitive) the lock may hold; docs/reliability.md states it. */
export const RUNTIME_BUDGET = 60;
const SDK_MAJORS = { '@aws-sdk/': 3, '@smithy/': [3, 4] };
const RANGE = /^\^?\d+\.\d+\.\d+$/;
const SDK_RANGE = /^~?\d+\.\d+\.\d+$/;
const isSdk = (name) => Object.keys(SDK_MAJORS).some((prefix) => name.startsWith(prefix));

export function checkDeps(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const problems = [];
  const lockRoot = lock.packages?.[''] ?? {};
  if ((lock.lockfileVersion ?? 0) < 2) problems.push(`package-lock.json: lockfileVersion ${lock.lockfileVersion}, expected 2 or 3`);

  for (const kind of ['dependencies', 'devDependencies']) {
    const wanted = pkg[kind] ?? {};
    const locked = lockRoot[kind] ?? {};
    for (const name of new Set([...Object.keys(wanted), ...Object.keys(locked)])) {
      if (wanted[name] !== locked[name]) problems.push(`${kind}.${name}: package.json says ${wanted[name] ?? 'nothing'}, the lock ${locked[name] ?? 'nothing'} (run npm install)`);
    }
  }

  const ranges = [
    ...Object.entries(pkg.dependencies ?? {}).map(([name, range]) => ({ kind: 'dependencies', name, range })),
    ...Object.entries(pkg.devDependencies ?? {}).filter(([name]) => isSdk(name)).map(([name, range]) => ({ kind: 'devDependencies', name, range })),
  ];
  for (const { kind, name, range } of ranges) {
    if (isSdk(name)) {
      if (!SDK_RANGE.test(range)) problems.push(`${kind}.${name}: range ${JSON.stringify(range)}, expected ~MAJOR.MINOR.PATCH or an exact version (the AWS SDK is pinned to patch releases)`);
    } else if (!RANGE.test(range)) problems.push(`${kind}.${name}: range ${JSON.stringify(range)}, expected ^MAJOR.MINOR.PATCH or an exact version`);
    for (const [prefix, majors] of Object.entries(SDK_MAJORS)) {
      if (!name.startsWith(prefix)) continue;
      const major = Number(/\d+/.exec(range)?.[0]);
      if (![majors].flat().includes(major)) problems.push(`${kind}.${name}: major ${major}, expected ${[majors].flat().join(' or ')} (an AWS SDK major upgrade is a reviewed change)`);
    }
  }

  let runtime = 0;
  const installScripts = { runtime: [], dev: [] };
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '') continue;
    const name = path.replace(/^.*node_modules\//, '');
    if (!entry.dev) runtime++;
    if (entry.hasInstallScript) installScripts[entry.dev ? 'dev' : 'runtime'].push(name);
    if (entry.link) {
      problems.push(`${name}: a link (${entry.resolved}), expected a registry package`);
      continue;
    }
    if (!/^sha512-/.test(entry.integrity ?? '')) problems.push(`${name}: no sha512 integrity in the lock`);
    if (entry.resolved !== undefined && !entry.resolved.startsWith('https://registry.npmjs.org/')) {
      problems.push(`${name}: resolved from ${entry.resolved}, expected https://registry.npmjs.org/`);
    }
  }
  for (const name of installScripts.runtime) problems.push(`${name}: a runtime dependency with an install script (hasInstallScript)`);
  if (runtime > RUNTIME_BUDGET) problems.push(`${runtime} runtime packages in the lock, over the budget of ${RUNTIME_BUDGET} (docs/reliability.md)`);

  return { problems, runtime, direct: Object.keys(pkg.dependencies ?? {}).length, devInstallScripts: installScripts.dev };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--root');
  const root = at >= 0 ? process.argv[at + 1] : process.cwd();
  const { problems, runtime, direct, devInstallScripts } = checkDeps(root);
  if (problems.length > 0) {
    console.error(`check-deps: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  const dev = devInstallScripts.length > 0 ? `; dev-only install scripts: ${devInstallScripts.join(', ')}` : '';
  console.log(`check-deps: ok — ${direct} direct runtime dependencies, ${runtime} runtime packages in the lock (budget ${RUNTIME_BUDGET}), no install scripts at runtime${dev}`);
}
