/** The IAM policy builder: the table, the catalogue, resource scoping from the config, determinism. */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config/validate.js';
import { ACTIONS, isKnownAction } from '../../../src/core/iam/actions.js';
import { actionsOf, COMMAND_NAMES, COMMAND_PERMISSIONS, resolveCommands } from '../../../src/core/iam/commands.js';
import { allowedActions, buildIamPolicy, MANAGED_POLICY_MAX_CHARS, policySize, type PolicyStatement } from '../../../src/core/iam/policy.js';
import { partitionOfRegion } from '../../../src/core/config/regions.js';
import { policyScope } from '../../../src/core/iam/scope.js';
import { iamActionFor } from '../../../src/core/iam/signing-names.js';

const TOPOLOGY = { userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };
const WEIGHTED_DNS = {
  strategy: 'weighted',
  hostedZoneId: 'Z0123456789ABC',
  recordName: 'Auth.Example.com.',
  records: {
    'us-east-1': { type: 'CNAME', value: 'a.example.net', healthCheckId: 'hc-primary' },
    'eu-west-1': { type: 'CNAME', value: 'b.example.net', healthCheckId: 'hc-secondary' },
  },
};

function config(extra: Record<string, unknown> = {}) {
  return validateConfig({ ...TOPOLOGY, ...extra }, { source: 'test.yaml' });
}

/** `account: null` = not given (--account absent). */
function policyFor(commands: string[], extra: Record<string, unknown> = {}, account: string | null = '111122223333') {
  return buildIamPolicy(commands, policyScope({ topology: TOPOLOGY, config: config(extra), account: account ?? undefined }));
}

function statement(commands: string[], sid: string, extra: Record<string, unknown> = { dns: WEIGHTED_DNS }): PolicyStatement {
  const found = policyFor(commands, extra).document?.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
}

describe('the command table and the action catalogue', () => {
  it('names only catalogued actions, calls and implied alike', () => {
    const named = COMMAND_NAMES.flatMap((c) => [...actionsOf(c).calls, ...actionsOf(c).implied.map((i) => i.action)]);
    expect(named.filter((a) => !isKnownAction(a))).toEqual([]);
    expect(named.length).toBeGreaterThan(40);
  });

  it('catalogues actions as service:Operation with at least one resource kind', () => {
    for (const [action, spec] of Object.entries(ACTIONS)) {
      expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
      expect(spec.resources.length).toBeGreaterThan(0);
    }
  });

  it('gives apply what every mutating command needs, and nothing to the commands without AWS', () => {
    const apply = actionsOf('apply').calls;
    for (const [name, p] of Object.entries(COMMAND_PERMISSIONS)) if (p.mutating) for (const c of p.calls) expect(apply, name).toContain(c);
    expect(actionsOf('cost')).toEqual({ calls: [], implied: [] });
    expect(policyFor(['cost', 'completion', 'sandbox status']).document).toBeUndefined();
  });

  it('resolves exact names, groups that are not commands themselves, and nothing else', () => {
    expect(resolveCommands('keys setup')).toEqual(['keys setup']);
    expect(resolveCommands('  keys   setup ')).toEqual(['keys setup']);
    expect(resolveCommands('replica')).toEqual(['replica create', 'replica activate', 'replica deactivate', 'replica delete', 'replica list']);
    expect(resolveCommands('drift')).toEqual(['drift']);
    expect(resolveCommands('keys setupp')).toBeUndefined();
    expect(resolveCommands('')).toBeUndefined();
    expect(COMMAND_NAMES).toContain('iam-policy');
  });

  it('maps wire names to IAM prefixes (CloudWatch signs as monitoring) and ignores OIDC traffic', () => {
    expect(iamActionFor('monitoring', 'GetMetricData')).toBe('cloudwatch:GetMetricData');
    expect(iamActionFor('ses', 'GetEmailIdentity')).toBe('ses:GetEmailIdentity');
    expect(iamActionFor('cognito-idp', 'UpdateUserPool')).toBe('cognito-idp:UpdateUserPool');
    expect(iamActionFor('oidc', 'GetJwks')).toBeUndefined();
  });
});

describe('resources scoped from the config', () => {
  it('scopes the pool to its ARN in both Regions', () => {
    expect(statement(['replica create'], 'CognitoUserPool').Resource).toEqual([
      'arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Ab12Cd34',
      'arn:aws:cognito-idp:eu-west-1:111122223333:userpool/us-east-1_Ab12Cd34',
    ]);
  });

  it('scopes keys to multi-Region keys and the alias, CreateKey to multi-Region keys in the two Regions', () => {
    expect(statement(['keys setup'], 'KmsMultiRegionKey').Resource).toEqual([
      'arn:aws:kms:us-east-1:111122223333:key/mrk-*',
      'arn:aws:kms:eu-west-1:111122223333:key/mrk-*',
    ]);
    const alias = statement(['keys setup'], 'KmsAliasAndKmsMultiRegionKey');
    expect(alias.Action).toEqual(['kms:CreateAlias']);
    expect(alias.Resource).toContain('arn:aws:kms:eu-west-1:111122223333:alias/cognito-mrr');
    const create = statement(['keys setup'], 'KmsCreateMultiRegionKey');
    expect(create.Resource).toBe('*');
    expect(create.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] }, Bool: { 'kms:MultiRegion': 'true' } });
  });

  it('lets tags go on a new key only when they are mrrctl’s own, for this pool', () => {
    const tag = statement(['keys setup'], 'KmsTagNewKey');
    expect(tag.Action).toEqual(['kms:TagResource']);
    expect(tag.Condition).toEqual({
      StringEquals: { 'aws:RequestTag/mrrctl:user-pool-id': 'us-east-1_Ab12Cd34' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['mrrctl:user-pool-id', 'mrrctl:managed-by'] },
    });
  });

  it('pins the key and the account when the config names a key ARN', () => {
    const extra = { key: { alias: 'alias/pool-key', arn: 'arn:aws:kms:us-east-1:444455556666:key/mrk-0123456789abcdef0123456789abcdef' } };
    const p = policyFor(['keys verify'], extra, null);
    // keys verify only reads: reads are on any key of the account (the pool may still be on another key).
    const reads = p.document?.Statement.find((s) => s.Sid === 'KmsReadKeys');
    expect(reads?.Resource).toEqual(['arn:aws:kms:us-east-1:444455556666:key/*', 'arn:aws:kms:eu-west-1:444455556666:key/*']);
    const writes = policyFor(['keys setup'], extra, null).document?.Statement.find((s) => s.Sid === 'KmsMultiRegionKey');
    expect(writes?.Resource).toEqual([
      'arn:aws:kms:us-east-1:444455556666:key/mrk-0123456789abcdef0123456789abcdef',
      'arn:aws:kms:eu-west-1:444455556666:key/mrk-0123456789abcdef0123456789abcdef',
    ]);
    expect(p.notes.join(' ')).not.toContain('account is unknown');
  });

  it('uses * for the account, and says so, when it cannot be known', () => {
    const p = policyFor(['status'], { dns: WEIGHTED_DNS }, null);
    expect(JSON.stringify(p.document)).toContain('arn:aws:cognito-idp:us-east-1:*:userpool/us-east-1_Ab12Cd34');
    expect(p.notes.join(' ')).toContain('--account');
  });

  it('scopes DNS changes to the zone and the record (with its lock and history records), health checks to their ids', () => {
    const change = statement(['failover'], 'Route53ChangeRecord');
    expect(change.Resource).toBe('arn:aws:route53:::hostedzone/Z0123456789ABC');
    expect(change.Condition).toEqual({
      'ForAllValues:StringEquals': {
        'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['auth.example.com', '_mrrctl-lock.auth.example.com', '_mrrctl-history.auth.example.com'],
      },
    });
    expect(statement(['failover'], 'Route53HealthChecks').Resource).toEqual(['arn:aws:route53:::healthcheck/hc-primary', 'arn:aws:route53:::healthcheck/hc-secondary']);
    expect(statement(['failover'], 'CloudWatchHealthMetrics').Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': ['us-east-1'] } });
  });

  it('leaves Route 53 record calls out when the config has no dns section, and says why', () => {
    // status reads what health and drift read too (its health verdict and drift counts).
    const p = policyFor(['status']);
    expect([...allowedActions(p.document)]).toEqual([
      'cognito-idp:DescribeRiskConfiguration',
      'cognito-idp:DescribeUserPool',
      'cognito-idp:GetLogDeliveryConfiguration',
      'cognito-idp:GetUserPoolMfaConfig',
      'cognito-idp:GetWebACLForResource',
      'cognito-idp:ListGroups',
      'cognito-idp:ListIdentityProviders',
      'cognito-idp:ListResourceServers',
      'cognito-idp:ListUserPoolClients',
      'cognito-idp:ListUserPoolReplicas',
      'firehose:DescribeDeliveryStream',
      'lambda:GetFunction',
      'lambda:GetPolicy',
      'logs:DescribeLogGroups',
      'route53:GetHealthCheck',
      'route53:GetHealthCheckStatus',
      'ses:GetEmailIdentity',
      'wafv2:ListWebACLs',
      'wafv2:GetWebACL',
      'wafv2:GetWebACLForResource',
    ]);
    expect(p.omitted).toEqual([{ action: 'route53:ListResourceRecordSets', reason: 'the config has no dns section' }]);
    expect(p.notes.join(' ')).toContain('healthcheck/*');
  });

  it('follows the partition of the Regions', () => {
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('us-isob-east-1')).toBe('aws-iso-b');
    expect(partitionOfRegion('eusc-de-east-1')).toBe('aws-eusc');
    expect(partitionOfRegion('eu-west-1')).toBe('aws');
  });
});

describe('the whole policy', () => {
  it('is deterministic, uses unique statement ids, and grants each action once', () => {
    const a = policyFor([...COMMAND_NAMES], { dns: WEIGHTED_DNS });
    const b = policyFor([...COMMAND_NAMES].reverse(), { dns: WEIGHTED_DNS });
    expect(JSON.stringify(a.document)).toBe(JSON.stringify(b.document));
    const sids = a.document!.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    const actions = a.document!.Statement.flatMap((s) => s.Action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.every((x) => !x.includes('*'))).toBe(true);
  });

  it('fits in one managed policy', () => {
    expect(policySize(policyFor([...COMMAND_NAMES], { dns: WEIGHTED_DNS }).document!)).toBeLessThan(MANAGED_POLICY_MAX_CHARS);
  });

  it('grants a read-only command no write action', () => {
    for (const command of ['status', 'preflight', 'keys verify', 'issuer status', 'replica list', 'drift', 'health']) {
      const writes = [...allowedActions(policyFor([command], { dns: WEIGHTED_DNS }).document)].filter((a) => ACTIONS[a].write);
      expect(writes, command).toEqual([]);
    }
  });
});
