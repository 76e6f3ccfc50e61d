/**
 * Token buckets for the optional Cognito-like request quotas: one bucket per account + Region +
 * category, refilled at the category's rate × settings.quotas.scale, holding one second of burst.
 */
import { COGNITO_CATEGORY_RPS, type CognitoQuotaCategory } from './cognito-categories.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class QuotaLimiter {
  private buckets = new Map<string, Bucket>();

  /** Takes one request from the bucket; false when the category is over its quota. */
  take(accountId: string, region: string, category: CognitoQuotaCategory, scale: number, now: number): boolean {
    const rate = Math.max(COGNITO_CATEGORY_RPS[category] * scale, Number.MIN_VALUE);
    const capacity = Math.max(rate, 1);
    const key = `${accountId}|${region}|${category}`;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSeconds * rate);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
