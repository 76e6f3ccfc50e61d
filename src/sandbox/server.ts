/**
 * The sandbox HTTP server: one port for every emulated service, the `/_sandbox/` admin API and the
 * `/_https/` URL mapping. `startSandbox` is what `mrrctl sandbox start`, `rehearse` and the tests
 * call; it returns a handle to the live world.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, serveAdmin } from './admin/admin-api.js';
import { refuseAdmin, refuseHost, type GuardOptions, type Refusal } from './admin/request-guard.js';
import { ARC_PATH_PREFIX, parseArcEndpointPath } from './arc/endpoints.js';
import { serveAwsCall } from './aws-call.js';
import { serveOidc } from './oidc-route.js';
import type { SettingsPatch } from './settings.js';
import { readStateFile, writeStateFile } from './state-file.js';
import type { CallRecord, Clock } from './types.js';
import { HTTPS_PATH_PREFIX } from './url-map.js';
import { BodyTooLargeError, readBody, sendJson } from './wire/http-io.js';
import type { World } from './world.js';

export interface SandboxOptions {
  /** 0 = an ephemeral port; default 4566. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Load the world from this file (if it exists) and save it after every change. */
  stateFile?: string;
  /** Applied on top of the defaults and of the state file's settings. */
  settings?: SettingsPatch;
  /** The default world's clock (ignored with `world`, which has its own). */
  clock?: Clock;
  /** A world to serve instead of the default one with every service model. */
  world?: World;
  /**
   * Required for /_sandbox/* when set (Authorization: Bearer <token>). `mrrctl sandbox start` sets one
   * whenever it listens beyond loopback (admin/request-guard.ts).
   */
  adminToken?: string;
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:4566 (no trailing slash). */
  url: string;
  port: number;
  world: World;
  calls(): CallRecord[];
  /** Saves the state file (when there is one) and closes every connection. */
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 4566;
export const DEFAULT_HOST = '127.0.0.1';

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const world = options.world ?? (await import('./default-world.js')).createWorld({ clock: options.clock });
  const stateFile = options.stateFile;
  if (stateFile) {
    const saved = readStateFile(stateFile);
    if (saved !== undefined) world.restore(saved);
  }
  // Explicit options win over the state file's settings.
  if (options.settings) world.updateSettings(options.settings);
  const unsubscribe = stateFile ? world.onChange(() => writeStateFile(stateFile, world.snapshot())) : () => {};
  if (stateFile) writeStateFile(stateFile, world.snapshot());

  const guard: GuardOptions = { listenHost: options.host ?? DEFAULT_HOST, adminToken: options.adminToken };
  const server = createServer((req, res) => {
    route(world, req, res, guard).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      sendJson(res, err instanceof BodyTooLargeError ? 413 : 500, { message: (err as Error)?.message ?? String(err) });
    });
  });
  // AWS SDK agents keep connections alive; a short idle timeout keeps stop() prompt.
  server.keepAliveTimeout = 5_000;

  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    world,
    calls: () => world.callLog.list(),
    stop: () => {
      stopped ??= new Promise<void>((resolve, reject) => {
        unsubscribe();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).then(() => {
        if (stateFile) writeStateFile(stateFile, world.snapshot());
      });
      return stopped;
    },
  };
}

async function route(world: World, req: IncomingMessage, res: ServerResponse, guard: GuardOptions): Promise<void> {
  // Concatenate rather than resolve, so a path starting with "//" stays a path.
  const url = new URL(`http://sandbox.invalid${req.url?.startsWith('/') ? req.url : '/'}`);
  // Refused before the body is read or anything is routed: a rebound host name, a web page.
  const badHost = refuseHost(req, guard);
  if (badHost) return refuse(req, res, badHost);
  if (url.pathname.startsWith(ADMIN_PREFIX)) {
    const refusal = refuseAdmin(req, url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, ''), guard);
    if (refusal) return refuse(req, res, refusal);
  }
  const body = await readBody(req);
  if (url.pathname.startsWith(ADMIN_PREFIX)) return serveAdmin(world, req, res, url, body);
  if (url.pathname.startsWith(HTTPS_PATH_PREFIX)) return serveOidc(world, req, res, url, body);
  if (url.pathname.startsWith(ARC_PATH_PREFIX)) {
    const endpoint = parseArcEndpointPath(url.pathname);
    if (!endpoint) return sendJson(res, 404, { message: `not an ARC cluster endpoint path: expected ${ARC_PATH_PREFIX}<cluster id>/<Region>/v1` });
    return serveAwsCall(world, req, res, url, body, endpoint);
  }
  return serveAwsCall(world, req, res, url, body);
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  // The body is not read: drain it so the connection can close cleanly.
  req.resume();
  res.setHeader('connection', 'close');
  sendJson(res, refusal.status, { message: refusal.message });
}
