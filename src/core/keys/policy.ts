/**
 * Key policies for the Cognito key: the statements mrrctl writes, and the reading of existing
 * policies (does Cognito have its statement? are there broad principals?). Pure text-in/text-out.
 *
 * A key policy is per key: the replica never inherits the primary's (aws-conformance B1, B3), so every
 * Region gets the same document written explicitly.
 */
import { canonicalJson } from '../plan/canonical-json.js';

export const COGNITO_SERVICE_PRINCIPAL = 'cognito-idp.amazonaws.com';
export const COGNITO_STATEMENT_SID = 'Allow Amazon Cognito to use this key';
const ADMIN_STATEMENT_SID = 'Enable IAM User Permissions';
/** What Cognito must be allowed to do: it works through grants it creates for itself (aws-conformance B13). */
const COGNITO_ACTIONS = ['kms:CreateGrant', 'kms:DescribeKey'];

export interface AccountRef {
  partition: string;
  accountId: string;
}

export type PolicyStatement = Record<string, unknown>;

/**
 * The one place the Cognito statement is defined. [INF] aws-conformance B13: the actions come from a
 * third-party acceptance test, and the `aws:SourceAccount` condition is a hardening guess (Cognito is
 * expected to call KMS on the pool owner's behalf with that context key set). If AWS disagrees, change
 * it here: planning, PutKeyPolicy and the policy lint all use this builder.
 */
export function cognitoKeyStatement(account: AccountRef): PolicyStatement {
  return {
    Sid: COGNITO_STATEMENT_SID,
    Effect: 'Allow',
    Principal: { Service: COGNITO_SERVICE_PRINCIPAL },
    Action: [...COGNITO_ACTIONS],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': account.accountId } },
  };
}

/** Keeps key administration with the account (IAM decides who), as KMS's default policy does. */
export function accountAdminStatement(account: AccountRef): PolicyStatement {
  return {
    Sid: ADMIN_STATEMENT_SID,
    Effect: 'Allow',
    Principal: { AWS: `arn:${account.partition}:iam::${account.accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

function policyText(statements: PolicyStatement[], id?: unknown): string {
  return JSON.stringify({ Version: '2012-10-17', ...(id !== undefined ? { Id: id } : {}), Statement: statements }, null, 2);
}

/** The policy of a key mrrctl creates (primary and replica alike). */
export function newKeyPolicy(account: AccountRef): string {
  return policyText([accountAdminStatement(account), cognitoKeyStatement(account)], 'mrrctl-cognito-mrr');
}

interface ParsedPolicy {
  document: Record<string, unknown>;
  statements: PolicyStatement[];
}

/** The policy's statements (a single statement object counts as a list of one); undefined if unreadable. */
export function parsePolicy(text: string | undefined): ParsedPolicy | undefined {
  if (text === undefined) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) return undefined;
  const raw = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  const statements = list.filter((s): s is PolicyStatement => Boolean(s) && typeof s === 'object' && !Array.isArray(s));
  return { document: document as Record<string, unknown>, statements };
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** IAM action matching: case-insensitive, `*` matches any run of characters. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return regex.test(action);
}

function grantsCognito(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  if (!principal || typeof principal !== 'object') return false;
  if (!asList((principal as Record<string, unknown>).Service).includes(COGNITO_SERVICE_PRINCIPAL)) return false;
  const actions = asList(statement.Action);
  return COGNITO_ACTIONS.every((needed) => actions.some((pattern) => actionMatches(pattern, needed)));
}

/** True when an Allow statement lets the Cognito service principal CreateGrant and DescribeKey. */
export function hasCognitoStatement(text: string | undefined): boolean {
  return parsePolicy(text)?.statements.some(grantsCognito) ?? false;
}

/**
 * The existing policy with the Cognito statement added; every other statement is kept as it is.
 * A statement already using mrrctl's Sid (an incomplete earlier version) is replaced.
 * Unreadable text gets the full policy mrrctl would create.
 */
export function withCognitoStatement(text: string | undefined, account: AccountRef): string {
  const parsed = parsePolicy(text);
  if (!parsed) return newKeyPolicy(account);
  const kept = parsed.statements.filter((s) => s.Sid !== COGNITO_STATEMENT_SID);
  const { Statement: _old, ...rest } = parsed.document;
  return JSON.stringify({ ...rest, Statement: [...kept, cognitoKeyStatement(account)] }, null, 2);
}

function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asList((principal as Record<string, unknown>).AWS).includes('*');
}

function hasConditions(statement: PolicyStatement): boolean {
  const condition = statement.Condition;
  return Boolean(condition) && typeof condition === 'object' && Object.keys(condition as object).length > 0;
}

/** Allow statements open to any principal (`"*"` or `{"AWS": "*"}`) with no condition: their Sids or positions. */
export function broadPrincipalStatements(text: string | undefined): string[] {
  const parsed = parsePolicy(text);
  if (!parsed) return [];
  return parsed.statements
    .map((statement, index) => ({ statement, label: typeof statement.Sid === 'string' && statement.Sid ? statement.Sid : `statement ${index + 1}` }))
    .filter(({ statement }) => statement.Effect === 'Allow' && isWildcardPrincipal(statement.Principal) && !hasConditions(statement))
    .map(({ label }) => label);
}

/** Same policy whatever the formatting and key order (statement order still counts). */
export function samePolicy(a: string | undefined, b: string | undefined): boolean {
  const pa = parsePolicy(a);
  const pb = parsePolicy(b);
  if (!pa || !pb) return a === b;
  return canonicalJson(pa.document) === canonicalJson(pb.document);
}
