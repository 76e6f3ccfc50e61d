/** Key policies: what mrrctl writes and how it reads existing ones. */
import { describe, expect, it } from 'vitest';
import {
  broadPrincipalStatements,
  cognitoKeyStatement,
  hasCognitoStatement,
  newKeyPolicy,
  parsePolicy,
  samePolicy,
  withCognitoStatement,
} from '../../../src/core/keys/policy.js';
import { ACCOUNT } from './fixtures.js';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const cognito = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: { Service: 'cognito-idp.amazonaws.com' },
  Action: ['kms:CreateGrant', 'kms:DescribeKey'],
  Resource: '*',
  ...extra,
});

describe('hasCognitoStatement', () => {
  it('finds mrrctl’s own statement', () => {
    expect(hasCognitoStatement(newKeyPolicy(ACCOUNT))).toBe(true);
  });

  it('accepts a wildcard action, a principal list and a single statement object', () => {
    expect(hasCognitoStatement(doc(cognito({ Action: 'kms:*' })))).toBe(true);
    expect(hasCognitoStatement(doc(cognito({ Principal: { Service: ['lambda.amazonaws.com', 'cognito-idp.amazonaws.com'] } })))).toBe(true);
    expect(hasCognitoStatement(JSON.stringify({ Statement: cognito({ Action: ['kms:creategrant', 'kms:Describe*'] }) }))).toBe(true);
  });

  it('rejects a missing action, a Deny, another principal, or unreadable text', () => {
    expect(hasCognitoStatement(doc(cognito({ Action: 'kms:CreateGrant' })))).toBe(false);
    expect(hasCognitoStatement(doc(cognito({ Effect: 'Deny' })))).toBe(false);
    expect(hasCognitoStatement(doc(cognito({ Principal: { Service: 'cognito-identity.amazonaws.com' } })))).toBe(false);
    expect(hasCognitoStatement('not json')).toBe(false);
    expect(hasCognitoStatement(undefined)).toBe(false);
  });
});

describe('withCognitoStatement', () => {
  it('appends the statement and keeps the others, in order', () => {
    const existing = doc({ Sid: 'a', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' });
    const updated = parsePolicy(withCognitoStatement(existing, ACCOUNT))!;
    expect(updated.statements.map((s) => s.Sid)).toEqual(['a', cognitoKeyStatement(ACCOUNT).Sid]);
    expect(updated.document.Version).toBe('2012-10-17');
  });

  it('replaces an incomplete statement that carries mrrctl’s Sid', () => {
    const stale = doc({ ...cognito({ Action: 'kms:DescribeKey' }), Sid: cognitoKeyStatement(ACCOUNT).Sid });
    const updated = parsePolicy(withCognitoStatement(stale, ACCOUNT))!;
    expect(updated.statements).toHaveLength(1);
    expect(hasCognitoStatement(withCognitoStatement(stale, ACCOUNT))).toBe(true);
  });
});

describe('broadPrincipalStatements', () => {
  it('flags "*" and {"AWS":"*"} without conditions, by Sid or position', () => {
    const policy = doc(
      { Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'kms:*', Resource: '*' },
      { Sid: 'scoped', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } },
      { Sid: 'deny', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' },
    );
    expect(broadPrincipalStatements(policy)).toEqual(['open', 'statement 2']);
  });

  it('finds none in mrrctl’s policy', () => {
    expect(broadPrincipalStatements(newKeyPolicy(ACCOUNT))).toEqual([]);
  });
});

describe('samePolicy', () => {
  it('ignores formatting and key order, not content', () => {
    const a = newKeyPolicy(ACCOUNT);
    const b = JSON.stringify(JSON.parse(a));
    expect(samePolicy(a, b)).toBe(true);
    expect(samePolicy(a, withCognitoStatement(doc(), ACCOUNT))).toBe(false);
  });
});
