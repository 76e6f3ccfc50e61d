/** Small HTTP helpers for the sandbox server: bounded body reading and response writing. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RestResponse } from '../types.js';

/** Far above anything the modelled APIs accept; protects the process from a runaway client. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendResponse(res: ServerResponse, response: RestResponse): void {
  const body = response.rawBody ? Buffer.from(response.rawBody) : (response.body ?? '');
  const headers: Record<string, string | number> = { ...(response.headers ?? {}) };
  headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendResponse(res, {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value, null, 2),
  });
}

/** Decodes each path segment on its own, as the RestRequest contract promises models. */
export function decodePath(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
