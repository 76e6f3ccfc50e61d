/**
 * The sandbox is local, and only a local program may drive it. A web page in the operator's browser
 * can send requests to 127.0.0.1 (a "simple" cross-origin POST needs no preflight), and DNS rebinding
 * can make a page's own host name resolve to it. So:
 *
 * - every request must name a loopback host in `Host:` (localhost, *.localhost, 127.0.0.0/8, ::1) or
 *   the host the sandbox was started on (`--host`); a rebound name is answered 403;
 * - the admin API (/_sandbox/*) refuses an `Origin` of another site, and a state-changing request
 *   (anything but GET/HEAD) that is not `Content-Type: application/json` — which a page cannot send
 *   cross-origin without a CORS preflight, which the sandbox never grants;
 * - with an admin token (required when listening beyond loopback), /_sandbox/* also needs
 *   `Authorization: Bearer <token>` (or `x-mrrctl-admin-token`); /_sandbox/health stays open.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface GuardOptions {
  /** The host the server listens on (its name is accepted in Host: too, unless a wildcard). */
  listenHost: string;
  adminToken?: string;
}

export interface Refusal {
  status: 403 | 401 | 415;
  message: string;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** `127.0.0.1`, `localhost`, `api.localhost`, `::1` — names that can only mean this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** The host name of a Host header or an Origin URL, without the port. */
function hostnameOf(value: string): string | undefined {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

function hostAllowed(host: string | undefined, options: GuardOptions): boolean {
  if (host === undefined) return false;
  if (isLoopbackHost(host)) return true;
  const listen = options.listenHost.toLowerCase().replace(/^\[|\]$/g, '');
  // Listening on every interface: the operator chose to be reached by any name; the token guards admin.
  if (WILDCARDS.has(listen)) return true;
  return host === listen;
}

/** Every request: the Host header. */
export function refuseHost(req: IncomingMessage, options: GuardOptions): Refusal | undefined {
  const host = hostnameOf(req.headers.host ?? '');
  if (hostAllowed(host, options)) return undefined;
  return {
    status: 403,
    message: `the sandbox answers only requests for a loopback host name (or --host ${options.listenHost}); Host: ${JSON.stringify(req.headers.host ?? '')} is refused (a DNS-rebinding page looks like this)`,
  };
}

/** Admin requests: Origin, content type and token. */
export function refuseAdmin(req: IncomingMessage, path: string, options: GuardOptions): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const originHost = hostnameOf(origin);
    const sameSite = originHost !== undefined && `${originHost}` === hostnameOf(req.headers.host ?? '') && hostAllowed(originHost, options);
    if (!sameSite || origin === 'null') {
      return { status: 403, message: `the sandbox admin API refuses requests from a web page (Origin: ${JSON.stringify(origin)})` };
    }
  }
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      return { status: 415, message: `the sandbox admin API takes ${method} requests only as Content-Type: application/json (got ${JSON.stringify(req.headers['content-type'] ?? '')})` };
    }
  }
  if (options.adminToken && path !== 'health' && !tokenMatches(req, options.adminToken)) {
    return { status: 401, message: 'the sandbox admin API needs its admin token: Authorization: Bearer <token> (mrrctl reads MRRCTL_SANDBOX_ADMIN_TOKEN)' };
  }
  return undefined;
}

function tokenMatches(req: IncomingMessage, token: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const given = bearer ?? (req.headers['x-mrrctl-admin-token'] as string | undefined);
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
