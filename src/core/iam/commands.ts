import { requiredActions } from './reference.js';

/**
 * Which AWS API calls each mrrctl command makes, as IAM actions — read from the command code (the
 * command files, the use-cases and mutation definitions in src/app, the read-port adapters in
 * src/aws/*-reader.ts, and the plan steps in src/core/<feature>/plan.ts). Adding a command is one
 * entry here; test/e2e/iam-policy.test.ts runs every command against the sandbox and fails when a
 * command calls something its entry lacks, or when an entry grants something no command was seen
 * to call; test/app/mutation-registry.test.ts fails when a mutation registered for `apply` has no
 * entry marked `mutating`.
 */

/** A permission AWS checks although it is not a call of its own (e.g. tags passed to CreateKey). */
export interface ImpliedPermission {
  action: string;
  because: string;
  /** 'doc': stated in AWS documentation; 'inf': inferred, cheap to change (see docs/iam-policy.md). */
  source: 'doc' | 'inf';
}

export interface CommandPermissions {
  /**
   * IAM actions of the API calls the command makes (on any path, including error paths). What AWS
   * checks beyond each call's own action comes from the operation table (reference.ts).
   */
  calls: readonly string[];
  /** Its plans can be saved with --plan-out and replayed by `mrrctl apply`. */
  mutating?: boolean;
  /** `apply`: replays any mutating command's plan, so it needs what they all need. */
  replaysPlans?: boolean;
}

const POOL = ['cognito-idp:DescribeUserPool', 'cognito-idp:ListUserPoolReplicas'];
/** The configured DNS record and its health check (config.dns). */
const DNS_READ = ['route53:ListResourceRecordSets', 'route53:GetHealthCheck'];
const KEY_READ = ['kms:ListAliases', 'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus'];
/**
 * Moving traffic (failover, canary): the records, the lock and history TXT records next to them, the
 * health checks and their status, the change and its INSYNC wait.
 */
const TRAFFIC = [
  'route53:ListResourceRecordSets',
  'route53:GetHealthCheck',
  'route53:GetHealthCheckStatus',
  'route53:ChangeResourceRecordSets',
  'route53:GetChange',
];
/** Both Regions' replicated and Regional settings, and the environment they depend on. */
const DRIFT_READ = [
  ...POOL,
  'cognito-idp:DescribeRiskConfiguration',
  'cognito-idp:GetUserPoolMfaConfig',
  'cognito-idp:ListUserPoolClients',
  'cognito-idp:ListResourceServers',
  'cognito-idp:ListIdentityProviders',
  'cognito-idp:ListGroups',
  'cognito-idp:GetLogDeliveryConfiguration',
  'wafv2:GetWebACLForResource',
  'wafv2:ListWebACLs',
  'wafv2:GetWebACL',
  'lambda:GetFunction',
  'lambda:GetPolicy',
  'ses:GetEmailIdentity',
  'logs:DescribeLogGroups',
  'firehose:DescribeDeliveryStream',
];

/** Commands that make no AWS call need no IAM permission. */
const NO_AWS: CommandPermissions = { calls: [] };

export const COMMAND_PERMISSIONS: Readonly<Record<string, CommandPermissions>> = {
  // status shows the health verdict (health's reads) and the drift counts (drift's quick reads).
  status: { calls: [...DRIFT_READ, ...DNS_READ, 'route53:GetHealthCheckStatus'] },
  preflight: {
    calls: [
      ...POOL,
      'cognito-idp:GetUserPoolMfaConfig',
      'cognito-idp:ListIdentityProviders',
      'cognito-idp:DescribeUserPoolDomain',
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'route53:GetHealthCheck',
    ],
  },
  'keys setup': {
    mutating: true,
    calls: [
      ...POOL,
      ...KEY_READ,
      'kms:ListKeys',
      'kms:ListResourceTags',
      'kms:CreateKey',
      'kms:CreateAlias',
      'kms:EnableKeyRotation',
      'kms:ReplicateKey',
      'kms:PutKeyPolicy',
      'cognito-idp:UpdateUserPool',
    ],
  },
  'keys verify': { calls: ['cognito-idp:DescribeUserPool', ...KEY_READ] },
  'issuer switch': {
    mutating: true,
    calls: [...POOL, 'cognito-idp:ListUserPoolClients', 'cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPool'],
  },
  'issuer status': { calls: POOL },
  'replica create': {
    mutating: true,
    calls: [...POOL, 'kms:DescribeKey', 'cognito-idp:CreateUserPoolReplica'],
  },
  // Activation checks drift first (error-severity findings block it).
  'replica activate': { mutating: true, calls: [...DRIFT_READ, 'cognito-idp:UpdateUserPoolReplica'] },
  // Both also read the custom domain: its failover routing must not point at the replica.
  'replica deactivate': { mutating: true, calls: [...POOL, ...DNS_READ, 'cognito-idp:DescribeUserPoolDomain', 'cognito-idp:UpdateUserPoolReplica'] },
  'replica delete': { mutating: true, calls: [...POOL, ...DNS_READ, 'cognito-idp:DescribeUserPoolDomain', 'cognito-idp:DeleteUserPoolReplica'] },
  'replica list': { calls: ['cognito-idp:ListUserPoolReplicas'] },
  // --deep compares every app client's full configuration.
  drift: { calls: [...DRIFT_READ, 'cognito-idp:DescribeUserPoolClient'] },
  'drift fix': {
    mutating: true,
    calls: [
      ...DRIFT_READ,
      'cognito-idp:UpdateUserPool',
      'cognito-idp:SetLogDeliveryConfiguration',
      'cognito-idp:SetRiskConfiguration',
      'lambda:AddPermission',
      'wafv2:AssociateWebACL',
    ],
  },
  health: { calls: [...POOL, 'route53:GetHealthCheck', 'route53:GetHealthCheckStatus'] },
  failover: {
    mutating: true,
    calls: [
      ...DRIFT_READ, // the drift guard
      ...TRAFFIC,
      'cognito-idp:UpdateUserPoolReplica', // activates an INACTIVE target replica
      'route53:TestDNSAnswer', // weighted: verify the answer
      'route53:UpdateHealthCheck', // cognito-domain: invert the health check
      'cloudwatch:GetMetricData', // anti-flap: how long the source has been unhealthy
    ],
  },
  canary: { mutating: true, calls: [...POOL, ...TRAFFIC] },
  'canary stop': { mutating: true, calls: TRAFFIC },
  apply: { calls: [], replaysPlans: true },
  'iam-policy': NO_AWS,
  cost: NO_AWS,
  completion: NO_AWS,
  // Rehearses on an ephemeral sandbox it starts itself: never AWS.
  rehearse: NO_AWS,
  // The sandbox commands talk to the sandbox's admin API, never to AWS.
  'sandbox start': NO_AWS,
  'sandbox stop': NO_AWS,
  'sandbox status': NO_AWS,
  'sandbox seed': NO_AWS,
  'sandbox fault': NO_AWS,
  'sandbox reset': NO_AWS,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(COMMAND_PERMISSIONS);

/** The IAM actions a command's calls and implied permissions need (apply: every mutating command's). */
export function actionsOf(command: string): { calls: string[]; implied: ImpliedPermission[] } {
  const entry = COMMAND_PERMISSIONS[command];
  if (!entry) return { calls: [], implied: [] };
  const sources = entry.replaysPlans ? Object.values(COMMAND_PERMISSIONS).filter((p) => p.mutating) : [entry];
  const calls = [...new Set(sources.flatMap((p) => p.calls))].sort();
  const implied = new Map<string, ImpliedPermission>();
  for (const call of calls) {
    const rows = requiredActions(call);
    if (!rows) throw new TypeError(`iam: ${call} has no row in the operation table (src/core/iam/reference.ts)`);
    for (const row of rows) {
      if (calls.includes(row.action) || implied.has(row.action)) continue;
      const because = `${row.because ?? `${call} also needs it`}${row.when ? ` (when the request carries ${row.when})` : ''}`;
      implied.set(row.action, { action: row.action, because, source: row.source });
    }
  }
  return { calls, implied: [...implied.values()].sort((a, b) => a.action.localeCompare(b.action)) };
}

/**
 * `--command` → the commands it names: an exact name ("keys setup", "drift"), or a group that is not
 * itself a command ("keys", "replica", "sandbox"). Undefined when it names nothing.
 */
export function resolveCommands(name: string): string[] | undefined {
  const wanted = name.trim().replace(/\s+/g, ' ');
  if (Object.hasOwn(COMMAND_PERMISSIONS, wanted)) return [wanted];
  const group = COMMAND_NAMES.filter((c) => c.startsWith(`${wanted} `));
  return group.length > 0 ? group : undefined;
}
