/**
 * Runs a snippet in a child Node over a built module of dist/ (`npm run build`): for what a test
 * process cannot do itself — read an environment variable Node reads only at start-up
 * (NODE_EXTRA_CA_CERTS), look up a name that does not resolve (test/setup/deny-network.ts refuses
 * any host but loopback in the test process), or show that nothing keeps the process alive.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** dist/<path>.js, e.g. builtModule('aws/http-request'). */
export function builtModule(path: string): string {
  return join(import.meta.dirname, '../../dist', `${path}.js`);
}

export function isBuilt(path: string): boolean {
  return existsSync(builtModule(path));
}

export interface ChildRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * `body` runs with the module's exports as `m` and prints what it wants on stdout; the child must
 * exit by itself (a guard kills it after 20 s, which a test sees as signal SIGKILL).
 */
export function runWithBuiltModule(path: string, body: string, env: Record<string, string> = {}): Promise<ChildRun> {
  const script = `import(${JSON.stringify(pathToFileURL(builtModule(path)).href)}).then(async (m) => { ${body} });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
