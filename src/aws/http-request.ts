/**
 * One HTTP(S) request on node:http / node:https, for the few non-SDK calls a command makes (OIDC
 * probes, the sandbox check and admin API). Not fetch: Node's fetch is undici, which costs ~30 ms of
 * CPU to load on first use — paid by a failover before its first AWS call — while the SDK already
 * loads node:http and node:https.
 *
 * Behaves as the fetch calls it replaced, so their callers name errors the same way:
 * - redirects are not followed (a 3xx is an answer, as with fetch's redirect: 'manual');
 * - an aborted signal rejects with signal.reason (a TimeoutError DOMException for AbortSignal.timeout,
 *   an AbortError for abort() without a reason), whether it fires before the answer or during the body;
 * - a socket error rejects as fetch's did: an Error whose `cause` is the socket error, with its `code`
 *   (ENOTFOUND, ECONNREFUSED, …).
 * https uses Node's default CA store (plus NODE_EXTRA_CA_CERTS, as the SDK). No keep-alive: each
 * request has its own socket, closed with the answer, so nothing keeps the process alive afterwards.
 */
import { request as httpRequestRaw, type IncomingMessage } from 'node:http';
import { request as httpsRequestRaw } from 'node:https';

/** An answer larger than this is refused, not buffered: a hostile endpoint must not exhaust memory. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** 2xx, as fetch's Response.ok. */
  ok: boolean;
  /** The body decoded as UTF-8 (a BOM dropped), as fetch's Response.text(). */
  text: string;
}

/** The answer's body is larger than the cap: named for a probe result, never retried. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLarge';
  constructor(limit: number) {
    super(`the answer is larger than ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`}`);
  }
}

/** A socket-level failure in fetch's shape: the socket error (with its code) as cause, nothing else of the request. */
function requestFailed(err: unknown): Error {
  return new Error('request failed', { cause: err });
}

export function httpRequest(url: string, init: HttpRequestInit = {}): Promise<HttpResponse> {
  const { signal } = init;
  const limit = init.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequestRaw : target.protocol === 'http:' ? httpRequestRaw : undefined;
  if (!send) return Promise.reject(new TypeError(`unsupported URL scheme ${target.protocol}`));
  if (signal?.aborted) return Promise.reject(signal.reason);

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (err: unknown) => {
      finish(() => reject(err));
      req.destroy();
    };
    const onAbort = () => fail(signal!.reason);

    const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'mrrctl', ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    // agent: false — a socket of its own, `Connection: close`: no pooled socket outlives the request.
    const req = send(target, { method: init.method ?? 'GET', headers, agent: false });
    signal?.addEventListener('abort', onAbort, { once: true });

    req.on('error', (err) => fail(requestFailed(err)));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) return fail(new ResponseTooLargeError(limit));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) return fail(new ResponseTooLargeError(limit));
        chunks.push(chunk);
      });
      res.on('error', (err) => fail(requestFailed(err)));
      // The server closed the connection before the whole body: a dropped connection, as fetch saw it.
      res.on('close', () => {
        if (!res.complete) fail(requestFailed(Object.assign(new Error('the connection closed before the whole answer'), { code: 'ECONNRESET' })));
      });
      res.on('end', () => {
        const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks));
        finish(() => resolve({ status, ok: status >= 200 && status <= 299, text }));
      });
    });
    req.end(init.body);
  });
}
