/**
 * Lambda accepts a function by name, by partial ARN (`123456789012:function:name`) or by full ARN,
 * each optionally suffixed with `:qualifier`. This module turns that string (plus the `Qualifier`
 * query parameter) into one reference checked against the Region and account being called, the way
 * Lambda answers: an ARN from another Region is "not reachable in this region".
 */
import { SandboxError } from '../types.js';
import { patternMessage } from '../wire/validation.js';

export const LATEST = '$LATEST';

export interface FunctionRef {
  name: string;
  /** `$LATEST` when neither the name nor the Qualifier parameter carries one. */
  qualifier: string;
  /** True when the caller named a qualifier (the ARN in answers is then qualified). */
  qualified: boolean;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/;
const ACCOUNT = /^\d{12}$/;

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

/** The FunctionName pattern as Lambda's validation message shows it. */
const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?' +
  '([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

function invalidName(value: string): SandboxError {
  // Lambda reports a malformed FunctionName as a constraint violation of the request shape.
  return new SandboxError(
    'ValidationException',
    patternMessage(value, 'functionName', FUNCTION_NAME_PATTERN),
    400,
  );
}

/**
 * Resolve `FunctionName` (+ optional `Qualifier`) for a call in `region` of `accountId`.
 * Throws ResourceNotFoundException for another Region or account, ValidationException when
 * malformed, InvalidParameterValueException when the two qualifiers disagree.
 */
export function resolveFunctionRef(
  raw: string,
  queryQualifier: string | null | undefined,
  region: string,
  accountId: string,
): FunctionRef {
  const parts = raw.split(':');
  let name: string;
  let suffix: string | undefined;
  if (parts[0] === 'arn') {
    // arn:partition:lambda:region:account:function:name[:qualifier]
    if (parts.length < 7 || parts.length > 8 || parts[2] !== 'lambda' || parts[5] !== 'function') {
      throw invalidName(raw);
    }
    const [, , , arnRegion, arnAccount] = parts;
    if (!ACCOUNT.test(arnAccount)) throw invalidName(raw);
    name = parts[6];
    suffix = parts[7];
    if (arnRegion !== region) {
      throw new SandboxError(
        'ResourceNotFoundException',
        `Functions from '${arnRegion}' are not reachable in this region ('${region}')`,
        404,
      );
    }
    if (arnAccount !== accountId) throw notFound(functionArn(region, arnAccount, name, suffix));
  } else if (parts.length >= 3 && parts[1] === 'function') {
    // account:function:name[:qualifier]
    if (!ACCOUNT.test(parts[0]) || parts.length > 4) throw invalidName(raw);
    name = parts[2];
    suffix = parts[3];
    if (parts[0] !== accountId) throw notFound(functionArn(region, parts[0], name, suffix));
  } else {
    if (parts.length > 2) throw invalidName(raw);
    name = parts[0];
    suffix = parts[1];
  }
  if (!NAME.test(name) || (suffix !== undefined && !QUALIFIER.test(suffix))) throw invalidName(raw);

  const fromQuery = queryQualifier ?? undefined;
  if (fromQuery !== undefined && !QUALIFIER.test(fromQuery)) {
    throw new SandboxError(
      'ValidationException',
      patternMessage(fromQuery, 'qualifier', '(|[a-zA-Z0-9$_-]+)'),
      400,
    );
  }
  if (suffix !== undefined && fromQuery !== undefined && suffix !== fromQuery) {
    throw new SandboxError(
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
      400,
    );
  }
  const qualifier = suffix ?? fromQuery;
  return { name, qualifier: qualifier ?? LATEST, qualified: qualifier !== undefined };
}

export function notFound(arn: string): SandboxError {
  return new SandboxError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
}
