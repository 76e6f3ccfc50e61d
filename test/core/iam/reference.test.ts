/**
 * The generated policies against the Service Authorization Reference's operation → action table
 * (src/core/iam/reference.ts): every action each operation needs is granted, on every resource type
 * it is checked against. Expected ARNs are written out.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config/validate.js';
import { actionsOf, COMMAND_NAMES } from '../../../src/core/iam/commands.js';
import { buildIamPolicy, type PolicyStatement } from '../../../src/core/iam/policy.js';
import { OPERATION_ACTIONS, REFERENCE_PAGES, requiredActions } from '../../../src/core/iam/reference.js';
import { scopeResource } from '../../../src/core/iam/resources.js';
import { policyScope } from '../../../src/core/iam/scope.js';

const TOPOLOGY = { userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };
const DNS = {
  strategy: 'weighted',
  hostedZoneId: 'Z0123456789ABC',
  recordName: 'auth.example.com.',
  records: {
    'us-east-1': { type: 'CNAME', value: 'a.example.net', healthCheckId: 'hc-primary' },
    'eu-west-1': { type: 'CNAME', value: 'b.example.net', healthCheckId: 'hc-secondary' },
  },
};
const SCOPE = policyScope({ topology: TOPOLOGY, config: validateConfig({ ...TOPOLOGY, dns: DNS }, { source: 't.yaml' }), account: '111122223333' });

const PANEL = 'arn:aws:route53-recovery-control::111122223333:controlpanel/0123456789abcdef0123456789abcdef';
const EAST = `${PANEL}/routingcontrol/aaaaaaaaaaaaaa`;
const WEST = `${PANEL}/routingcontrol/bbbbbbbbbbbbbb`;
const CLUSTER = 'arn:aws:route53-recovery-control::111122223333:cluster/8d47920e-d789-437d-803a-2dcc4b204393';
const ARC_DNS = {
  strategy: 'arc-routing-control',
  hostedZoneId: 'Z0123456789ABC',
  recordName: 'auth.example.com.',
  records: {
    'us-east-1': { type: 'CNAME', value: 'a.example.net', healthCheckId: 'hc-east-rc' },
    'eu-west-1': { type: 'CNAME', value: 'b.example.net', healthCheckId: 'hc-west-rc' },
  },
  arc: {
    clusterArn: CLUSTER,
    endpoints: [{ region: 'us-west-2', url: 'https://host-aaaaaa.us-west-2.example.aws/v1' }],
    routingControls: { 'us-east-1': EAST, 'eu-west-1': WEST },
    safetyRules: ['at-least-one-on'],
  },
};
const ARC_SCOPE = policyScope({ topology: TOPOLOGY, config: validateConfig({ ...TOPOLOGY, dns: ARC_DNS }, { source: 'arc.yaml' }), account: '111122223333' });

function statementsWith(commands: string[], action: string, scope = SCOPE): PolicyStatement[] {
  return (buildIamPolicy(commands, scope).document?.Statement ?? []).filter((s) => s.Action.includes(action));
}

const list = (r: string | string[]) => (Array.isArray(r) ? r : [r]);

/** IAM resource matching: `*` matches any run of characters (case-sensitive, as ARNs are). */
function arnMatches(pattern: string, arn: string): boolean {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(arn);
}

describe('the operation → action table', () => {
  it('has a row for every call of every command, own action first, each service with its reference page', () => {
    for (const command of COMMAND_NAMES) {
      for (const call of actionsOf(command, 'arc-routing-control').calls) {
        const rows = requiredActions(call);
        expect(rows, `${command}: ${call}`).toBeDefined();
        expect(rows![0].action).toBe(call);
      }
    }
    for (const rows of Object.values(OPERATION_ACTIONS)) {
      for (const row of rows) {
        const prefix = row.action.split(':')[0];
        if (prefix !== 'iam') expect(REFERENCE_PAGES[prefix], row.action).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/service-authorization\//);
        expect(['doc', 'inf']).toContain(row.source);
        expect(row.resources.length).toBeGreaterThan(0);
      }
    }
  });

  it('every generated policy (weighted and ARC configs) grants each needed action on every resource type the table names', () => {
    const gaps: string[] = [];
    for (const scope of [SCOPE, ARC_SCOPE]) {
      for (const command of COMMAND_NAMES) {
        for (const call of actionsOf(command, scope.dnsStrategy).calls) {
          for (const row of requiredActions(call)!) {
            const granted = statementsWith([command], row.action, scope).flatMap((s) => list(s.Resource));
            if (granted.length === 0) gaps.push(`${scope.dnsStrategy} ${command}: ${call} needs ${row.action}`);
            for (const kind of row.resources) {
              const scoped = scopeResource(kind, scope);
              if ('unavailable' in scoped) continue;
              for (const arn of scoped.resources) if (!granted.includes(arn)) gaps.push(`${scope.dnsStrategy} ${command}: ${row.action} lacks ${arn} (${kind})`);
            }
          }
        }
      }
    }
    expect(gaps).toEqual([]);
  });
});

describe('what the reference says, in the generated policy', () => {
  it('cognito-idp:AssociateWebACL is granted on the user pool AND the web ACL', () => {
    const [s] = statementsWith(['drift fix'], 'cognito-idp:AssociateWebACL');
    expect(list(s.Resource)).toEqual([
      'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/*/*',
      'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/*/*',
      'arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Ab12Cd34',
      'arn:aws:cognito-idp:eu-west-1:111122223333:userpool/us-east-1_Ab12Cd34',
    ]);
  });

  it('KMS reads reach a key that is not multi-Region (adoption reads the pool’s current key)', () => {
    const singleRegionKey = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    for (const action of ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags']) {
      const resources = statementsWith(['keys setup'], action).flatMap((s) => list(s.Resource));
      expect(resources.some((p) => arnMatches(p, singleRegionKey)), action).toBe(true);
    }
    // Writes stay on multi-Region keys.
    const put = statementsWith(['keys setup'], 'kms:PutKeyPolicy').flatMap((s) => list(s.Resource));
    expect(put.some((p) => arnMatches(p, singleRegionKey))).toBe(false);
    expect(put).toEqual(['arn:aws:kms:us-east-1:111122223333:key/mrk-*', 'arn:aws:kms:eu-west-1:111122223333:key/mrk-*']);
  });

  it('UpdateUserPool (a full read-modify-write) may pass the pool’s SMS role to Cognito and rewrite its tags', () => {
    for (const command of ['keys setup', 'issuer switch', 'drift fix']) {
      const [pass] = statementsWith([command], 'iam:PassRole');
      expect(pass, command).toMatchObject({
        Resource: 'arn:aws:iam::111122223333:role/*',
        Condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } },
      });
      const tags = statementsWith([command], 'cognito-idp:TagResource').concat(statementsWith([command], 'cognito-idp:UntagResource'));
      expect(tags.flatMap((s) => list(s.Resource))).toContain('arn:aws:cognito-idp:eu-west-1:111122223333:userpool/us-east-1_Ab12Cd34');
    }
    expect(statementsWith(['issuer status'], 'iam:PassRole')).toEqual([]);
    const reasons = actionsOf('issuer switch').implied.map((i) => `${i.action}: ${i.because}`);
    expect(reasons).toContain('iam:PassRole: UpdateUserPool passes the SMS role (SmsConfiguration.SnsCallerArn) to Cognito (when the request carries SmsConfiguration.SnsCallerArn)');
  });
});

describe('ARC routing controls (dns.strategy arc-routing-control)', () => {
  const arcActions = (commands: string[], scope = ARC_SCOPE) =>
    (buildIamPolicy(commands, scope).document?.Statement ?? []).flatMap((s) => s.Action).filter((a) => a.startsWith('route53-recovery-')).sort();

  it('failover: the state calls on the two routing controls, ListRoutingControls on "*", ListSafetyRules on the control panel', () => {
    const statements = buildIamPolicy(['failover'], ARC_SCOPE).document!.Statement.filter((s) => s.Sid.startsWith('Arc'));
    expect(statements).toEqual([
      { Sid: 'ArcControlPanels', Effect: 'Allow', Action: ['route53-recovery-control-config:ListSafetyRules'], Resource: PANEL },
      { Sid: 'ArcListRoutingControls', Effect: 'Allow', Action: ['route53-recovery-cluster:ListRoutingControls'], Resource: '*' },
      {
        Sid: 'ArcRoutingControls',
        Effect: 'Allow',
        Action: [
          'route53-recovery-cluster:GetRoutingControlState',
          'route53-recovery-cluster:UpdateRoutingControlState',
          'route53-recovery-cluster:UpdateRoutingControlStates',
        ],
        Resource: [EAST, WEST],
      },
    ]);
  });

  it('preflight: the control-config reads on the cluster, the control panel and the routing controls', () => {
    const statements = buildIamPolicy(['preflight'], ARC_SCOPE).document!.Statement.filter((s) => s.Sid.startsWith('Arc'));
    expect(statements).toEqual([
      { Sid: 'ArcCluster', Effect: 'Allow', Action: ['route53-recovery-control-config:DescribeCluster'], Resource: CLUSTER },
      { Sid: 'ArcControlPanels', Effect: 'Allow', Action: ['route53-recovery-control-config:ListSafetyRules'], Resource: PANEL },
      {
        Sid: 'ArcRoutingControls',
        Effect: 'Allow',
        Action: [
          'route53-recovery-cluster:GetRoutingControlState',
          'route53-recovery-control-config:DescribeRoutingControl',
          'route53-recovery-control-config:ListAssociatedRoute53HealthChecks',
        ],
        Resource: [EAST, WEST],
      },
    ]);
    // The records' RECOVERY_CONTROL checks are read through the zone.
    expect(statementsWith(['preflight'], 'route53:ListResourceRecordSets', ARC_SCOPE)).toHaveLength(1);
  });

  it('status and health read the routing control states only', () => {
    expect(arcActions(['status'])).toEqual(['route53-recovery-cluster:GetRoutingControlState']);
    expect(arcActions(['health'])).toEqual(['route53-recovery-cluster:GetRoutingControlState']);
  });

  it('a weighted config grants no ARC action', () => {
    expect(arcActions(COMMAND_NAMES.filter((c) => c !== 'apply'), SCOPE)).toEqual([]);
  });

  it('every ARC row says where it comes from: the cluster rows the reference, the control-config rows inferred', () => {
    const rows = Object.values(OPERATION_ACTIONS).flat().filter((r) => r.action.startsWith('route53-recovery-'));
    expect(rows.map((r) => `${r.action} ${r.source}`).sort()).toEqual([
      'route53-recovery-cluster:GetRoutingControlState doc',
      'route53-recovery-cluster:ListRoutingControls doc',
      'route53-recovery-cluster:UpdateRoutingControlState doc',
      'route53-recovery-cluster:UpdateRoutingControlStates doc',
      'route53-recovery-control-config:DescribeCluster inf',
      'route53-recovery-control-config:DescribeRoutingControl inf',
      'route53-recovery-control-config:ListAssociatedRoute53HealthChecks inf',
      'route53-recovery-control-config:ListSafetyRules inf',
    ]);
  });
});
