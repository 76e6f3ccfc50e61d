/** scripts/check-deps.mjs on the real lockfile, and on crafted ones that each break one rule. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/check-deps.mjs');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

function run(root: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, out: e.stderr };
  }
}
function crafted(edit: (p: any, l: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-deps-'));
  const p = structuredClone(pkg);
  const l = structuredClone(lock);
  edit(p, l);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(p));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(l));
  return dir;
}

describe('check-deps', () => {
  it('passes on the repository and says how many runtime packages there are', () => {
    const r = run(ROOT);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/check-deps: ok — \d+ direct runtime dependencies, \d+ runtime packages in the lock \(budget 60\), no install scripts at runtime/);
  });

  it('fails on a runtime dependency with an install script', () => {
    const r = run(crafted((_p, l) => (l.packages['node_modules/yoga-layout'].hasInstallScript = true)));
    expect(r.code).toBe(1);
    expect(r.out).toContain('yoga-layout: a runtime dependency with an install script (hasInstallScript)');
  });

  it('lets a bundled library (a devDependency: its code ships inside dist/bundle) have one, like any dev tool', () => {
    const r = run(crafted((_p, l) => (l.packages['node_modules/yaml'].hasInstallScript = true)));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('dev-only install scripts: esbuild, yaml');
  });

  it('fails on an AWS SDK range that is not pinned to a version', () => {
    const r = run(crafted((p, l) => {
      p.devDependencies['@aws-sdk/client-kms'] = '*';
      l.packages[''].devDependencies['@aws-sdk/client-kms'] = '*';
    }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('devDependencies.@aws-sdk/client-kms: range "*", expected ~MAJOR.MINOR.PATCH or an exact version (the AWS SDK is pinned to patch releases)');
  });

  it('fails on an AWS SDK range that lets a new minor (a new SDK release) in, and on a tilde elsewhere', () => {
    const r = run(crafted((p, l) => {
      p.devDependencies['@aws-sdk/client-kms'] = '^3.1164.0';
      l.packages[''].devDependencies['@aws-sdk/client-kms'] = '^3.1164.0';
      p.dependencies.ink = '~6.8.0';
      l.packages[''].dependencies.ink = '~6.8.0';
    }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('devDependencies.@aws-sdk/client-kms: range "^3.1164.0", expected ~MAJOR.MINOR.PATCH or an exact version (the AWS SDK is pinned to patch releases)');
    expect(r.out).toContain('dependencies.ink: range "~6.8.0", expected ^MAJOR.MINOR.PATCH or an exact version');
  });

  it('fails on a lock out of step, a missing integrity and a foreign registry', () => {
    const r = run(crafted((p, l) => {
      p.devDependencies.zod = '^4.0.0';
      delete l.packages['node_modules/commander'].integrity;
      l.packages['node_modules/jose'].resolved = 'https://evil.example/jose.tgz';
    }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('devDependencies.zod: package.json says ^4.0.0');
    expect(r.out).toContain('commander: no sha512 integrity in the lock');
    expect(r.out).toContain('jose: resolved from https://evil.example/jose.tgz');
  });
});
