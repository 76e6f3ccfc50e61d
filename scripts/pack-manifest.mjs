#!/usr/bin/env node
/**
 * The published manifest differs from the repository's in one way that matters: no build script.
 *
 * In the repository, `prepare` builds dist/ so that `npm ci` on a fresh clone gives a working CLI
 * (the contract). In a tarball, the same `prepare` is an install script: npm 11 warns about it on
 * every `npm install --global` ("install scripts not yet covered by allowScripts"), and there is
 * nothing to build — the tarball ships dist/. So `npm pack` runs:
 *
 *   prepack:  npm run build && node scripts/pack-manifest.mjs on
 *             → package.json without install-time scripts (the original kept in package.json.prepack),
 *               and package-lock.json copied to npm-shrinkwrap.json, which npm always packs and which
 *               pins every dependency of an installed mrrctl to the tested tree (docs/ci.md).
 *   postpack: node scripts/pack-manifest.mjs off → both undone.
 *
 * `npm publish` from the directory would re-read package.json after postpack, so `prepublishOnly`
 * runs `node scripts/pack-manifest.mjs publish`, which refuses: publish the tarball CI checked,
 * `npm publish ./mrrctl-<version>.tgz` (a tarball's own package.json is what the registry gets).
 */
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Scripts npm runs when a package is installed (npm's allowScripts covers exactly these). */
export const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

/** The manifest as published: the repository's, minus every script that would run at install time. */
export function publishedManifest(pkg) {
  const scripts = Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter(([name]) => !INSTALL_SCRIPTS.includes(name)));
  return { ...pkg, scripts };
}

const BACKUP = 'package.json.prepack';

function on() {
  if (existsSync(BACKUP)) {
    throw new Error(`${BACKUP} exists: an earlier pack did not finish. Check package.json, then \`node scripts/pack-manifest.mjs off\` to restore it.`);
  }
  const text = readFileSync('package.json', 'utf8');
  writeFileSync(BACKUP, text);
  writeFileSync('package.json', `${JSON.stringify(publishedManifest(JSON.parse(text)), null, 2)}\n`);
  copyFileSync('package-lock.json', 'npm-shrinkwrap.json');
}

function off() {
  if (existsSync(BACKUP)) renameSync(BACKUP, 'package.json');
  rmSync('npm-shrinkwrap.json', { force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const step = process.argv[2];
  if (step === 'on') on();
  else if (step === 'off') off();
  else if (step === 'publish') {
    console.error('pack-manifest: publish the checked tarball, not the directory: `npm pack`, then `npm publish ./mrrctl-<version>.tgz`.');
    process.exit(1);
  } else {
    console.error('usage: node scripts/pack-manifest.mjs on|off|publish');
    process.exit(2);
  }
}
