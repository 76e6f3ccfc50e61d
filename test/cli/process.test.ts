/** A few runs of the real executable as a child process (bin/mrrctl.js over the built dist/). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readdirSync, existsSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, runCliProcess } from '../helpers/run-cli.js';

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

  // The start-up work of issue 18 (scripts/build.mjs, docs/performance.md).
  /** The files of the package (bin, dist) a process loads for `args`, in load order, via a module-load hook. */
  function loadedFiles(args: string[]): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-bundle-'));
    const hook = join(dir, 'hook.mjs');
    const register = join(dir, 'register.mjs');
    // writeSync: the hooks run on their own thread, whose process.stderr is flushed asynchronously and
    // can lose lines when the process exits (seen on Node 24); a direct write to fd 2 cannot.
    writeFileSync(hook, "import { writeSync } from 'node:fs';\nexport async function load(u, c, next) { if (/[\\/](dist|bin|src)[\\/]/.test(u) && !u.includes('node_modules')) writeSync(2, `LOADED ${u}\\n`); return next(u, c); }\n");
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
    const r = spawnSync(process.execPath, ['--import', register, BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir }, cwd: dir, timeout: 30_000 });
    expect(r.status).toBe(0);
    return r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.replace(/^LOADED .*?[\\/](?=(bin|dist)[\\/])/, ''));
  }

  it('runs the bundled build: --help loads a handful of files from dist/bundle and none of the per-module build', () => {
    const loaded = loadedFiles(['--help']);
    expect(loaded[0]).toBe('bin/mrrctl.js');
    expect(loaded).toContain('dist/bundle/main.js');
    expect(loaded.filter((f) => !f.startsWith('dist/bundle/') && f !== 'bin/mrrctl.js')).toEqual([]);
    // main, the program with the manifest, commander with the global options, io, output, errors, and
    // one shared helper: the number grows only if a command's code leaks into the start-up path.
    expect(loaded.length).toBeLessThanOrEqual(9);
  });

  it.each(['failover', 'canary', 'replica', 'apply'])('%s --help loads the command\'s wiring, not its body (the mutation flow loads when it runs)', (command) => {
    const loaded = loadedFiles([command, '--help']);
    expect(loaded.filter((f) => !f.startsWith('dist/bundle/') && f !== 'bin/mrrctl.js')).toEqual([]);
    // The start-up path above plus the command's own chunk and a shared one or two; the body (guards,
    // waits, the mutation flow) was 30 to 39 files before it loaded lazily.
    expect(loaded.length).toBeLessThanOrEqual(13);
  });

  const compileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  it.skipIf(!compileCache)('turns on Node’s compile cache where the runtime has one (Node ≥ 22.1)', async () => {
    // TMPDIR moves the default cache directory (os.tmpdir()/node-compile-cache) somewhere we can look;
    // unlike NODE_COMPILE_CACHE it does not turn the cache on by itself, so only bin/mrrctl.js can.
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-cache-'));
    const r = await runCliProcess(['--help'], { env: { TMPDIR: dir, HOME: dir } });
    expect(r.code).toBe(0);
    const cache = join(dir, 'node-compile-cache');
    expect(existsSync(cache)).toBe(true);
    expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(0);
  });
});
