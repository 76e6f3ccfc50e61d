/**
 * An AWS call as the wire names it (the SigV4 signing name of the service, the API operation) → the
 * IAM action that authorises it. The names differ for a few services: CloudWatch signs as
 * "monitoring", SESv2 as "ses". Operation names equal action names for every call mrrctl makes.
 */
const IAM_PREFIX: Readonly<Record<string, string>> = {
  'cognito-idp': 'cognito-idp',
  kms: 'kms',
  route53: 'route53',
  monitoring: 'cloudwatch',
  ses: 'ses',
  logs: 'logs',
  firehose: 'firehose',
  lambda: 'lambda',
  wafv2: 'wafv2',
  'route53-recovery-cluster': 'route53-recovery-cluster',
  'route53-recovery-control-config': 'route53-recovery-control-config',
};

/** Undefined for traffic IAM does not authorise (the OIDC endpoints, the sandbox's own API). */
export function iamActionFor(signingName: string, operation: string): string | undefined {
  const prefix = IAM_PREFIX[signingName];
  return prefix ? `${prefix}:${operation}` : undefined;
}
