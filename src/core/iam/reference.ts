/**
 * The Service Authorization Reference's "API operation → IAM actions" table, for the operations mrrctl
 * calls: an operation may need several actions, each authorised against one or more resource types
 * (all of them required: `AssociateWebACL` is checked on the user pool AND the web ACL). The command
 * table (commands.ts) names the operations; the permissions AWS checks beyond the operation's own
 * action come from here, so there is one place to correct when the reference says otherwise, and
 * test/core/iam/reference.test.ts compares every generated policy with this table.
 *
 * Keys are the operation as mrrctl calls it, written as its same-named action (`service:Operation`,
 * see signing-names.ts). Every row lists the operation's own action first.
 */
import type { ResourceKind } from './actions.js';

/** The reference pages, one per service prefix (Service Authorization Reference, "Actions, resources, and condition keys for …"). */
export const REFERENCE_PAGES: Readonly<Record<string, string>> = {
  'cognito-idp': 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html',
  kms: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html',
  route53: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html',
  cloudwatch: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html',
  lambda: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html',
  ses: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsesv2.html',
  wafv2: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awswafv2.html',
  logs: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html',
  firehose: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesisfirehose.html',
  'route53-recovery-cluster': 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_route53-recovery-cluster.html',
  'route53-recovery-control-config': 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_route53-recovery-control-config.html',
};

export interface RequiredAction {
  action: string;
  /** Every resource type the action is checked against for this operation (all required). */
  resources: readonly ResourceKind[];
  /** Only when the request carries this (mrrctl's read-modify-write of a pool sends what the pool has). */
  when?: string;
  /** Why it is checked, for the permissions beyond the operation's own action. */
  because?: string;
  /** 'doc': the reference (or the API reference) says so; 'inf': inferred — see docs/aws-conformance.md. */
  source: 'doc' | 'inf';
}

const own = (action: string, ...resources: ResourceKind[]): RequiredAction => ({ action, resources, source: 'doc' });
/** The action is the reference's; its resource type is inferred from the ARN the request names. */
const arcConfigRead = (action: string, resource: ResourceKind): RequiredAction => ({ action, resources: [resource], source: 'inf' });

/** UpdateUserPool is a full read-modify-write in mrrctl: the pool's tags and SMS role go back with it. */
const UPDATE_USER_POOL: RequiredAction[] = [
  own('cognito-idp:UpdateUserPool', 'userpool'),
  {
    action: 'iam:PassRole',
    resources: ['sms-role'],
    when: 'SmsConfiguration.SnsCallerArn',
    because: 'UpdateUserPool passes the SMS role (SmsConfiguration.SnsCallerArn) to Cognito',
    // [INF] aws-conformance G5: the reference's operation table for UpdateUserPool "may need" it; the role is the pool's.
    source: 'inf',
  },
  {
    action: 'cognito-idp:TagResource',
    resources: ['userpool'],
    when: 'UserPoolTags',
    because: 'UpdateUserPool with UserPoolTags sets the pool tags',
    // [INF] aws-conformance G5 ("may need the tagging actions"), as CreateUserPool's row has them.
    source: 'inf',
  },
  {
    action: 'cognito-idp:UntagResource',
    resources: ['userpool'],
    when: 'UserPoolTags',
    because: 'UpdateUserPool with UserPoolTags replaces the pool tags (tags it omits are removed)',
    source: 'inf',
  },
];

// [INF] What a user pool's log export to CloudWatch Logs asks of the caller (the vended-logs pattern).
const VENDED_LOGS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
].map(
  (action): RequiredAction => ({
    action,
    resources: ['logs-delivery'],
    when: 'a CloudWatch Logs destination',
    because: 'SetLogDeliveryConfiguration to a CloudWatch Logs group sets up a vended-log delivery as the caller',
    source: 'inf',
  }),
);

export const OPERATION_ACTIONS: Readonly<Record<string, readonly RequiredAction[]>> = {
  // Amazon Cognito user pools
  'cognito-idp:DescribeUserPool': [own('cognito-idp:DescribeUserPool', 'userpool')],
  'cognito-idp:ListUserPoolReplicas': [own('cognito-idp:ListUserPoolReplicas', 'userpool')],
  'cognito-idp:ListUserPoolClients': [own('cognito-idp:ListUserPoolClients', 'userpool')],
  'cognito-idp:DescribeUserPoolClient': [own('cognito-idp:DescribeUserPoolClient', 'userpool')],
  'cognito-idp:GetUserPoolMfaConfig': [own('cognito-idp:GetUserPoolMfaConfig', 'userpool')],
  'cognito-idp:ListIdentityProviders': [own('cognito-idp:ListIdentityProviders', 'userpool')],
  'cognito-idp:ListResourceServers': [own('cognito-idp:ListResourceServers', 'userpool')],
  'cognito-idp:ListGroups': [own('cognito-idp:ListGroups', 'userpool')],
  'cognito-idp:DescribeRiskConfiguration': [own('cognito-idp:DescribeRiskConfiguration', 'userpool')],
  'cognito-idp:GetLogDeliveryConfiguration': [own('cognito-idp:GetLogDeliveryConfiguration', 'userpool')],
  'cognito-idp:DescribeUserPoolDomain': [own('cognito-idp:DescribeUserPoolDomain', 'cognito-any')],
  'cognito-idp:UpdateUserPool': UPDATE_USER_POOL,
  'cognito-idp:CreateUserPoolReplica': [
    own('cognito-idp:CreateUserPoolReplica', 'userpool'),
    {
      action: 'cognito-idp:CreateUserPool',
      resources: ['cognito-any'],
      because: 'CreateUserPoolReplica needs permission to create user pools in the target Region',
      source: 'doc',
    },
  ],
  'cognito-idp:UpdateUserPoolReplica': [own('cognito-idp:UpdateUserPoolReplica', 'userpool')],
  'cognito-idp:DeleteUserPoolReplica': [own('cognito-idp:DeleteUserPoolReplica', 'userpool')],
  'cognito-idp:SetLogDeliveryConfiguration': [own('cognito-idp:SetLogDeliveryConfiguration', 'userpool'), ...VENDED_LOGS],
  'cognito-idp:SetRiskConfiguration': [own('cognito-idp:SetRiskConfiguration', 'userpool')],

  // AWS KMS. Reads name whatever key the pool uses today (not always multi-Region): key/* in scope.
  'kms:ListAliases': [own('kms:ListAliases', 'kms-any')],
  'kms:ListKeys': [own('kms:ListKeys', 'kms-any')],
  'kms:DescribeKey': [own('kms:DescribeKey', 'kms-key-read')],
  'kms:GetKeyPolicy': [own('kms:GetKeyPolicy', 'kms-key-read')],
  'kms:GetKeyRotationStatus': [own('kms:GetKeyRotationStatus', 'kms-key-read')],
  'kms:ListResourceTags': [own('kms:ListResourceTags', 'kms-key-read')],
  'kms:CreateKey': [
    own('kms:CreateKey', 'kms-create'),
    { action: 'kms:TagResource', resources: ['kms-tag-on-create'], when: 'Tags', because: 'CreateKey with Tags tags the key', source: 'doc' },
  ],
  // CreateAlias is authorised on the alias AND the key it targets.
  'kms:CreateAlias': [own('kms:CreateAlias', 'kms-alias', 'kms-key')],
  'kms:EnableKeyRotation': [own('kms:EnableKeyRotation', 'kms-key')],
  'kms:ReplicateKey': [
    own('kms:ReplicateKey', 'kms-key'),
    // The replica is created as the caller in the replica Region: kms:CreateKey there (covered by the CreateKey grant).
    { action: 'kms:CreateKey', resources: ['kms-create'], because: 'ReplicateKey creates the replica key as the caller in the replica Region', source: 'doc' },
    { action: 'kms:TagResource', resources: ['kms-tag-on-create'], when: 'Tags', because: 'ReplicateKey with Tags tags the replica', source: 'doc' },
  ],
  'kms:PutKeyPolicy': [own('kms:PutKeyPolicy', 'kms-key')],

  // Amazon Route 53
  'route53:ListResourceRecordSets': [own('route53:ListResourceRecordSets', 'hostedzone')],
  'route53:GetHealthCheck': [own('route53:GetHealthCheck', 'healthcheck')],
  'route53:GetHealthCheckStatus': [own('route53:GetHealthCheckStatus', 'healthcheck')],
  'route53:GetChange': [own('route53:GetChange', 'route53-change')],
  'route53:TestDNSAnswer': [own('route53:TestDNSAnswer', 'route53-any')],
  'route53:ChangeResourceRecordSets': [own('route53:ChangeResourceRecordSets', 'hostedzone-record')],
  'route53:UpdateHealthCheck': [own('route53:UpdateHealthCheck', 'healthcheck')],

  // Amazon CloudWatch
  'cloudwatch:GetMetricData': [own('cloudwatch:GetMetricData', 'metrics')],

  // Environment parity (drift)
  'lambda:GetFunction': [own('lambda:GetFunction', 'lambda-function')],
  'lambda:GetPolicy': [own('lambda:GetPolicy', 'lambda-function')],
  'lambda:AddPermission': [own('lambda:AddPermission', 'lambda-function')],
  'ses:GetEmailIdentity': [own('ses:GetEmailIdentity', 'ses-identity')],
  'wafv2:ListWebACLs': [own('wafv2:ListWebACLs', 'waf-any')],
  'wafv2:GetWebACL': [own('wafv2:GetWebACL', 'waf-webacl')],
  'wafv2:GetWebACLForResource': [
    own('wafv2:GetWebACLForResource', 'waf-webacl', 'userpool'),
    {
      action: 'cognito-idp:GetWebACLForResource',
      resources: ['userpool'],
      because: 'wafv2:GetWebACLForResource on a user pool is also authorised by Cognito',
      // [INF] the reference lists the permission-only action; that WAF's read needs it is inferred.
      source: 'inf',
    },
  ],
  'wafv2:AssociateWebACL': [
    own('wafv2:AssociateWebACL', 'waf-webacl', 'userpool'),
    // aws-conformance G5: the Cognito reference lists AssociateWebACL on userpool* AND webacl*.
    {
      action: 'cognito-idp:AssociateWebACL',
      // Same order as wafv2's own row, so both share one statement (the policy's size is limited).
      resources: ['waf-webacl', 'userpool'],
      because: 'wafv2:AssociateWebACL with a user pool is also authorised by Cognito, on the user pool and the web ACL',
      source: 'doc',
    },
  ],
  'logs:DescribeLogGroups': [own('logs:DescribeLogGroups', 'log-group')],

  // Route 53 ARC cluster data plane (the five Regional endpoints): routingcontrol* for the state
  // calls; ListRoutingControls names no resource type, so "*".
  'route53-recovery-cluster:GetRoutingControlState': [own('route53-recovery-cluster:GetRoutingControlState', 'arc-routing-control')],
  'route53-recovery-cluster:ListRoutingControls': [own('route53-recovery-cluster:ListRoutingControls', 'arc-cluster-any')],
  'route53-recovery-cluster:UpdateRoutingControlState': [own('route53-recovery-cluster:UpdateRoutingControlState', 'arc-routing-control')],
  'route53-recovery-cluster:UpdateRoutingControlStates': [own('route53-recovery-cluster:UpdateRoutingControlStates', 'arc-routing-control')],

  // Route 53 ARC control-config reads (us-west-2). [INF] the resource type of each read (cluster,
  // controlpanel, routingcontrol) is the resource the request names; see docs/aws-conformance.md.
  'route53-recovery-control-config:DescribeCluster': [arcConfigRead('route53-recovery-control-config:DescribeCluster', 'arc-cluster')],
  'route53-recovery-control-config:ListSafetyRules': [arcConfigRead('route53-recovery-control-config:ListSafetyRules', 'arc-control-panel')],
  'route53-recovery-control-config:DescribeRoutingControl': [arcConfigRead('route53-recovery-control-config:DescribeRoutingControl', 'arc-routing-control')],
  'route53-recovery-control-config:ListAssociatedRoute53HealthChecks': [
    arcConfigRead('route53-recovery-control-config:ListAssociatedRoute53HealthChecks', 'arc-routing-control'),
  ],
  'firehose:DescribeDeliveryStream': [own('firehose:DescribeDeliveryStream', 'firehose-stream')],
};

/** What one operation needs, own action first; undefined for an operation the table does not know. */
export function requiredActions(operation: string): readonly RequiredAction[] | undefined {
  return Object.hasOwn(OPERATION_ACTIONS, operation) ? OPERATION_ACTIONS[operation] : undefined;
}
