/**
 * Bounded retries with one correction to the SDK's defaults: Cognito's and KMS's
 * LimitExceededException is a quota error (a second replica, too many keys), not throttling —
 * retrying it only wastes the operator's time (aws-facts D4).
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
    const name = (info.error as { name?: string } | undefined)?.name;
    if (name && this.nonRetryable.has(name)) {
      // Throwing here makes the SDK surface the original error at once.
      return Promise.reject(info.error);
    }
    return this.inner.refreshRetryTokenForRetry(token, info);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}
