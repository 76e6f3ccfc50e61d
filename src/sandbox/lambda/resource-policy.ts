/**
 * A function's resource-based policy: the document GetPolicy returns as a JSON string, the
 * statement AddPermission appends, and the checks a seeded policy must pass. Drift reads this to
 * decide whether Cognito (`cognito-idp.amazonaws.com`) may invoke a trigger in a Region.
 */
import { SandboxError, type JsonObject } from '../types.js';
import { notNullMessage, patternMessage } from '../wire/validation.js';

export interface PolicyDocument {
  Version: string;
  Id: string;
  Statement: JsonObject[];
}

export interface PermissionInput {
  StatementId?: unknown;
  Action?: unknown;
  Principal?: unknown;
  SourceArn?: unknown;
  SourceAccount?: unknown;
  EventSourceToken?: unknown;
  PrincipalOrgID?: unknown;
  FunctionUrlAuthType?: unknown;
}

export function emptyPolicy(): PolicyDocument {
  return { Version: '2012-10-17', Id: 'default', Statement: [] };
}

function requiredString(value: unknown, member: string, pattern: RegExp, patternText: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SandboxError('ValidationException', notNullMessage(member), 400);
  }
  if (!pattern.test(value)) throw new SandboxError('ValidationException', patternMessage(value, member, patternText), 400);
  return value;
}

/** How Lambda writes a principal into the statement it generates. */
function principalOf(principal: string): JsonObject | string {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/** The statement AddPermission adds for `input` on the function (or version) `resourceArn`. */
export function statementFor(input: PermissionInput, resourceArn: string): JsonObject {
  const sid = requiredString(input.StatementId, 'statementId', /^[a-zA-Z0-9_.-]{1,100}$/, '([a-zA-Z0-9-_.]+)');
  const action = requiredString(
    input.Action,
    'action',
    /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/,
    '(lambda:[*]|lambda:[a-zA-Z]+|[*])',
  );
  const principal = requiredString(input.Principal, 'principal', /^[^\s]+$/, '[^\\s]+');

  const stringEquals: JsonObject = {};
  if (typeof input.SourceAccount === 'string') stringEquals['AWS:SourceAccount'] = input.SourceAccount;
  if (typeof input.PrincipalOrgID === 'string') stringEquals['aws:PrincipalOrgID'] = input.PrincipalOrgID;
  if (typeof input.EventSourceToken === 'string') stringEquals['lambda:EventSourceToken'] = input.EventSourceToken;
  if (typeof input.FunctionUrlAuthType === 'string') {
    stringEquals['lambda:FunctionUrlAuthType'] = input.FunctionUrlAuthType;
  }
  const condition: JsonObject = {};
  if (Object.keys(stringEquals).length > 0) condition.StringEquals = stringEquals;
  if (typeof input.SourceArn === 'string') condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };

  const statement: JsonObject = {
    Sid: sid,
    Effect: 'Allow',
    Principal: principalOf(principal),
    Action: action,
    Resource: resourceArn,
  };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

/**
 * Accept a seeded policy as a JSON string or object. Statement may be one object or a list (IAM
 * allows both); it is stored as a list so AddPermission can append.
 */
export function parseSeededPolicy(policy: unknown): PolicyDocument {
  let doc: unknown = policy;
  if (typeof policy === 'string') {
    try {
      doc = JSON.parse(policy);
    } catch {
      throw new SandboxError('InvalidParameterValueException', 'Policy is not valid JSON', 400);
    }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new SandboxError('InvalidParameterValueException', 'Policy must be a JSON object', 400);
  }
  const obj = doc as JsonObject;
  const statements = Array.isArray(obj.Statement) ? obj.Statement : obj.Statement ? [obj.Statement] : null;
  if (!statements || statements.some((s: unknown) => !s || typeof s !== 'object' || Array.isArray(s))) {
    throw new SandboxError('InvalidParameterValueException', 'Policy must carry a Statement list of objects', 400);
  }
  return {
    Version: typeof obj.Version === 'string' ? obj.Version : '2012-10-17',
    Id: typeof obj.Id === 'string' ? obj.Id : 'default',
    Statement: statements as JsonObject[],
  };
}
