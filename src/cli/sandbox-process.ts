/**
 * Running the sandbox as a process: in the foreground until Ctrl-C, or detached (a child process
 * that keeps serving after the command returns). A pid file per port lets `sandbox stop` find it.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError } from '../core/errors.js';
import type { CommandResult } from '../ui/output.js';
import type { CommandContext } from './context.js';
import { SandboxAdmin } from './sandbox-admin.js';

export interface StartFlags {
  port: string;
  host: string;
  state?: string;
  replicaDelay?: string;
  dnsDelay?: string;
  syncDelay?: string;
  latency?: string;
  detach?: boolean;
  adminToken?: string;
}

/** Why a listen failed, as an operator mistake (exit 2) naming the port and what to do. */
function listenRefusal(error: NodeJS.ErrnoException, host: string, port: number): UsageError | undefined {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new UsageError('MRR_SANDBOX_E005', `port ${port} is already in use (${where}): stop what listens there (\`mrrctl sandbox stop --port ${port}\` for a detached sandbox) or choose another --port`);
    case 'EACCES':
    case 'EPERM':
      return new UsageError('MRR_SANDBOX_E005', `cannot listen on ${where}: permission denied (ports below 1024 need privileges); choose another --port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new UsageError('MRR_SANDBOX_E005', `cannot listen on ${where}: --host ${host} is not an address of this machine`);
    default:
      return undefined;
  }
}

/** Tries the port before a detached child is spawned: a busy port must fail here, not in the child. */
async function probePort(host: string, port: number): Promise<void> {
  const { createServer } = await import('node:net');
  await new Promise<void>((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(port, host, () => probe.close(() => done()));
  }).catch((error: NodeJS.ErrnoException) => {
    throw listenRefusal(error, host, port) ?? error;
  });
}

/**
 * Beyond loopback the sandbox can be reached by others: warn, and guard the admin API with a token —
 * --admin-token, else one generated here and printed once.
 */
async function adminTokenFor(ctx: CommandContext, flags: StartFlags): Promise<string | undefined> {
  const { isLoopbackHost } = await import('../sandbox/admin/request-guard.js');
  if (isLoopbackHost(flags.host) && flags.adminToken === undefined) return undefined;
  if (!isLoopbackHost(flags.host) && ctx.flags.output === 'text') {
    ctx.log(
      `warning: --host ${flags.host} is not a loopback address: anyone who can reach it can call the emulated AWS APIs; ` +
        'its admin API (/_sandbox/*) needs the admin token [MRR_SANDBOX_W001]',
    );
  }
  if (flags.adminToken !== undefined) {
    if (!/^[\x21-\x7e]{16,256}$/.test(flags.adminToken)) {
      throw new InputError('MRR_INPUT_E020', 'flags', '--admin-token', '<redacted>', '16 to 256 printable characters without spaces');
    }
    return flags.adminToken;
  }
  const { randomBytes } = await import('node:crypto');
  return randomBytes(24).toString('base64url');
}

/** Delays a rehearsal can use; beyond an hour a timer is a typo (and past 24.8 days it fires at once). */
const MAX_DELAY_SECONDS = 3600;
const MAX_LATENCY_MS = 60_000;

function seconds(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) > MAX_DELAY_SECONDS) {
    throw new InputError('MRR_INPUT_E022', 'flags', flag, raw, `a number of seconds, 0 or more, at most ${MAX_DELAY_SECONDS}`);
  }
  return Math.round(Number(raw) * 1000);
}

function parsePort(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new InputError('MRR_INPUT_E023', 'flags', '--port', raw, 'a port number from 0 to 65535');
  return Number(raw);
}

export function pidFile(ctx: CommandContext, port: number): string {
  return join(ctx.env.HOME ?? homedir(), '.mrrctl', `sandbox-${port}.pid`);
}

function settingsFrom(flags: StartFlags) {
  const settings: Record<string, number> = {};
  const replica = seconds('--replica-delay', flags.replicaDelay);
  const dns = seconds('--dns-delay', flags.dnsDelay);
  const sync = seconds('--sync-delay', flags.syncDelay);
  if (replica !== undefined) settings.replicaDelayMs = replica;
  if (dns !== undefined) settings.dnsDelayMs = dns;
  if (sync !== undefined) settings.syncDelayMs = sync;
  if (flags.latency !== undefined) {
    if (!/^\d+$/.test(flags.latency) || Number(flags.latency) > MAX_LATENCY_MS) {
      throw new InputError('MRR_INPUT_E022', 'flags', '--latency', flags.latency, `a whole number of milliseconds, at most ${MAX_LATENCY_MS}`);
    }
    settings.latencyMs = Number(flags.latency);
  }
  return settings;
}

function envLines(url: string, adminToken?: string): string[] {
  return [
    `Sandbox listening on ${url}`,
    'Use it with:',
    `  mrrctl --sandbox ${url} <command>`,
    `  export MRRCTL_SANDBOX_URL=${url}`,
    ...(adminToken ? [`  export MRRCTL_SANDBOX_ADMIN_TOKEN=${adminToken}   # the admin token (shown once)`] : []),
    `  export AWS_ENDPOINT_URL=${url} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test   # for the AWS CLI or SDK scripts`,
  ];
}

export async function runSandboxStart(ctx: CommandContext, flags: StartFlags): Promise<CommandResult> {
  const port = parsePort(flags.port);
  const settings = settingsFrom(flags);
  const adminToken = await adminTokenFor(ctx, flags);
  if (flags.detach) return startDetached(ctx, flags, port, adminToken);
  const { startSandbox } = await import('../sandbox/server.js');
  const handle = await startSandbox({ port, host: flags.host, stateFile: flags.state ? resolve(ctx.cwd, flags.state) : undefined, settings, adminToken }).catch(
    (error: NodeJS.ErrnoException) => {
      throw listenRefusal(error, flags.host, port) ?? error;
    },
  );
  const file = pidFile(ctx, handle.port);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${process.pid}\n`);
  // The endpoint is the result; it is printed at once because the command then runs until stopped.
  if (ctx.flags.output === 'json') ctx.io.stdout.write(`${JSON.stringify({ url: handle.url, port: handle.port, ...(adminToken && { adminToken }) })}\n`);
  else ctx.io.stdout.write(`${envLines(handle.url, adminToken).join('\n')}\n`);
  ctx.log('Press Ctrl-C to stop.');
  await new Promise<void>((done) => {
    const stop = () => done();
    ctx.signal.addEventListener('abort', stop, { once: true });
    process.once('SIGTERM', stop);
  });
  await handle.stop();
  await rm(file, { force: true });
  ctx.log('Sandbox stopped.');
  return { command: 'sandbox start', ok: true, data: { url: handle.url, stopped: true }, diagnostics: [], text: [] };
}

async function startDetached(ctx: CommandContext, flags: StartFlags, port: number, adminToken: string | undefined): Promise<CommandResult> {
  if (port === 0) throw new InputError('MRR_INPUT_E023', 'flags', '--port', '0', 'a fixed port with --detach (so other commands can find it)');
  await probePort(flags.host, port);
  const bin = fileURLToPath(new URL('../../bin/mrrctl.js', import.meta.url));
  const args = [bin, 'sandbox', 'start', '--port', String(port), '--host', flags.host];
  for (const [flag, value] of [['--state', flags.state && resolve(ctx.cwd, flags.state)], ['--replica-delay', flags.replicaDelay], ['--dns-delay', flags.dnsDelay], ['--sync-delay', flags.syncDelay], ['--latency', flags.latency]] as const) {
    if (value !== undefined) args.push(flag, value);
  }
  // The token goes to the child through its environment, not its command line (visible in ps).
  if (adminToken) args.push('--admin-token-from-env');
  const childEnv = { ...ctx.env, ...(adminToken && { MRRCTL_SANDBOX_ADMIN_TOKEN: adminToken }) };
  const child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env: childEnv as NodeJS.ProcessEnv });
  child.unref();
  const url = `http://${flags.host}:${port}`;
  const admin = new SandboxAdmin(url);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await admin.health();
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await ctx.clock.sleep(100);
    }
  }
  return { command: 'sandbox start', ok: true, data: { url, port, pid: child.pid, detached: true, ...(adminToken && { adminToken }) }, diagnostics: [], text: envLines(url, adminToken) };
}

export async function stopSandbox(ctx: CommandContext, rawPort: string): Promise<CommandResult> {
  const port = parsePort(rawPort);
  const file = pidFile(ctx, port);
  let pid: number;
  try {
    pid = Number((await readFile(file, 'utf8')).trim());
  } catch {
    throw new UsageError('MRR_SANDBOX_E004', `no sandbox started with --detach on port ${port} (no ${file})`);
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone: the pid file was stale.
  }
  await rm(file, { force: true });
  return { command: 'sandbox stop', ok: true, data: { port, pid }, diagnostics: [], text: [`Stopped the sandbox on port ${port} (pid ${pid}).`] };
}
