/**
 * The building blocks of the JSON contract (docs/json.md): every command's `data` is described by a
 * zod schema in this folder, one module per command, and docs/schemas/*.json is generated from them
 * (test/core/contract.test.ts keeps the files in step; test/e2e/json-contract.test.ts checks the real
 * output against them). The rules the schemas encode:
 * - objects are strict: a key the schema does not name is an error;
 * - a value that is unknown is `null`, never a missing key (`nullable`, not `optional`);
 * - keys are camelCase; a payload AWS returns verbatim (a plan step's request, a Route 53 record) is
 *   marked `aws()` and keeps AWS's field names — the one exception, named in the schema.
 */
import * as z from 'zod';

export const obj = z.strictObject;

/** A value whose structure is AWS's own (request or response shapes): AWS's PascalCase names. */
export function aws(what: string) {
  return z.unknown().meta({ description: `${what}, as AWS returns it (AWS's own field names)`, 'x-aws-verbatim': true });
}

/** Data not described key by key: its owner's own format (a plan's options, a saved world). */
export function opaque(what: string) {
  return z.unknown().meta({ description: what, 'x-opaque': true });
}

export const region = z.string().meta({ description: 'an AWS Region name, e.g. us-east-1' });
export const isoTime = z.string().meta({ description: 'an ISO 8601 timestamp' });

export const probeError = obj({ name: z.string(), message: z.string() });

/** One HTTPS probe of an OIDC endpoint. */
const httpProbe = {
  url: z.string().meta({ description: 'the https URL probed (never a sandbox-mapped one)' }),
  ok: z.boolean(),
  status: z.number().int().nullable().meta({ description: 'the HTTP status; null when no response arrived' }),
  latencyMs: z.number(),
  error: probeError.nullable(),
};

export const discoveryProbe = obj({
  ...httpProbe,
  issuer: z.string().nullable(),
  jwksUri: z.string().nullable(),
  tokenEndpoint: z.string().nullable(),
});

export const jwksProbe = obj({ ...httpProbe, keyCount: z.number().int(), kids: z.array(z.string()) });

/** The non-secret claims of an access token (JWT claim names in camelCase: clientId for client_id). */
export const tokenClaims = obj({
  iss: z.string().nullable(),
  clientId: z.string().nullable(),
  tokenUse: z.string().nullable(),
  scope: z.string().nullable(),
  exp: z.number().nullable(),
});

export const clientCredentialsCheck = obj({
  token: obj({ ...httpProbe, claims: tokenClaims.nullable() }),
  verification: obj({ ok: z.boolean(), claims: tokenClaims.nullable(), error: probeError.nullable() })
    .nullable()
    .meta({ description: 'null when no token came back' }),
});

/** A Route 53 health check's reading (src/core/health/checkers.ts). */
export const healthCheckReading = obj({
  id: z.string(),
  healthy: z.boolean().nullable().meta({ description: "the check's own status (after Disabled and Inverted); null when unreadable" }),
  endpointHealthy: z.boolean().nullable(),
  source: z.enum(['checkers', 'cloudwatch']).nullable(),
  type: z.string().nullable(),
  healthyCheckers: z.number().int(),
  checkers: z.number().int(),
  share: z.number(),
  inverted: z.boolean().nullable(),
  disabled: z.boolean().nullable(),
  error: z.string().nullable(),
});

/** A read that failed after the SDK's retries (src/core/unreadable.ts): reported, never a pass. */
export const unreadableFields = {
  service: z.string().meta({ description: "the SDK client's service name, e.g. cognito-idp ('unknown' when the failing read named none)" }),
  operation: z.string().meta({ description: "the AWS API name, e.g. DescribeUserPool ('unknown' when the failing read named none)" }),
  region: z.string().meta({ description: "the Region the read went to ('unknown' when the failing read named none)" }),
  status: z.literal('unreadable'),
  error: obj({ code: z.string(), message: z.string() }).meta({ description: "the AWS error's code and message (credentials redacted)" }),
  message: z.string().meta({ description: 'the "unreadable: … re-run after recovery" line every output shows' }),
};
export const unreadableFinding = obj(unreadableFields);

export const diagnostic = obj({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string().meta({ description: 'a code of the registry in docs/cli.md' }),
  message: z.string(),
});
