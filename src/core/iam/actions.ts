/**
 * Every IAM action mrrctl may need, with what AWS authorises it against. The command table
 * (commands.ts) names actions; this catalogue says which resources to scope each one to, so the two
 * stay independent: a new command reuses the catalogue, a new API call adds one line here.
 *
 * Resource kinds follow the Service Authorization Reference: an action whose request names no
 * resource type can only be granted on "*" (then narrowed by Region with aws:RequestedRegion).
 */

/** What an action is authorised against; policy.ts turns each kind into ARNs and conditions. */
export type ResourceKind =
  /** The user pool in both Regions: arn:…:cognito-idp:<region>:<account>:userpool/<id>. */
  | 'userpool'
  /** No resource-level permission for this Cognito action: "*" in the topology's Regions. */
  | 'cognito-any'
  /** The multi-Region key in both Regions (the configured key, else any key/mrk-*). */
  | 'kms-key'
  /** The configured alias in both Regions. */
  | 'kms-alias'
  /** KMS list calls: "*" in the topology's Regions. */
  | 'kms-any'
  /** CreateKey: "*" in the topology's Regions, multi-Region keys only. */
  | 'kms-create'
  /** Tags given to CreateKey/ReplicateKey: any key of the account, only with mrrctl's two tag keys. */
  | 'kms-tag-on-create'
  | 'hostedzone'
  /** ChangeResourceRecordSets on the hosted zone, only for the configured record name. */
  | 'hostedzone-record'
  | 'healthcheck'
  | 'route53-change'
  /** No resource-level permission (TestDNSAnswer). */
  | 'route53-any'
  /** CloudWatch metrics: "*" in us-east-1, where Route 53 publishes health-check metrics. */
  | 'metrics'
  | 'lambda-function'
  | 'ses-identity'
  | 'waf-webacl'
  /** ListWebACLs: "*" in the topology's Regions. */
  | 'waf-any'
  | 'log-group'
  /** CloudWatch Logs "vended log" deliveries: no resource-level permission; the topology's Regions. */
  | 'logs-delivery'
  | 'firehose-stream';

export interface ActionSpec {
  /** Every resource the request is authorised against (an alias AND its key, a web ACL AND the pool). */
  resources: readonly ResourceKind[];
  write: boolean;
}

const read = (...resources: ResourceKind[]): ActionSpec => ({ resources, write: false });
const write = (...resources: ResourceKind[]): ActionSpec => ({ resources, write: true });

export const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  // Amazon Cognito user pools
  'cognito-idp:DescribeUserPool': read('userpool'),
  'cognito-idp:ListUserPoolReplicas': read('userpool'),
  'cognito-idp:ListUserPoolClients': read('userpool'),
  /** Returns client secrets too: mrrctl drops them in the adapter, but the grant allows reading them. */
  'cognito-idp:DescribeUserPoolClient': read('userpool'),
  'cognito-idp:GetUserPoolMfaConfig': read('userpool'),
  'cognito-idp:ListIdentityProviders': read('userpool'),
  'cognito-idp:ListResourceServers': read('userpool'),
  'cognito-idp:ListGroups': read('userpool'),
  'cognito-idp:DescribeRiskConfiguration': read('userpool'),
  'cognito-idp:GetLogDeliveryConfiguration': read('userpool'),
  /** Takes a domain name, not a pool: no resource-level permission. */
  'cognito-idp:DescribeUserPoolDomain': read('cognito-any'),
  'cognito-idp:UpdateUserPool': write('userpool'),
  'cognito-idp:CreateUserPoolReplica': write('userpool'),
  'cognito-idp:UpdateUserPoolReplica': write('userpool'),
  'cognito-idp:DeleteUserPoolReplica': write('userpool'),
  'cognito-idp:SetLogDeliveryConfiguration': write('userpool'),
  'cognito-idp:SetRiskConfiguration': write('userpool'),
  /** CreateUserPoolReplica needs "permissions to create user pools in the target Region" (API reference). */
  'cognito-idp:CreateUserPool': write('cognito-any'),
  /** [INF] Cognito's permission-only counterparts of the WAF calls on a user pool. */
  'cognito-idp:GetWebACLForResource': read('userpool'),
  'cognito-idp:AssociateWebACL': write('userpool'),

  // AWS KMS
  'kms:ListAliases': read('kms-any'),
  'kms:ListKeys': read('kms-any'),
  'kms:DescribeKey': read('kms-key'),
  'kms:GetKeyPolicy': read('kms-key'),
  'kms:GetKeyRotationStatus': read('kms-key'),
  /** keys setup reads the tags of every key it lists; keys it may not read are passed over. */
  'kms:ListResourceTags': read('kms-key'),
  'kms:CreateKey': write('kms-create'),
  'kms:CreateAlias': write('kms-alias', 'kms-key'),
  'kms:EnableKeyRotation': write('kms-key'),
  'kms:ReplicateKey': write('kms-key'),
  'kms:PutKeyPolicy': write('kms-key'),
  'kms:TagResource': write('kms-tag-on-create'),

  // Amazon Route 53 (global; its control plane signs in us-east-1)
  'route53:ListResourceRecordSets': read('hostedzone'),
  'route53:GetHealthCheck': read('healthcheck'),
  'route53:GetHealthCheckStatus': read('healthcheck'),
  'route53:GetChange': read('route53-change'),
  'route53:TestDNSAnswer': read('route53-any'),
  'route53:ChangeResourceRecordSets': write('hostedzone-record'),
  'route53:UpdateHealthCheck': write('healthcheck'),

  // Amazon CloudWatch (health-check metrics)
  'cloudwatch:GetMetricData': read('metrics'),

  // Environment parity (drift): AWS Lambda, Amazon SES, AWS WAF, CloudWatch Logs, Amazon Data Firehose
  'lambda:GetFunction': read('lambda-function'),
  'lambda:GetPolicy': read('lambda-function'),
  'lambda:AddPermission': write('lambda-function'),
  'ses:GetEmailIdentity': read('ses-identity'),
  'wafv2:ListWebACLs': read('waf-any'),
  'wafv2:GetWebACL': read('waf-webacl'),
  'wafv2:GetWebACLForResource': read('waf-webacl', 'userpool'),
  'wafv2:AssociateWebACL': write('waf-webacl', 'userpool'),
  'logs:DescribeLogGroups': read('log-group'),
  // [INF] What a user pool's log export to CloudWatch Logs asks of the caller (the vended-logs pattern).
  'logs:CreateLogDelivery': write('logs-delivery'),
  'logs:GetLogDelivery': read('logs-delivery'),
  'logs:UpdateLogDelivery': write('logs-delivery'),
  'logs:DeleteLogDelivery': write('logs-delivery'),
  'logs:ListLogDeliveries': read('logs-delivery'),
  'logs:PutResourcePolicy': write('logs-delivery'),
  'logs:DescribeResourcePolicies': read('logs-delivery'),
  'firehose:DescribeDeliveryStream': read('firehose-stream'),
};

export function isKnownAction(action: string): boolean {
  return Object.hasOwn(ACTIONS, action);
}
