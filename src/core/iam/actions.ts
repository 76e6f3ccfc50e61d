/**
 * Every IAM action mrrctl may need, with what AWS authorises it against — derived from the operation
 * table (reference.ts), so an action is scoped the same way wherever it is needed. The command table
 * (commands.ts) names operations; a new API call adds one row to reference.ts.
 *
 * Resource kinds follow the Service Authorization Reference: an action whose request names no
 * resource type can only be granted on "*" (then narrowed by Region with aws:RequestedRegion).
 */
import { OPERATION_ACTIONS } from './reference.js';

/** What an action is authorised against; policy.ts turns each kind into ARNs and conditions. */
export type ResourceKind =
  /** The user pool in both Regions: arn:…:cognito-idp:<region>:<account>:userpool/<id>. */
  | 'userpool'
  /** No resource-level permission for this Cognito action: "*" in the topology's Regions. */
  | 'cognito-any'
  /** The multi-Region key in both Regions (the configured key, else any key/mrk-*). */
  | 'kms-key'
  /**
   * KMS reads: any key of the account in both Regions. Adoption reads the pool's current key, which
   * need not be multi-Region, so `key/mrk-*` would deny it (aws-conformance G5).
   */
  | 'kms-key-read'
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
  /** iam:PassRole of the pool's SMS role: any role of the account, only when passed to Cognito. */
  | 'sms-role'
  /** CloudWatch Logs "vended log" deliveries: no resource-level permission; the topology's Regions. */
  | 'logs-delivery'
  | 'firehose-stream'
  /** ARC: the configured routing controls (dns.arc.routingControls). */
  | 'arc-routing-control'
  /** ARC ListRoutingControls: no resource-level permission, "*". */
  | 'arc-cluster-any'
  /** ARC: the configured cluster (dns.arc.clusterArn). */
  | 'arc-cluster'
  /** ARC: the control panels of the configured routing controls. */
  | 'arc-control-panel';

export interface ActionSpec {
  /** Every resource the request is authorised against (an alias AND its key, a web ACL AND the pool). */
  resources: readonly ResourceKind[];
  /** Everything but Describe*, Get*, List* and Test* (the access levels Read and List). */
  write: boolean;
}

function catalogue(): Record<string, ActionSpec> {
  const out: Record<string, ActionSpec> = {};
  for (const rows of Object.values(OPERATION_ACTIONS)) {
    for (const row of rows) {
      const known = out[row.action];
      if (known && known.resources.join() !== row.resources.join()) {
        throw new TypeError(`iam: ${row.action} is scoped two ways in src/core/iam/reference.ts`);
      }
      out[row.action] = { resources: row.resources, write: !/^[a-z0-9-]+:(Describe|Get|List|Test)/.test(row.action) };
    }
  }
  return out;
}

export const ACTIONS: Readonly<Record<string, ActionSpec>> = catalogue();

export function isKnownAction(action: string): boolean {
  return Object.hasOwn(ACTIONS, action);
}
