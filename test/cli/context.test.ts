/**
 * The command context's lazy dependencies: built once per run, from the injected environment, and
 * the one seam where a test swaps read ports (no vi.mock). Also: `--help` loads neither the config
 * libraries (YAML, zod) nor the AWS SDK, bundled or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CognitoReader, ReplicaInfo } from '../../src/core/ports/cognito.js';
import { systemClock } from '../../src/core/clock.js';
import { createContext } from '../../src/cli/context.js';
import { main } from '../../src/main.js';
import { bufferIo } from '../../src/ui/io.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { isHeavy, loadedUrls, loadProbe, packagesOf } from '../helpers/loaded-packages.js';

const TOPOLOGY_FLAGS = ['--pool', 'us-east-1_AbCdEf123', '--primary', 'us-east-1', '--secondary', 'eu-west-1'];
// Nothing listens on port 9 (discard): a call that reached it would fail, not answer.
const UNREACHABLE_SANDBOX = ['--sandbox', 'http://127.0.0.1:9'];

/**
 * A stand-in that answers only the sandbox's health check (which every --sandbox run asks first) and
 * fails every AWS call with HTTP 500: an answer can then only come from an injected port.
 */
let healthOnly: Server;
let healthOnlyUrl = '';
beforeAll(async () => {
  healthOnly = createServer((req, res) => {
    res.statusCode = req.url === '/_sandbox/health' ? 200 : 500;
    res.end(req.url === '/_sandbox/health' ? '{"ok":true}' : 'not a sandbox');
  });
  await new Promise<void>((resolve) => healthOnly.listen(0, '127.0.0.1', resolve));
  healthOnlyUrl = `http://127.0.0.1:${(healthOnly.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => healthOnly.close(resolve));
});

/** A port implementing only what the test needs; any other method fails loudly. */
function onlyMethods<T extends object>(impl: Partial<T>): T {
  return new Proxy(impl, {
    get: (target, name) => (target as Record<string | symbol, unknown>)[name] ?? (() => Promise.reject(new Error(`${String(name)}: not expected in this test`))),
  }) as T;
}

const flags = () => ({ output: 'text' as const, yes: false, color: false, verbose: false, sandbox: healthOnlyUrl });

describe('command context', () => {
  it('builds the AWS access once per run, from the flags', async () => {
    const io = bufferIo();
    const ctx = createContext({ io, env: { HOME: '/nonexistent-home' }, cwd: tmpdir(), clock: systemClock, signal: new AbortController().signal }, flags());
    const [first, second] = await Promise.all([ctx.aws(), ctx.aws()]);
    expect(second).toBe(first);
    expect(first.target).toMatchObject({ sandbox: true, endpoint: healthOnlyUrl });
    await ctx.dispose();
  });

  it('main() takes read ports from the caller: replica list answers from the injected port', async () => {
    const io = bufferIo();
    const calls: string[] = [];
    // Mocked because the point is the seam: the answer can only come from this port, not the sandbox.
    const cognito = onlyMethods<CognitoReader>({
      listReplicas: async (region: string, pool: string): Promise<ReplicaInfo[]> => {
        calls.push(`${region} ${pool}`);
        return [{ RegionName: 'us-east-1', Role: 'PRIMARY', Status: 'ACTIVE', UserPoolArn: 'arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_AbCdEf123' }];
      },
    });
    const code = await main(['--sandbox', healthOnlyUrl, ...TOPOLOGY_FLAGS, 'replica', 'list', '--output', 'json'], {
      io,
      env: { HOME: '/nonexistent-home' },
      cwd: mkdtempSync(join(tmpdir(), 'mrrctl-ctx-')),
      signal: new AbortController().signal,
      ports: { cognito },
    });
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(calls).toEqual(['us-east-1 us-east-1_AbCdEf123']);
    expect(JSON.parse(io.out()).data.replicas).toEqual([
      { region: 'us-east-1', role: 'PRIMARY', status: 'ACTIVE', userPoolArn: 'arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_AbCdEf123' },
    ]);
  });
});

describe('start-up stays light (bin/mrrctl.js over dist/bundle)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-startup-'));
  // Every module of the package or of node_modules the process loads (test/helpers/loaded-packages.ts).
  // The SDK, zod and yaml are bundled (scripts/build.mjs): their code is in dist/bundle's chunks, and
  // packagesOf() names the packages each loaded chunk carries (from the build's metafile).
  const loaded = async (argv: string[]) => loadedUrls((await runCliProcess(argv, { nodeArgs: loadProbe(), env: { HOME: dir }, cwd: dir, timeoutMs: 30_000 })).stderr);

  it.each(['--help', 'drift --help', 'failover --help', 'apply --help'])('mrrctl %s loads no YAML, zod or SDK code', async (line) => {
    const files = await loaded(line.split(' '));
    // The probe sees the help path's one file (so the check below looks at what --help runs).
    expect(files.some((f) => /[\\/]dist[\\/]bundle[\\/]help\.cjs$/.test(f))).toBe(true);
    expect(packagesOf(files).filter(isHeavy)).toEqual([]);
  });

  it('the check sees them when a command does need them (it can fail), and they come from the bundle, not node_modules', async () => {
    // Asynchronous: the process talks to healthOnly, which this test process serves. Its AWS calls fail
    // (HTTP 500), after the SDK's client and the credential chain have loaded.
    const urls = await loaded(['--sandbox', healthOnlyUrl, ...TOPOLOGY_FLAGS, 'replica', 'list']);
    expect(packagesOf(urls).filter(isHeavy)).toEqual(expect.arrayContaining(['@aws-sdk/client-cognito-identity-provider', '@smithy/core', 'yaml', 'zod']));
    expect(urls.filter((u) => u.includes('node_modules'))).toEqual([]);
  }, 30_000);
});
