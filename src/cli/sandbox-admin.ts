/**
 * A small client for a running sandbox's admin API (`/_sandbox/…`), used by `mrrctl sandbox …`
 * and `rehearse`. Errors name the URL and what the sandbox said.
 */
import { httpRequest, ResponseTooLargeError, type HttpResponse } from '../aws/http-request.js';
import { noSandboxAt } from '../aws/sandbox-check.js';
import { MrrError, UsageError, ExitCode } from '../core/errors.js';

class SandboxUnreachableError extends MrrError {
  readonly exitCode = ExitCode.unexpected;
  readonly fault = 'user' as const;
}

/** The operator's own sandbox, whose state can be large; the cap only bounds a URL that is not one. */
const ADMIN_MAX_BODY_BYTES = 64 * 1024 * 1024;

export class SandboxAdmin {
  /** `token`: the sandbox's admin token (MRRCTL_SANDBOX_ADMIN_TOKEN), when it was started with one. */
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.baseUrl}/_sandbox/${path}`;
    let res: HttpResponse;
    try {
      res = await httpRequest(url, {
        method,
        // The admin API takes state-changing requests only as JSON (admin/request-guard.ts).
        headers: {
          ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
        signal: AbortSignal.timeout(10_000),
        maxBodyBytes: ADMIN_MAX_BODY_BYTES,
      });
    } catch (err) {
      if (err instanceof ResponseTooLargeError) {
        throw new SandboxUnreachableError('MRR_SANDBOX_E003', `the sandbox's answer to ${method} ${path} was refused: ${err.message}`);
      }
      // The operator named a URL where nothing listens: an input mistake (exit 2), not an outage.
      throw noSandboxAt(this.baseUrl, '--sandbox', err);
    }
    const { text } = res;
    const parsed = text ? (JSON.parse(text) as T & { message?: string; field?: string }) : ({} as T & { message?: string });
    if (res.status === 401) {
      throw new UsageError('MRR_SANDBOX_E006', `the sandbox at ${this.baseUrl} needs its admin token: set MRRCTL_SANDBOX_ADMIN_TOKEN to the token \`mrrctl sandbox start\` printed`);
    }
    if (res.status === 400) {
      throw new UsageError('MRR_SANDBOX_E002', `the sandbox refused ${method} ${path}: ${parsed.message ?? text}`);
    }
    if (res.status === 409) {
      throw new UsageError('MRR_SANDBOX_E007', `the sandbox refused ${method} ${path}: ${parsed.message ?? text}`);
    }
    if (res.status >= 300) {
      throw new SandboxUnreachableError('MRR_SANDBOX_E003', `the sandbox answered ${res.status} to ${method} ${path}: ${parsed.message ?? text}`);
    }
    return parsed;
  }

  health() {
    return this.request<{ ok: boolean }>('GET', 'health');
  }
}
