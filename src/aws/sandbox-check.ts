/**
 * A --sandbox URL where no sandbox listens is the operator's typo or a sandbox not started, not an
 * outage: checked once, before any call, so it cannot surface as "both Regions unreachable" or
 * "Route 53 impaired". The sandbox's /_sandbox/health answers without its admin token.
 */
import { UsageError } from '../core/errors.js';

/** A local sandbox answers in milliseconds; this only bounds a URL that swallows the connection. */
const CHECK_TIMEOUT_MS = 3_000;

function causeOf(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; name?: string; message?: string };
  if (e?.name === 'TimeoutError') return `no answer within ${CHECK_TIMEOUT_MS / 1000} s`;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

export async function requireSandbox(url: string, field: string): Promise<void> {
  const expected = 'the mrrctl sandbox listening there (start one with `mrrctl sandbox start`, or pass the URL it printed: --sandbox URL)';
  let status: number;
  try {
    const res = await fetch(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    status = res.status;
    await res.body?.cancel();
  } catch (err) {
    throw new UsageError('MRR_SANDBOX_E008', `${field}: nothing answers at ${url} (${causeOf(err)}); expected ${expected}. No AWS call was made`, {
      field,
      value: url,
      expected,
    });
  }
  if (status !== 200) {
    throw new UsageError(
      'MRR_SANDBOX_E008',
      `${field}: ${url} answers, but not as an mrrctl sandbox (GET /_sandbox/health: HTTP ${status}); expected ${expected}. No AWS call was made`,
      { field, value: url, expected },
    );
  }
}
