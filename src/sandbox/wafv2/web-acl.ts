/**
 * WAFv2 web ACLs as the sandbox keeps them (REGIONAL scope only), how a seed becomes one, how one is
 * shown on the wire, and the ARN checks WAF applies to the resources it protects.
 */
import { randomUUID } from 'node:crypto';
import { SandboxError, type JsonObject } from '../types.js';

export interface WebAclRecord {
  Name: string;
  Id: string;
  Description?: string;
  DefaultAction: JsonObject;
  Rules: JsonObject[];
  VisibilityConfig: JsonObject;
  /** Changes on every update, as WAF's optimistic-lock token does. */
  LockToken: string;
}

/** Services whose Regional resources a REGIONAL web ACL can protect. */
const ASSOCIABLE_SERVICES = new Set(['elasticloadbalancing', 'apigateway', 'appsync', 'cognito-idp', 'apprunner', 'ec2', 'amplify']);

const NAME = /^[\w-]{1,128}$/;
export const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** WAF's validation error; `field` is one of the SDK's ParameterExceptionField values when one fits. */
export function invalidParameter(field: string | undefined, parameter: unknown, reason: string): SandboxError {
  const extra: Record<string, unknown> = { Parameter: String(parameter), Reason: reason };
  if (field) extra.Field = field;
  return new SandboxError(
    'WAFInvalidParameterException',
    `Error reason: ${reason}, field: ${field ?? 'UNKNOWN'}, parameter: ${String(parameter)}`,
    400,
    extra,
  );
}

export function nonexistent(): SandboxError {
  return new SandboxError(
    'WAFNonexistentItemException',
    "WAF couldn't perform the operation because your resource doesn't exist.",
    400,
  );
}

export function webAclArn(region: string, accountId: string, acl: Pick<WebAclRecord, 'Name' | 'Id'>): string {
  return `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${acl.Name}/${acl.Id}`;
}

export interface ParsedAclArn {
  region: string;
  accountId: string;
  name: string;
  id: string;
}

export function parseWebAclArn(arn: unknown): ParsedAclArn {
  const match = typeof arn === 'string' ? /^arn:aws[\w-]*:wafv2:([\w-]+):(\d{12}):regional\/webacl\/([\w-]+)\/([\w-]+)$/.exec(arn) : null;
  if (!match) {
    // A CloudFront-scope (global) ACL ARN is well-formed but cannot protect a Regional resource.
    throw invalidParameter('RESOURCE_ARN', arn, 'not a valid REGIONAL web ACL ARN');
  }
  return { region: match[1], accountId: match[2], name: match[3], id: match[4] };
}

/**
 * Check a protected-resource ARN for a call in `region`: well-formed, of an associable service, and
 * in the same Region (a web ACL only protects resources in its own Region). WAF would also refuse a
 * resource that does not exist; the sandbox cannot see other services' resources and accepts it.
 */
export function checkResourceArn(arn: unknown, region: string): string {
  if (typeof arn !== 'string' || arn.length < 20 || arn.length > 2048) {
    throw invalidParameter('RESOURCE_ARN', arn, 'ResourceArn must be an ARN of 20 to 2048 characters');
  }
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[3] || !parts[5]) {
    throw invalidParameter('RESOURCE_ARN', arn, 'not a valid ARN');
  }
  if (!ASSOCIABLE_SERVICES.has(parts[2])) {
    throw invalidParameter('RESOURCE_ARN', arn, `resource type ${parts[2]} cannot be associated with a REGIONAL web ACL`);
  }
  if (parts[3] !== region) {
    const reason = `the resource is in ${parts[3]}; the web ACL and the resource must be in the same Region (${region})`;
    throw invalidParameter('RESOURCE_ARN', arn, reason);
  }
  return arn;
}

function isObject(value: unknown): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function defaultVisibility(metricName: string): JsonObject {
  return { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: metricName };
}

function ruleFromSeed(rule: unknown, index: number): JsonObject {
  if (!isObject(rule)) throw invalidParameter('RULE', index, 'each rule must be an object');
  if (typeof rule.Name !== 'string' || !NAME.test(rule.Name)) throw invalidParameter('RULE', rule.Name, 'rule Name is required');
  if (!Number.isInteger(rule.Priority) || rule.Priority < 0) {
    throw invalidParameter('RULE', rule.Name, 'rule Priority must be a non-negative integer');
  }
  if (!isObject(rule.Statement)) throw invalidParameter('STATEMENT', rule.Name, 'rule Statement is required');
  if (!isObject(rule.Action) && !isObject(rule.OverrideAction)) {
    throw invalidParameter('RULE_ACTION', rule.Name, 'a rule needs an Action (or an OverrideAction for a rule group)');
  }
  return { ...rule, VisibilityConfig: isObject(rule.VisibilityConfig) ? rule.VisibilityConfig : defaultVisibility(rule.Name) };
}

/** Seed {Name, Rules?, DefaultAction?, Description?, VisibilityConfig?}; re-seeding keeps the Id. */
export function aclFromSeed(resource: JsonObject, previous?: WebAclRecord): WebAclRecord {
  const name = resource.Name;
  if (typeof name !== 'string' || !NAME.test(name)) throw invalidParameter('WEB_ACL', name, 'seed: Name is required ([\\w-]{1,128})');
  const rules = resource.Rules === undefined ? [] : resource.Rules;
  if (!Array.isArray(rules)) throw invalidParameter('RULE', rules, 'seed: Rules must be a list');
  const parsed = rules.map(ruleFromSeed);
  for (const key of ['Name', 'Priority'] as const) {
    const seen = new Set(parsed.map((r) => r[key]));
    if (seen.size !== parsed.length) throw invalidParameter('RULE', key, `rule ${key} values must be unique`);
  }
  const defaultAction = resource.DefaultAction ?? { Allow: {} };
  if (!isObject(defaultAction) || (!isObject(defaultAction.Allow) && !isObject(defaultAction.Block))) {
    throw invalidParameter('DEFAULT_ACTION', JSON.stringify(defaultAction), 'DefaultAction must be {"Allow":{}} or {"Block":{}}');
  }
  const acl: WebAclRecord = {
    Name: name,
    Id: previous?.Id ?? randomUUID(),
    DefaultAction: defaultAction,
    Rules: parsed.sort((a, b) => a.Priority - b.Priority),
    VisibilityConfig: isObject(resource.VisibilityConfig) ? resource.VisibilityConfig : defaultVisibility(name),
    LockToken: randomUUID(),
  };
  if (typeof resource.Description === 'string') acl.Description = resource.Description;
  return acl;
}

/** The WebACL shape GetWebACL and GetWebACLForResource return. */
export function webAclView(acl: WebAclRecord, region: string, accountId: string): JsonObject {
  const view: JsonObject = {
    Name: acl.Name,
    Id: acl.Id,
    ARN: webAclArn(region, accountId, acl),
    DefaultAction: acl.DefaultAction,
    Rules: acl.Rules,
    VisibilityConfig: acl.VisibilityConfig,
    ManagedByFirewallManager: false,
    RetrofittedByFirewallManager: false,
    LabelNamespace: `awswaf:${accountId}:webacl:${acl.Name}:`,
  };
  if (acl.Description !== undefined) view.Description = acl.Description;
  return structuredClone(view);
}
