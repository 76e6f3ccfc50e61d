#!/usr/bin/env node
/**
 * CI: the package a user installs, checked from the packed tarball rather than the repository.
 *
 *   node scripts/check-package.mjs [--keep]
 *
 * 1. `npm pack` (its prepack builds dist/ and writes the published manifest, docs/ci.md), and the
 *    repository is left as it was (package.json with its `prepare`, no npm-shrinkwrap.json).
 * 2. The tarball: the files it must carry (bin, the built CLI, npm-shrinkwrap.json), none it must not
 *    (sources, tests, source maps, bench), no install-time script, and its size.
 * 3. `npm install --global` of the tarball into a temporary prefix: no npm warning (in particular no
 *    "install scripts not yet covered by allowScripts"), and no dev dependency installed.
 * 4. The installed `mrrctl`: `--version` prints the package's version, and `rehearse` passes, run from
 *    an empty directory with only the prefix's bin and the system's on PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { INSTALL_SCRIPTS } from './pack-manifest.mjs';

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const repoManifest = readFileSync('package.json', 'utf8');
const pkg = JSON.parse(repoManifest);
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'mrrctl-package-'));
const failures = [];
const fail = (message) => failures.push(message);

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  return r;
}

// 1. Pack.
const packed = run('npm', ['pack', '--json', '--pack-destination', work]);
if (packed.status !== 0) {
  console.error(packed.stdout, packed.stderr);
  throw new Error(`npm pack exited ${packed.status}`);
}
const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
const tarball = join(work, info.filename);
if (readFileSync('package.json', 'utf8') !== repoManifest) fail('package.json differs after npm pack (postpack did not restore it)');
if (existsSync('npm-shrinkwrap.json')) fail('npm-shrinkwrap.json left in the repository after npm pack');

// 2. The tarball's contents and manifest.
const files = info.files.map((f) => f.path);
for (const required of ['package.json', 'bin/mrrctl.js', 'bin/package.json', 'dist/bundle/main.js', 'dist/bundle/help.cjs', 'dist/bundle/THIRD-PARTY-LICENSES.txt', 'npm-shrinkwrap.json', 'README.md', 'CHANGELOG.md']) {
  if (!files.includes(required)) fail(`the tarball lacks ${required}`);
}
for (const f of files) {
  if (/^(src|test|bench|scripts|\.ci)\/|\.map$|\.tsbuildinfo$|^tsconfig/.test(f)) fail(`the tarball carries ${f}, which users do not need`);
}
const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']).stdout);
for (const script of INSTALL_SCRIPTS) {
  if (manifest.scripts?.[script]) fail(`the published package.json has an install-time script: ${script}: ${manifest.scripts[script]}`);
}
if (manifest.bin?.mrrctl !== 'bin/mrrctl.js') fail(`bin.mrrctl is ${JSON.stringify(manifest.bin?.mrrctl)}, expected "bin/mrrctl.js"`);

// 3. Install globally into a temporary prefix.
const prefix = join(work, 'prefix');
const installed = run('npm', ['install', '--global', '--prefix', prefix, '--no-fund', '--no-audit', tarball]);
if (installed.status !== 0) fail(`npm install --global exited ${installed.status}:\n${installed.stderr}`);
const warnings = installed.stderr.split('\n').filter((line) => /^npm (warn|WARN|error|ERR)/.test(line));
if (warnings.length) fail(`npm install --global printed:\n  ${warnings.join('\n  ')}`);
const root = join(prefix, 'lib', 'node_modules', pkg.name);
// A name is dev-only when every copy of it in the lock is dev: a dev tool may carry an old copy of a
// package the runtime also needs (e.g. an SDK client's own @aws-sdk/types), and that is no leak.
const nameOf = (path) => path.replace(/^.*node_modules\//, '');
const runtimeNames = new Set(Object.entries(lock.packages).filter(([path, p]) => path && !p.dev).map(([path]) => nameOf(path)));
const devNames = new Set(Object.entries(lock.packages).filter(([, p]) => p.dev).map(([path]) => nameOf(path)).filter((n) => !runtimeNames.has(n)));
const installedNames = [];
(function walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(dir, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of names) {
      installedNames.push(name);
      walk(join(dir, name, 'node_modules'));
    }
  }
})(join(root, 'node_modules'));
const devInstalled = [...new Set(installedNames.filter((n) => devNames.has(n)))];
if (devInstalled.length) fail(`dev-only packages were installed: ${devInstalled.join(', ')}`);

// 4. The installed executable.
const bin = join(prefix, 'bin');
const env = { PATH: `${bin}:${process.env.PATH}`, HOME: work, NO_COLOR: '1' };
const empty = mkdtempSync(join(work, 'cwd-'));
const version = run('mrrctl', ['--version'], { cwd: empty, env });
if (version.stdout.trim() !== pkg.version) fail(`mrrctl --version printed ${JSON.stringify(version.stdout.trim())}, expected ${pkg.version}`);
const rehearse = run('mrrctl', ['rehearse'], { cwd: empty, env });
if (rehearse.status !== 0) fail(`mrrctl rehearse exited ${rehearse.status}:\n${rehearse.stdout}\n${rehearse.stderr}`);

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const summary = `${info.filename}: ${info.entryCount} files, ${kB(info.size)} packed, ${kB(info.unpackedSize)} unpacked; installed ${new Set(installedNames).size} packages`;
if (!values.keep) rmSync(work, { recursive: true, force: true });
if (failures.length) {
  console.error(`check-package: ${failures.length} problem(s) with ${summary}:`);
  for (const f of failures) console.error(`- ${f}`);
  process.exit(1);
}
console.log(`check-package: ${summary}; no install script, no npm warning, no dev dependency; mrrctl ${pkg.version} rehearse passed`);
