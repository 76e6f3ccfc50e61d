/**
 * Each resource kind of the action catalogue as ARNs and conditions for one scope. A kind that the
 * configuration cannot scope (no dns section, no health check) says why instead.
 */
import { historyRecordName } from '../failover/history.js';
import { lockRecordName } from '../failover/lock.js';
import { keyTags, POOL_TAG_KEY } from '../keys/key-facts.js';
import type { ResourceKind } from './actions.js';
import { normalizedRecordName, type PolicyScope } from './scope.js';

export type Condition = Record<string, Record<string, string | string[]>>;

export type ScopedResource =
  | { resources: string[]; condition?: Condition; note?: string }
  /** The command only makes these calls when the config has what is missing, so they are left out. */
  | { unavailable: string };

/** Readable statement ids, one per kind; a statement over several kinds joins them. */
export const SID_OF: Readonly<Record<ResourceKind, string>> = {
  userpool: 'CognitoUserPool',
  'cognito-any': 'CognitoRegional',
  'kms-key': 'KmsMultiRegionKey',
  'kms-key-read': 'KmsReadKeys',
  'kms-alias': 'KmsAlias',
  'kms-any': 'KmsList',
  'kms-create': 'KmsCreateMultiRegionKey',
  'kms-tag-on-create': 'KmsTagNewKey',
  hostedzone: 'Route53ReadRecord',
  'hostedzone-record': 'Route53ChangeRecord',
  healthcheck: 'Route53HealthChecks',
  'route53-change': 'Route53Changes',
  'route53-any': 'Route53TestDns',
  metrics: 'CloudWatchHealthMetrics',
  'lambda-function': 'LambdaFunctions',
  'ses-identity': 'SesIdentities',
  'waf-webacl': 'WafWebAcls',
  'waf-any': 'WafList',
  'log-group': 'LogGroups',
  'logs-delivery': 'LogDelivery',
  'firehose-stream': 'FirehoseStreams',
  'sms-role': 'PassSmsRoleToCognito',
  'arc-routing-control': 'ArcRoutingControls',
  'arc-cluster-any': 'ArcListRoutingControls',
  'arc-cluster': 'ArcCluster',
  'arc-control-panel': 'ArcControlPanels',
};

const NOT_ARC = 'the config has no dns.arc (dns.strategy arc-routing-control)';

/** Route 53 publishes health-check metrics in us-east-1 only (see src/aws/metrics-reader.ts). */
const METRICS_REGION = 'us-east-1';

export function scopeResource(kind: ResourceKind, s: PolicyScope): ScopedResource {
  const arn = (service: string, resource: string) => s.regions.map((r) => `arn:${s.partition}:${service}:${r}:${s.account}:${resource}`);
  const global = (resource: string) => `arn:${s.partition}:route53:::${resource}`;
  const inRegions = (regions: string[] = s.regions): Condition => ({ StringEquals: { 'aws:RequestedRegion': regions } });
  switch (kind) {
    case 'userpool':
      return { resources: arn('cognito-idp', `userpool/${s.userPoolId}`) };
    case 'cognito-any':
    case 'kms-any':
    case 'waf-any':
    case 'logs-delivery':
      return { resources: ['*'], condition: inRegions() };
    case 'kms-key':
      return { resources: arn('kms', `key/${s.keyId ?? 'mrk-*'}`) };
    case 'kms-key-read':
      // Any key: the pool's current key (adoption) need not be the configured or a multi-Region one.
      return { resources: arn('kms', 'key/*') };
    case 'kms-alias':
      return { resources: arn('kms', s.keyAlias) };
    case 'kms-create':
      return { resources: ['*'], condition: { ...inRegions(), Bool: { 'kms:MultiRegion': 'true' } } };
    case 'kms-tag-on-create':
      return {
        resources: arn('kms', 'key/*'),
        condition: {
          StringEquals: { [`aws:RequestTag/${POOL_TAG_KEY}`]: s.userPoolId },
          'ForAllValues:StringEquals': { 'aws:TagKeys': keyTags(s.userPoolId).map((t) => t.TagKey) },
        },
      };
    case 'hostedzone':
      return s.hostedZoneId ? { resources: [global(`hostedzone/${s.hostedZoneId}`)] } : { unavailable: 'the config has no dns section' };
    case 'hostedzone-record':
      return s.hostedZoneId && s.recordName
        ? {
            resources: [global(`hostedzone/${s.hostedZoneId}`)],
            // The record itself, and the lock and history TXT records failover and canary keep beside it.
            condition: {
              'ForAllValues:StringEquals': {
                'route53:ChangeResourceRecordSetsNormalizedRecordNames': [s.recordName, lockRecordName(s.recordName), historyRecordName(s.recordName)].map(normalizedRecordName),
              },
            },
          }
        : { unavailable: 'the config has no dns section' };
    case 'healthcheck':
      return s.healthCheckIds.length > 0
        ? { resources: s.healthCheckIds.map((id) => global(`healthcheck/${id}`)) }
        : { resources: [global('healthcheck/*')], note: 'the config names no health check: health checks are granted as healthcheck/*' };
    case 'route53-change':
      return { resources: [global('change/*')] };
    case 'route53-any':
      return { resources: ['*'] };
    case 'metrics':
      return { resources: ['*'], condition: inRegions([METRICS_REGION]) };
    case 'lambda-function':
      return { resources: arn('lambda', 'function:*') };
    case 'ses-identity':
      return { resources: arn('ses', 'identity/*') };
    case 'waf-webacl':
      return { resources: arn('wafv2', 'regional/webacl/*/*') };
    case 'log-group':
      return { resources: arn('logs', 'log-group:*') };
    case 'firehose-stream':
      return { resources: arn('firehose', 'deliverystream/*') };
    case 'arc-routing-control':
      return s.arc ? { resources: s.arc.routingControlArns } : { unavailable: NOT_ARC };
    case 'arc-cluster-any':
      return s.arc ? { resources: ['*'] } : { unavailable: NOT_ARC };
    case 'arc-cluster':
      return s.arc ? { resources: [s.arc.clusterArn] } : { unavailable: NOT_ARC };
    case 'arc-control-panel':
      return s.arc && s.arc.controlPanelArns.length > 0 ? { resources: s.arc.controlPanelArns } : { unavailable: NOT_ARC };
    case 'sms-role':
      // IAM is global: the role ARN has no Region. The role is the pool's own (read from it, not the config).
      return {
        resources: [`arn:${s.partition}:iam::${s.account}:role/*`],
        condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } },
      };
  }
}
