/**
 * Runs mrrctl (or any node script) as a child process and measures it from spawn to exit: wall
 * time as the operator's shell sees it, and optionally peak RSS through the rss-probe preload.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin/mrrctl.js');

/** Imports a module of the build (`npm run build` first), e.g. dist('sandbox/server.js'). */
export function dist(path) {
  return import(pathToFileURL(join(ROOT, 'dist', path)).href);
}
const PROBE = new URL('./rss-probe.mjs', import.meta.url).href;

/** `perf` if it can count this user's task-clock (it can unless perf_event_paranoid forbids it). */
export const PERF = (() => {
  const r = spawnSync('perf', ['stat', '-x,', '-e', 'task-clock', '--', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /task-clock/.test(r.stderr) ? 'perf' : undefined;
})();

/** A clean environment: no AWS profile or colour settings from the caller's shell leak in. */
export function baseEnv(extra = {}) {
  return { PATH: process.env.PATH, HOME: tmpdir(), NO_COLOR: '1', ...extra };
}

/**
 * @param {string[]} args node arguments (e.g. [BIN, '--version'] or ['-e', '0'])
 * @param {{cwd?: string, env?: object, rss?: boolean, cpu?: boolean, timeoutMs?: number}} opts
 * @returns {Promise<{ms: number, code: number, stdout: string, stderr: string, maxRssMb?: number, cpuMs?: number}>}
 */
export function runNode(args, opts = {}) {
  const rssDir = opts.rss ? mkdtempSync(join(tmpdir(), 'mrrctl-bench-rss-')) : undefined;
  const rssFile = rssDir && join(rssDir, 'rss');
  const nodeArgs = rssFile ? ['--import', PROBE, ...args] : args;
  const env = { ...baseEnv(), ...opts.env, ...(rssFile ? { MRRCTL_BENCH_RSS_FILE: rssFile } : {}) };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // `perf stat` counts the child's CPU time (task-clock, every thread) to the microsecond: a figure
    // that a busy machine inflates far less than wall time. Its own cost is outside the child.
    const [command, commandArgs] = opts.cpu && PERF ? [PERF, ['stat', '-x,', '-e', 'task-clock', '--', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
    const child = spawn(command, commandArgs, { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      let maxRssMb;
      if (rssFile) {
        try {
          maxRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
        } catch {
          maxRssMb = undefined;
        }
        rmSync(rssDir, { recursive: true, force: true });
      }
      let cpuMs;
      if (opts.cpu && PERF) {
        const m = /^([\d.]+),msec,task-clock.*\n?$/m.exec(stderr);
        cpuMs = m ? Number(m[1]) : undefined;
        stderr = stderr.replace(/^[\d.]+,msec,task-clock.*\n?$/m, '');
      }
      resolve({ ms, code: code ?? (signal ? 128 : 1), stdout, stderr, maxRssMb, cpuMs });
    });
  });
}

/** Runs `mrrctl ...argv` as a child process. */
export function runMrrctl(argv, opts = {}) {
  return runNode([BIN, ...argv], opts);
}
