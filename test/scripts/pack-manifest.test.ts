/**
 * The published manifest (scripts/pack-manifest.mjs): the repository's package.json builds on
 * `npm ci` with `prepare`; the tarball's must carry no script npm would run at install time, or npm 11
 * warns on every `npm install --global` ("install scripts not yet covered by allowScripts").
 * The whole round trip — pack, install into a prefix, rehearse — is `node scripts/check-package.mjs` in CI.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

// A plain .mjs script without type declarations: imported by URL so TypeScript treats it as `any`.
const script = () => import(new URL('../../scripts/pack-manifest.mjs', import.meta.url).href);

describe('pack-manifest', () => {
  it('drops every install-time script and keeps the rest of the manifest', async () => {
    const { publishedManifest } = await script();
    const repo = {
      name: 'mrrctl',
      version: '0.1.0',
      bin: { mrrctl: 'bin/mrrctl.js' },
      scripts: { build: 'node scripts/build.mjs', prepare: 'npm run build', postinstall: 'x', preinstall: 'y', install: 'z', test: 'vitest run' },
      dependencies: { yaml: '^2.9.1' },
    };
    expect(publishedManifest(repo)).toEqual({
      name: 'mrrctl',
      version: '0.1.0',
      bin: { mrrctl: 'bin/mrrctl.js' },
      scripts: { build: 'node scripts/build.mjs', test: 'vitest run' },
      dependencies: { yaml: '^2.9.1' },
    });
    expect(repo.scripts.prepare).toBe('npm run build');
  });

  it('is wired into npm pack, and the repository keeps building on npm ci', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.prepack).toBe('npm run build && node scripts/pack-manifest.mjs on');
    expect(pkg.scripts.postpack).toBe('node scripts/pack-manifest.mjs off');
    expect(pkg.files).toContain('npm-shrinkwrap.json');
    expect(pkg.files).toContain('dist/bundle');
    expect(pkg.files).not.toContain('dist');
  });
});
