/**
 * The client's own copy of Cognito's documented request-rate quotas for the operations mrrctl reads,
 * and the pace it keeps under them. Source: "Quotas in Amazon Cognito", user pools API operation
 * categories (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html; aws-conformance A13):
 * quotas are per account and Region, per category, summed over all user pools. Deliberately not
 * imported from the sandbox (src/sandbox/quotas): both must follow AWS's page, not each other.
 */
import type { RateLimit } from './limiter.js';

/** Default RPS per category, as documented (none of these three is adjustable). */
export const COGNITO_DOCUMENTED_RPS = {
  UserPoolRead: 15,
  UserPoolResourceRead: 20,
  UserPoolClientRead: 15,
} as const;

export type CognitoReadCategory = keyof typeof COGNITO_DOCUMENTED_RPS;

/** The category of each Cognito read mrrctl makes (the quotas page's category table). */
const CATEGORY_OF: Record<string, CognitoReadCategory> = {
  DescribeUserPool: 'UserPoolRead',
  ListUserPoolReplicas: 'UserPoolRead',
  GetUserPoolMfaConfig: 'UserPoolRead',
  DescribeRiskConfiguration: 'UserPoolRead',
  GetLogDeliveryConfiguration: 'UserPoolRead',
  ListResourceServers: 'UserPoolResourceRead',
  ListIdentityProviders: 'UserPoolResourceRead',
  ListGroups: 'UserPoolResourceRead',
  DescribeUserPoolDomain: 'UserPoolResourceRead',
  ListUserPoolClients: 'UserPoolClientRead',
  DescribeUserPoolClient: 'UserPoolClientRead',
};

/**
 * The share of each documented rate mrrctl uses: 97 %. The remaining 3 % (0.45 RPS of a 15 RPS
 * category) absorbs the difference between when a call leaves and when AWS meters it (network jitter
 * bunches calls), so the bucket on AWS's side never runs dry. Much less margin lets jitter through as
 * throttling; much more costs wall time on large pools (drift --deep on 1,000 app clients is one
 * DescribeUserPoolClient per client, at this rate).
 */
export const PACING_MARGIN = 0.97;

/** An operation not in the table is paced like the strictest read category (15 RPS). */
export function cognitoReadCategory(operation: string): CognitoReadCategory {
  return CATEGORY_OF[operation] ?? 'UserPoolRead';
}

/**
 * The token bucket for one category: the documented rate × PACING_MARGIN, and a burst of one second
 * at that rate (rounded down). AWS documents the rates only, not a burst; one second's worth is the
 * most an idle account can be assumed to accept at once without a throttle.
 */
export function pacedRate(category: CognitoReadCategory): RateLimit {
  const perSecond = COGNITO_DOCUMENTED_RPS[category] * PACING_MARGIN;
  return { perSecond, burst: Math.max(1, Math.floor(perSecond)) };
}
