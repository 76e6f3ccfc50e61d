/**
 * Key policies: the default policy KMS attaches when none is given (to CreateKey and, importantly, to
 * ReplicateKey — it is never copied from the primary), and the checks a supplied policy must pass.
 */
import { SandboxError } from '../types.js';

export const DEFAULT_POLICY_NAME = 'default';
const MAX_POLICY_CHARS = 32_768;

/** The policy KMS applies when the caller omits one: the account root may do everything (IAM decides). */
export function defaultKeyPolicy(accountId: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

function malformed(reason: string): SandboxError {
  return new SandboxError('MalformedPolicyDocumentException', reason);
}

/**
 * Reject what KMS rejects with MalformedPolicyDocumentException: text that is not a JSON object, no
 * statements, or a statement without Effect, Principal or Action. The lockout safety check (does the
 * policy let the caller call PutKeyPolicy later?) is not modelled: the sandbox has no principals.
 */
export function validateKeyPolicy(policy: unknown): string {
  if (typeof policy !== 'string' || policy.trim() === '') {
    throw malformed('Policy must be a non-empty JSON document.');
  }
  if (policy.length > MAX_POLICY_CHARS) {
    throw new SandboxError('LimitExceededException', `Policy exceeds the maximum size of ${MAX_POLICY_CHARS} characters.`);
  }
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw malformed('Policy is not valid JSON.');
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    throw malformed('Policy must be a JSON object.');
  }
  const statements = (document as { Statement?: unknown }).Statement;
  // The policy grammar allows a single statement object as well as an array of them.
  const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : [];
  if (list.length === 0) {
    throw malformed('Policy must contain a Statement array with at least one statement.');
  }
  list.forEach((statement, index) => {
    if (!statement || typeof statement !== 'object') throw malformed(`Statement ${index} is not a JSON object.`);
    const { Effect, Principal, NotPrincipal, Action, NotAction } = statement as Record<string, unknown>;
    if (Effect !== 'Allow' && Effect !== 'Deny') {
      throw malformed(`Statement ${index} has an invalid Effect; expected Allow or Deny.`);
    }
    if (Principal === undefined && NotPrincipal === undefined) {
      throw malformed(`Policy contains a statement with no principal (statement ${index}).`);
    }
    if (Action === undefined && NotAction === undefined) {
      throw malformed(`Policy contains a statement with no action (statement ${index}).`);
    }
  });
  return policy;
}

/** PolicyName may only be "default"; anything else is not found. */
export function checkPolicyName(name: unknown): void {
  if (name !== undefined && name !== null && name !== DEFAULT_POLICY_NAME) {
    throw new SandboxError('NotFoundException', `No such policy: ${String(name)}`);
  }
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Does this Principal element name the service (or everyone, which includes it)? */
function principalIncludesService(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  const p = principal as Record<string, unknown>;
  return asList(p.Service).includes(service) || asList(p.AWS).includes('*');
}

/**
 * True when some Allow statement of the key policy names `service` (e.g. `cognito-idp.amazonaws.com`)
 * as principal, or any principal, with at least one KMS action. It is deliberately coarse: whether the
 * granted actions suffice is the service's business at use time, which the sandbox cannot model
 * (no cryptography, no grants). What it catches is the policy that grants the service nothing.
 */
export function policyGrantsService(policy: string | undefined, service: string): boolean {
  if (!policy) return false;
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return false;
  }
  const raw = (document as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  return list.some((statement) => {
    if (!statement || typeof statement !== 'object') return false;
    const s = statement as Record<string, unknown>;
    if (s.Effect !== 'Allow' || !principalIncludesService(s.Principal, service)) return false;
    return asList(s.Action).some((action) => action === '*' || action.toLowerCase().startsWith('kms:'));
  });
}
