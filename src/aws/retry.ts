/**
 * Bounded retries with two corrections to the SDK's defaults:
 * - Cognito's and KMS's LimitExceededException is a quota error (a second replica, too many keys),
 *   not throttling — retrying it only wastes the operator's time (aws-conformance D4).
 * - A call that exceeded the request timeout is not retried. The request was sent, so for a write
 *   the outcome is unknown (a retried CreateKey makes a second key; a retried lock CREATE reports
 *   our own lock as someone else's), and a Region that accepted the connection but did not answer in
 *   time is the outage mrrctl exists for: report it now, not after three timeouts. Resets and
 *   connection timeouts (nothing was answered or nothing was sent) are still retried.
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';

export class QuotaAwareRetryStrategy implements RetryStrategyV2 {
  private readonly inner: StandardRetryStrategy;

  constructor(
    maxAttempts: number,
    private readonly nonRetryable: ReadonlySet<string>,
  ) {
    this.inner = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  refreshRetryTokenForRetry(token: StandardRetryToken, info: RetryErrorInfo): Promise<StandardRetryToken> {
    const error = info.error as { name?: string; code?: string } | undefined;
    const name = error?.name;
    if ((name && this.nonRetryable.has(name)) || isRequestTimeout(error)) {
      // Throwing here makes the SDK surface the original error at once.
      return Promise.reject(info.error);
    }
    return this.inner.refreshRetryTokenForRetry(token, info);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}

/** The HTTP handler's requestTimeout (and an OS-level ETIMEDOUT): the request went out, no answer came. */
function isRequestTimeout(error: { name?: string; code?: string } | undefined): boolean {
  return error?.name === 'TimeoutError' && error.code === 'ETIMEDOUT';
}
