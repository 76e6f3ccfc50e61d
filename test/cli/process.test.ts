/** A few runs of the real executable as a child process (bin/mrrctl.js over the built dist/). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readdirSync, existsSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCliProcess } from '../helpers/run-cli.js';
import { bundleContents, loadedUrls, loadProbe, packagesOf } from '../helpers/loaded-packages.js';
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
   * What a process loads for `args` (test/helpers/loaded-packages.ts, loadProbe): the files of the
   * package (bin, dist), in load order, and the npm packages (by name) whose code it loads: from
   * node_modules (ink, react) or bundled into the dist/bundle files it loads.
   */
  async function loadedModules(args: string[]): Promise<{ files: string[]; packages: string[] }> {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-bundle-'));
    const r = await runCliProcess(args, { nodeArgs: loadProbe(), env: { HOME: dir }, cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    const urls = loadedUrls(r.stderr);
    const files = [...new Set(urls.filter((u) => !u.includes('node_modules')).map((u) => u.replace(/^.*?[\\/](?=(bin|dist)[\\/])/, '')))];
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

  it('answers --help from the help path alone: bin/mrrctl.js and dist/bundle/help.cjs, with commander and nothing else', async () => {
    const { files, packages } = await loadedModules(['--help']);
    expect(packages).toEqual(['commander']);
    // Not one ES module: no loader set-up, no chunk of the full build (src/cli/help-path.ts).
    expect(files.sort()).toEqual(['bin/mrrctl.js', 'dist/bundle/help.cjs']);
  });

  it('runs a command from the bundled build: bin/mrrctl.js, then dist/bundle/main.js and its chunks, none of the per-module build', async () => {
    const { files, packages } = await loadedModules(['cost', '--mau', '1000']);
    expect(files[0]).toBe('bin/mrrctl.js');
    expect(files).toContain('dist/bundle/main.js');
    expect(files).not.toContain('dist/bundle/help.cjs');
    expect(files.filter((f) => !f.startsWith('dist/bundle/') && f !== 'bin/mrrctl.js')).toEqual([]);
    // commander from main.js's chunks (help.cjs's copy stays unloaded), and cost's config readers.
    expect(packages).toEqual(['commander', 'yaml', 'zod']);
  });

  // Every command's --help (and a subcommand's) is answered by the help path: dist/bundle/help.cjs holds
  // every command's wiring with commander; the bodies — use-cases, the AWS SDK, zod, ink/react, yaml —
  // are not in it (scripts/build-help.mjs). Before the bundle, a command's --help loaded up to 36
  // files (status, keys, issuer), and `completion --help` 74 and zod.
  const EVERY_COMMAND = ['status', 'preflight', 'keys', 'issuer', 'replica', 'drift', 'health', 'failover', 'canary', 'apply', 'iam-policy', 'rehearse', 'sandbox', 'cost', 'completion'];

  it('the list below names every command of the manifest', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([...EVERY_COMMAND].sort());
  });

  it.each([...EVERY_COMMAND, 'keys setup', 'issuer switch', 'replica create', 'drift fix', 'sandbox seed'])(
    '%s --help loads the help path only: no command body, no library but commander',
    async (command) => {
      const { files, packages } = await loadedModules([...command.split(' '), '--help']);
      expect(files.sort()).toEqual(['bin/mrrctl.js', 'dist/bundle/help.cjs']);
      expect(packages).toEqual(['commander']);
    },
  );

  it('--help does not load node:child_process (commander requires it for executable subcommands; scripts/build.mjs defers it)', () => {
    const probe = "process.on('exit', () => process.stderr.write('CHILD_PROCESS=' + process.moduleLoadList.includes('NativeModule child_process')))";
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, BIN, '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('CHILD_PROCESS=false');
  });

  it('--help never builds process.stdin (src/ui/io.ts asks for it only when used); a command that asks whether it may prompt does', async () => {
    // A preload that reports the first access to process.stdin, which builds the stream.
    const probe = "const d = Object.getOwnPropertyDescriptor(process, 'stdin'); Object.defineProperty(process, 'stdin', { configurable: true, get() { require('node:fs').writeSync(2, 'STDIN-BUILT\\n'); return d.get.call(this); } });";
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-stdin-'));
    writeFileSync(join(dir, 'probe.cjs'), probe);
    const run = (argv: string[]) => runCliProcess(argv, { nodeArgs: ['--require', join(dir, 'probe.cjs')], env: { HOME: dir }, cwd: dir });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).not.toContain('STDIN-BUILT');
    // The probe can see it: `cost` renders text, so it asks whether stdin is a terminal.
    const cost = await run(['cost', '--mau', '1000']);
    expect(cost.code).toBe(0);
    expect(cost.stderr).toContain('STDIN-BUILT');
  });

  it('completion <shell> builds its script from the wiring of every command, not their bodies', async () => {
    const { files, packages } = await loadedModules(['completion', 'bash']);
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
