/** The output and exit-code contract, exercised through main() in-process. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('main: help, version and usage errors', () => {
  it('--help prints usage on stdout and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: mrrctl');
    expect(r.stdout).toContain('--sandbox [url]');
    expect(r.stderr).toBe('');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown flag is a usage error: exit 2, hint on stderr, nothing on stdout', async () => {
    const r = await runCli(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).toContain('--help');
    expect(r.stdout).toBe('');
  });

  it('an unknown command exits 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('a bad choice for --output exits 2', async () => {
    const r = await runCli(['--output', 'yaml', 'cost', '--mau', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('yaml');
  });

  it('a usage error in JSON mode still prints exactly one JSON document', async () => {
    const r = await runCli(['cost', '--output', 'json']);
    expect(r.code).toBe(2);
    const doc = r.json();
    expect(doc).toMatchObject({ schemaVersion: 2, ok: false, command: 'cost' });
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'MRR_USAGE_E001' });
    expect(doc.diagnostics[0].message).toContain('--mau');
  });
});

describe('main: results and input errors', () => {
  it('prints a JSON envelope with the result', async () => {
    const r = await runCli(['cost', '--mau', '100000', '--m2m-tokens', '1000000', '--tier', 'plus', '--output', 'json']);
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc).toMatchObject({ schemaVersion: 2, command: 'cost', ok: true, diagnostics: [] });
    // 100,000 MAU × $0.006 + 1,000,000 tokens × $0.00225 × 30 %
    expect(doc.data.userAuthAddOn).toBe(600);
    expect(doc.data.m2mAddOn).toBe(675);
    expect(doc.data.total).toBe(1275);
  });

  it('text mode writes the result on stdout only', async () => {
    const r = await runCli(['cost', '--mau', '1000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$4.50');
    expect(r.stderr).toBe('');
  });

  it('a bad flag value names the flag, the value and the expectation, exit 2', async () => {
    const r = await runCli(['cost', '--mau', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mau');
    expect(r.stderr).toContain('"lots"');
    expect(r.stderr).toContain('expected a whole number');
    expect(r.stdout).toBe('');
  });

  it('global options are accepted after the command too', async () => {
    const r = await runCli(['cost', '--mau', '10', '--no-color', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().ok).toBe(true);
  });
});
