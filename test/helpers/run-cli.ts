/**
 * Runs the real CLI: in-process through main() with captured streams, or as a child process of
 * bin/mrrctl.js (which needs `npm run build`; `npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Clock } from '../../src/core/clock.js';
import { main } from '../../src/main.js';
import { bufferIo } from '../../src/ui/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  tty?: boolean;
  stdin?: string;
  /** In-process runs only: the clock main() uses (a test's virtual clock); real time without it. */
  clock?: Clock;
}

const BASE_ENV = { HOME: '/nonexistent-home', NO_COLOR: undefined } as Record<string, string | undefined>;

function parseJson(stdout: string) {
  return () => JSON.parse(stdout);
}

export async function runCli(argv: string[], opts: RunOptions = {}): Promise<CliRun> {
  const io = bufferIo({ tty: opts.tty, stdin: opts.stdin !== undefined ? Readable.from([opts.stdin]) : undefined });
  const controller = new AbortController();
  const code = await main(argv, {
    io,
    env: { ...BASE_ENV, ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
    signal: controller.signal,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return { code, stdout: io.out(), stderr: io.err(), json: parseJson(io.out()) };
}

export const BIN = join(import.meta.dirname, '../../bin/mrrctl.js');

/** `nodeArgs` go to Node before bin/mrrctl.js (a preload: `--import`, `--require`). */
export function runCliProcess(argv: string[], opts: RunOptions & { timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...argv], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH, ...opts.env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, json: parseJson(stdout) });
    });
    if (opts.stdin !== undefined) child.stdin.write(opts.stdin);
    child.stdin.end();
  });
}
