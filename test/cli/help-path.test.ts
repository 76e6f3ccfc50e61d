/**
 * The help path (src/cli/help-path.ts): bin/mrrctl.js answers an argv with --help, -h or help (or an
 * empty one) from dist/bundle/help.cjs. It must print exactly what the full build prints, and give
 * back to the full build every argv that runs a command. Real processes over the built files
 * (`npm run build`): the full build's main() is run directly from dist/bundle/main.js to compare.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCliProcess } from '../helpers/run-cli.js';
import { bundleContents, loadedUrls, loadProbe, withoutLoadLines } from '../helpers/loaded-packages.js';
import { COMMANDS } from '../../src/cli/commands/index.js';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mrrctl-help-path-'));
const env = { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** bin/mrrctl.js, as users run it; `fullBuild` says whether it loaded dist/bundle/main.js (loadProbe). */
async function viaBin(argv: string[]): Promise<Run & { fullBuild: boolean }> {
  const r = await runCliProcess(argv, { nodeArgs: loadProbe(), env, cwd: dir, timeoutMs: 30_000 });
  const fullBuild = loadedUrls(r.stderr).some((u) => /[\\/]dist[\\/]bundle[\\/]main\.js$/.test(u));
  return { code: r.code, stdout: r.stdout, stderr: withoutLoadLines(r.stderr), fullBuild };
}

/** main() of the full build, called directly: what the help path must reproduce. */
function viaFullBuild(argv: string[]): Run {
  const main = pathToFileURL(join(ROOT, 'dist/bundle/main.js')).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...argv], { encoding: 'utf8', env, cwd: dir, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the help path prints what the full build prints, without loading it', () => {
  const asks = [
    [],
    ['--help'],
    ['-h'],
    ['help'],
    ['help', 'drift'],
    ...COMMANDS.map((c) => [c.name, '--help']),
    ['keys', 'setup', '--help'],
    ['drift', 'fix', '-h'],
    ['--output', 'json', '--help'],
    ['--pool', 'us-east-1_Ab12Cd34', 'failover', '--help'],
    // Usage errors are commander's, in both builds.
    ['nosuch', '--help'],
    ['drift', '--format', 'pdf', '--help'],
  ];

  it.each(asks.map((argv) => [argv.join(' ') || '(no arguments)', argv]))('mrrctl %s', async (_name, argv) => {
    const bin = await viaBin(argv as string[]);
    expect(bin.fullBuild).toBe(false);
    const full = viaFullBuild(argv as string[]);
    expect({ code: bin.code, stdout: bin.stdout, stderr: bin.stderr }).toEqual(full);
    // Something was printed (so the comparison above compares something).
    expect(bin.stdout.length + bin.stderr.length).toBeGreaterThan(0);
  });
});

describe('an argv that only looks like a request for help runs its command from the full build', () => {
  it.each([
    ['cost', '--mau', 'help'],
    ['completion', 'help'],
    ['cost', '--mau', '1000', '--tier', 'plus', '--m2m-tokens', '-h'],
  ].map((argv) => [argv.join(' '), argv]))('mrrctl %s', async (_name, argv) => {
    const bin = await viaBin(argv);
    expect(bin.fullBuild).toBe(true);
    // Once, exactly as the full build prints it: the help path wrote nothing before handing over.
    expect({ code: bin.code, stdout: bin.stdout, stderr: bin.stderr }).toEqual(viaFullBuild(argv));
    expect(bin.stderr).toMatch(/error: .*\[MRR_INPUT_E0\d\d\]\n$/);
  });
});

describe('help.cjs holds the wiring, not the bodies', () => {
  it('carries commander and no other package (scripts/build-help.mjs fails the build otherwise)', () => {
    expect(bundleContents()['dist/bundle/help.cjs']).toEqual(['commander']);
  });

  it('every import() a command body would make throws NotAHelpRequest there, so no body can run from it', () => {
    const source = readFileSync(join(ROOT, 'dist/bundle/help.cjs'), 'utf8');
    // The manifest's own loads (the wiring) are bundled in; every other import() is refused.
    expect(source).not.toMatch(/\bimport\(["']\.\.?\//);
    expect(source.match(/throw new NotAHelpRequest\b/g)?.length ?? 0).toBeGreaterThan(10);
  });
});
