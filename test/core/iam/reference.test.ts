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

function statementsWith(commands: string[], action: string): PolicyStatement[] {
  return (buildIamPolicy(commands, SCOPE).document?.Statement ?? []).filter((s) => s.Action.includes(action));
}

const list = (r: string | string[]) => (Array.isArray(r) ? r : [r]);

/** IAM resource matching: `*` matches any run of characters (case-sensitive, as ARNs are). */
function arnMatches(pattern: string, arn: string): boolean {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(arn);
}

describe('the operation → action table', () => {
  it('has a row for every call of every command, own action first, each service with its reference page', () => {
    for (const command of COMMAND_NAMES) {
      for (const call of actionsOf(command).calls) {
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

  it('every generated policy grants each needed action on every resource type the table names', () => {
    const gaps: string[] = [];
    for (const command of COMMAND_NAMES) {
      for (const call of actionsOf(command).calls) {
        for (const row of requiredActions(call)!) {
          const granted = statementsWith([command], row.action).flatMap((s) => list(s.Resource));
          if (granted.length === 0) gaps.push(`${command}: ${call} needs ${row.action}`);
          for (const kind of row.resources) {
            const scoped = scopeResource(kind, SCOPE);
            if ('unavailable' in scoped) continue;
            for (const arn of scoped.resources) if (!granted.includes(arn)) gaps.push(`${command}: ${row.action} lacks ${arn} (${kind})`);
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
