/** A few runs of the real executable as a child process (bin/mrrctl.js over the built dist/). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readdirSync, existsSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, runCliProcess } from '../helpers/run-cli.js';
import { bundleContents, packagesOf } from '../helpers/loaded-packages.js';
import { COMMANDS } from '../../src/cli/commands/index.js';

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
  /**
   * What a process loads for `args`, via a module-load hook: the files of the package (bin, dist), in
   * load order, and the npm packages (by name) whose code it loads: from node_modules (ink, react) or
   * bundled into the dist/bundle chunks it loads (test/helpers/loaded-packages.ts).
   */
  function loadedModules(args: string[]): { files: string[]; packages: string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-bundle-'));
    const hook = join(dir, 'hook.mjs');
    const register = join(dir, 'register.mjs');
    // writeSync: the hooks run on their own thread, whose process.stderr is flushed asynchronously and
    // can lose lines when the process exits (seen on Node 24); a direct write to fd 2 cannot.
    writeFileSync(hook, "import { writeSync } from 'node:fs';\nexport async function load(u, c, next) { if (/[\\/](dist|bin|src|node_modules)[\\/]/.test(u)) writeSync(2, `LOADED ${u}\\n`); return next(u, c); }\n");
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
    const r = spawnSync(process.execPath, ['--import', register, BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir }, cwd: dir, timeout: 30_000 });
    expect(r.status).toBe(0);
    const urls = r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
    const files = urls.filter((u) => !u.includes('node_modules')).map((u) => u.replace(/^.*?[\\/](?=(bin|dist)[\\/])/, ''));
    return { files, packages: packagesOf(urls) };
  }

  it('the SDK, zod and yaml are in the bundle, each in chunks of its own that start-up does not load (the checks above can fail)', () => {
    const contents = bundleContents();
    const holders = (name: string) => Object.entries(contents).filter(([, names]) => names.includes(name)).map(([file]) => file);
    for (const name of ['@aws-sdk/client-cognito-identity-provider', '@aws-sdk/credential-provider-ini', '@aws-sdk/credential-provider-sso', '@smithy/core', 'zod', 'yaml']) {
      expect(holders(name).length, name).toBeGreaterThan(0);
      expect(holders(name), name).not.toContain('dist/bundle/main.js');
    }
    // ink and react stay in node_modules (their files are not in the bundle).
    expect(holders('ink')).toEqual([]);
    expect(holders('react')).toEqual([]);
  });

  it('runs the bundled build: --help loads a handful of files from dist/bundle and none of the per-module build', () => {
    const { files: loaded, packages } = loadedModules(['--help']);
    // Of the libraries, only commander's code (bundled into a start-up chunk).
    expect(packages).toEqual(['commander']);
    expect(loaded[0]).toBe('bin/mrrctl.js');
    expect(loaded).toContain('dist/bundle/main.js');
    expect(loaded.filter((f) => !f.startsWith('dist/bundle/') && f !== 'bin/mrrctl.js')).toEqual([]);
    // main, the program with the manifest, commander with the global options, io, output, errors, and
    // one shared helper: the number grows only if a command's code leaks into the start-up path.
    expect(loaded.length).toBeLessThanOrEqual(9);
  });

  // Every command's --help (and a subcommand's) loads the command's wiring only: commander, its own
  // chunk and a small shared one or two. The bodies — use-cases, the AWS SDK, zod, ink/react, yaml —
  // load in the action (src/cli/commands/<name>/run.ts, src/cli/lazy-flow.ts). Before that, a
  // command's --help loaded up to 36 files (status, keys, issuer), and `completion --help` 74 and zod.
  const EVERY_COMMAND = ['status', 'preflight', 'keys', 'issuer', 'replica', 'drift', 'health', 'failover', 'canary', 'apply', 'iam-policy', 'rehearse', 'sandbox', 'cost', 'completion'];

  it('the list below names every command of the manifest', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([...EVERY_COMMAND].sort());
  });

  it.each([...EVERY_COMMAND, 'keys setup', 'issuer switch', 'replica create', 'drift fix', 'sandbox seed'])(
    '%s --help loads the command\'s wiring, not its body',
    (command) => {
      const { files, packages } = loadedModules([...command.split(' '), '--help']);
      expect(files.filter((f) => !f.startsWith('dist/bundle/') && f !== 'bin/mrrctl.js')).toEqual([]);
      // The start-up path (9 files: see above) plus the command's own chunk and at most three small shared ones.
      expect(files.length).toBeLessThanOrEqual(13);
      // No library but commander, bundled or from node_modules: the SDK, zod, yaml, jose (bundled), ink
      // and react (node_modules) load with a body.
      expect(packages).toEqual(['commander']);
    },
  );

  it('--help does not load node:child_process (commander requires it for executable subcommands; scripts/build.mjs defers it)', () => {
    const probe = "process.on('exit', () => process.stderr.write('CHILD_PROCESS=' + process.moduleLoadList.includes('NativeModule child_process')))";
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, BIN, '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('CHILD_PROCESS=false');
  });

  it('completion <shell> builds its script from the wiring of every command, not their bodies', () => {
    const { files, packages } = loadedModules(['completion', 'bash']);
    // The config (yaml, zod) is read for its Regions; no command body, so neither the SDK nor ink/react.
    expect(packages).toEqual(['commander', 'yaml', 'zod']);
    // Every command's wiring chunk, completion's body and the config loader: 38 files; 100 and more when
    // completion loaded every command's body.
    expect(files.length).toBeLessThanOrEqual(45);
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
