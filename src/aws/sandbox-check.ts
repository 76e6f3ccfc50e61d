/**
 * A --sandbox URL where no sandbox listens is the operator's typo or a sandbox not started, not an
 * outage: checked once, before any call, so it cannot surface as "both Regions unreachable" or
 * "Route 53 impaired". The sandbox's /_sandbox/health answers without its admin token.
 */
import { UsageError } from '../core/errors.js';
import { httpRequest } from './http-request.js';

/** A local sandbox answers in milliseconds; this only bounds a URL that swallows the connection. */
const CHECK_TIMEOUT_MS = 3_000;

function causeOf(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; name?: string; message?: string };
  if (e?.name === 'TimeoutError') return 'no answer before the timeout';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

const EXPECTED = 'the mrrctl sandbox listening there (start one with `mrrctl sandbox start`, or pass the URL it printed: --sandbox URL)';

/** Nothing answered at the sandbox URL: the one error for it, whether an AWS call or an admin call found out. */
export function noSandboxAt(url: string, field: string, err: unknown, tail = ''): UsageError {
  return new UsageError('MRR_SANDBOX_E001', `${field}: nothing answers at ${url} (${causeOf(err)}); expected ${EXPECTED}${tail}`, { field, value: url, expected: EXPECTED });
}

export async function requireSandbox(url: string, field: string): Promise<void> {
  const expected = EXPECTED;
  let status: number;
  try {
    ({ status } = await httpRequest(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) }));
  } catch (err) {
    throw noSandboxAt(url, field, err, '. No AWS call was made');
  }
  if (status !== 200) {
    throw new UsageError(
      'MRR_SANDBOX_E001',
      `${field}: ${url} answers, but not as an mrrctl sandbox (GET /_sandbox/health: HTTP ${status}); expected ${expected}. No AWS call was made`,
      { field, value: url, expected },
    );
  }
}
