/** A few runs of the real executable as a child process (bin/mrrctl.js over the built dist/). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../helpers/run-cli.js';

describe('bin/mrrctl.js as a process', () => {
  it('prints the version and exits 0', async () => {
    const r = await runCliProcess(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown flag with a usage hint on stderr', async () => {
    const r = await runCliProcess(['--nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option '--nope'[\s\S]*--help/);
  });

  it('answers a JSON request with one JSON document and the right exit code', async () => {
    const r = await runCliProcess(['cost', '--mau', 'many', '--output', 'json']);
    expect(r.code).toBe(2);
    const doc = r.json();
    expect(doc.ok).toBe(false);
    expect(doc.data.error.field).toBe('--mau');
  });

  it('prints no colour codes when stdout is not a TTY', async () => {
    const r = await runCliProcess(['cost', '--mau', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('emits a bash completion script that bash accepts', async () => {
    const r = await runCliProcess(['completion', 'bash']);
    expect(r.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-completion-'));
    const file = join(dir, 'mrrctl.bash');
    writeFileSync(file, r.stdout);
    const check = spawnSync('bash', ['-n', file]);
    expect(check.status).toBe(0);
    expect(r.stdout).toContain('complete -F _mrrctl mrrctl');
    expect(r.stdout).toContain('cost');
  });
});
