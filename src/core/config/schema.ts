/**
 * The mrrctl config file (cli-contract.md "Config file"), as a zod schema. Pure: no file or environment access.
 * Every leaf carries one expectation text, used whatever went wrong with it (missing, wrong type, bad
 * shape), because error messages read "<field>: got <value>, expected <expectation>".
 * Relations between fields (primary ≠ secondary, a record per Region, …) are in semantic-checks.ts.
 */
import * as z from 'zod';
import { CONFIG_LIMITS } from './limits.js';
import { isRegionName, regionExpectation } from './regions.js';

export { isRegionName } from './regions.js';

const USER_POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;

/** A user pool id such as `us-east-1_Ab12Cd34`: `<Region>_<letters/digits>`, at most 55 characters. */
export function isUserPoolId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= 55 &&
    USER_POOL_ID_PATTERN.test(value) &&
    isRegionName(userPoolRegion(value))
  );
}

/** The Region a pool id was created in (its prefix); for MRR that is the primary Region. */
export function userPoolRegion(userPoolId: string): string {
  return userPoolId.slice(0, userPoolId.lastIndexOf('_'));
}

export function userPoolIdExpectation(input: unknown): string {
  const base = 'a user pool id such as us-east-1_Ab12Cd34 (<Region>_<letters and digits>, at most 55 characters)';
  if (typeof input === 'string' && USER_POOL_ID_PATTERN.test(input) && input.length <= 55) {
    return `${base}; "${userPoolRegion(input)}" is not an AWS Region name`;
  }
  return base;
}

/** A string leaf with one expectation (static, or computed from the bad input for "did you mean"). */
function text(expected: string | ((input: unknown) => string), ok: (value: string) => boolean = () => true) {
  const say = typeof expected === 'string' ? () => expected : expected;
  return z.string({ error: (issue) => say(issue.input) }).refine(ok, { error: (issue) => say(issue.input) });
}

function wholeNumber(expected: string, min: number, max: number) {
  return z
    .number({ error: expected })
    .int({ error: expected })
    .min(min, { error: expected })
    .max(max, { error: expected });
}

export const regionNameSchema = text(regionExpectation, isRegionName);
export const userPoolIdSchema = text(userPoolIdExpectation, isUserPoolId);

const KMS_ALIAS_PATTERN = /^alias\/[A-Za-z0-9/_-]+$/;
const KMS_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key|alias)\/[A-Za-z0-9/_-]+$/;
const HOSTED_ZONE_ID_PATTERN = /^(?:\/hostedzone\/)?[A-Z0-9]{1,32}$/;
const DNS_LABEL = '(?:\\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)';
const DNS_NAME_PATTERN = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?$`);
const APP_CLIENT_ID_PATTERN = /^[\w+]{1,128}$/;

export function isDnsName(value: string): boolean {
  return value.length <= 255 && DNS_NAME_PATTERN.test(value);
}

const keySchema = z.strictObject(
  {
    alias: text(
      'a KMS alias name such as alias/cognito-mrr (letters, digits, /, _ and -, not under alias/aws/)',
      (v) => v.length <= 256 && KMS_ALIAS_PATTERN.test(v) && !v.startsWith('alias/aws/'),
    ),
    arn: text('a KMS key or alias ARN such as arn:aws:kms:us-east-1:111122223333:key/mrk-…', (v) =>
      KMS_ARN_PATTERN.test(v),
    ).optional(),
  },
  { error: 'a mapping with alias (and optionally arn)' },
);

export const DNS_RECORD_TYPES = ['CNAME', 'A', 'AAAA', 'ALIAS'] as const;
export const DNS_STRATEGIES = ['weighted', 'cognito-domain', 'arc-routing-control'] as const;

const healthCheckId = text('a Route 53 health check id (1–64 characters)', (v) => v.length >= 1 && v.length <= 64);

const dnsRecordSchema = z.strictObject(
  {
    type: z.enum(DNS_RECORD_TYPES, { error: 'one of CNAME, A, AAAA, ALIAS' }),
    value: text('the record value: a DNS name for CNAME and ALIAS, an IP address for A and AAAA', (v) => v.length > 0),
    healthCheckId: healthCheckId.optional(),
    setIdentifier: text('a weighted-record set identifier (1–128 characters)', (v) => v.length >= 1 && v.length <= 128).optional(),
  },
  { error: 'a mapping with type and value (and optionally healthCheckId, setIdentifier)' },
);

const ARC_ARN = 'arn:aws[a-z-]*:route53-recovery-control::\\d{12}';
const ARC_ID = '[A-Za-z0-9-]{1,128}';
const CLUSTER_ARN_PATTERN = new RegExp(`^${ARC_ARN}:cluster/${ARC_ID}$`);
const ROUTING_CONTROL_ARN_PATTERN = new RegExp(`^${ARC_ARN}:controlpanel/${ARC_ID}/routingcontrol/${ARC_ID}$`);

/** `http:` is accepted for local endpoints such as the sandbox's; AWS's own endpoints are https. */
function isEndpointUrl(value: string): boolean {
  if (value.length > 128) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

const arcEndpointSchema = z.strictObject(
  {
    region: regionNameSchema,
    url: text('a cluster endpoint URL such as https://host-aaaaaa.us-east-1.example.aws/v1 (at most 128 characters, no query)', isEndpointUrl),
  },
  { error: 'a mapping with region and url (one of the cluster endpoints DescribeCluster lists)' },
);

/**
 * Route 53 ARC routing controls (docs/aws-conformance.md G3). The endpoints are recorded ahead of time so
 * that a failover never has to ask the us-west-2 control-config API during an event; the Region keys of
 * `routingControls` are checked against the topology in arc-checks.ts.
 */
const arcSchema = z.strictObject(
  {
    clusterArn: text(
      'an ARC cluster ARN such as arn:aws:route53-recovery-control::111122223333:cluster/<id>',
      (v) => CLUSTER_ARN_PATTERN.test(v),
    ),
    endpoints: z
      .array(arcEndpointSchema, { error: 'a list of {region, url} cluster endpoints' })
      .min(1, { error: 'between 1 and 5 cluster endpoints (a cluster has five)' })
      .max(5, { error: 'between 1 and 5 cluster endpoints (a cluster has five)' })
      .optional(),
    routingControls: z.record(
      z.string(),
      text(
        'a routing control ARN such as arn:aws:route53-recovery-control::111122223333:controlpanel/<id>/routingcontrol/<id>',
        (v) => ROUTING_CONTROL_ARN_PATTERN.test(v),
      ),
      { error: 'a mapping from Region name to routing control ARN (the primary and the secondary)' },
    ),
    safetyRules: z
      .array(text('a safety rule name (1–64 characters)', (v) => v.length >= 1 && v.length <= 64), {
        error: 'a list of safety rule names',
      })
      .default([]),
  },
  { error: 'a mapping with clusterArn, routingControls (and optionally endpoints, safetyRules)' },
);

const dnsSchema = z.strictObject(
  {
    strategy: z.enum(DNS_STRATEGIES, { error: 'weighted, cognito-domain or arc-routing-control' }),
    hostedZoneId: text('a Route 53 hosted zone id such as Z0123456789ABC', (v) => HOSTED_ZONE_ID_PATTERN.test(v)),
    recordName: text('a DNS name such as auth.example.com', isDnsName),
    // Keys are checked (Region names, the two topology Regions) in semantic-checks.ts, where the
    // message can name the Regions the file declares.
    records: z.record(z.string(), dnsRecordSchema, { error: 'a mapping from Region name to record' }).optional(),
    healthCheckId: healthCheckId.optional(),
    ttl: wholeNumber('a TTL in whole seconds from 0 to 2147483647', 0, 2_147_483_647).optional(),
    arc: arcSchema.optional(),
  },
  { error: 'a mapping with strategy, hostedZoneId, recordName, and records, healthCheckId or arc' },
);

export const GUARD_DEFAULTS = { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true } as const;

const guardsSchema = z
  .strictObject(
    {
      minUnhealthySeconds: wholeNumber('a whole number of seconds, 0 or more', 0, Number.MAX_SAFE_INTEGER).default(
        GUARD_DEFAULTS.minUnhealthySeconds,
      ),
      cooldownSeconds: wholeNumber('a whole number of seconds, 0 or more', 0, Number.MAX_SAFE_INTEGER).default(
        GUARD_DEFAULTS.cooldownSeconds,
      ),
      requireDriftClean: z.boolean({ error: 'true or false' }).default(GUARD_DEFAULTS.requireDriftClean),
    },
    { error: 'a mapping with minUnhealthySeconds, cooldownSeconds, requireDriftClean' },
  )
  .prefault({});

export { PROBE_SECRET_ENV } from './constants.js';

const probeSchema = z.strictObject(
  {
    clientId: text('an app client id (letters, digits, _ and +)', (v) =>
      APP_CLIENT_ID_PATTERN.test(v),
    ),
  },
  { error: 'a mapping with clientId' },
);

const EXPIRES_EXPECTATION = 'an ISO 8601 date such as 2026-12-31 or date-time such as 2026-12-31T18:00:00Z';
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

/**
 * `expires` becomes the instant the allowance stops applying. A bare date means "through that day"
 * (UTC), so `expires: 2026-12-31` still silences the finding on the 31st. [INF]
 */
const expiresSchema = z
  .string({ error: EXPIRES_EXPECTATION })
  .refine((v) => isoDate.safeParse(v).success || isoDateTime.safeParse(v).success, { error: EXPIRES_EXPECTATION })
  .transform((v) =>
    isoDate.safeParse(v).success ? new Date(Date.parse(`${v}T00:00:00Z`) + 24 * 60 * 60 * 1000) : new Date(v),
  );

const driftAllowSchema = z.strictObject(
  {
    path: text('the finding path to allow, such as secondary.LambdaConfig.CustomMessage', (v) => v.trim() !== ''),
    reason: text('a non-empty reason why this difference is expected', (v) => v.trim() !== ''),
    expires: expiresSchema.optional(),
  },
  { error: 'a mapping with path, reason and optionally expires' },
);

const driftSchema = z
  .strictObject(
    {
      allow: z
        .array(driftAllowSchema, { error: 'a list of {path, reason, expires?} entries' })
        .max(CONFIG_LIMITS.maxAllowEntries, {
          error: `at most ${CONFIG_LIMITS.maxAllowEntries} entries (one per expected difference)`,
        })
        .default([]),
    },
    { error: 'a mapping with allow' },
  )
  .prefault({});

export const mrrConfigSchema = z.strictObject(
  {
    userPoolId: userPoolIdSchema.optional(),
    primaryRegion: regionNameSchema.optional(),
    secondaryRegion: regionNameSchema.optional(),
    key: keySchema.optional(),
    dns: dnsSchema.optional(),
    guards: guardsSchema,
    probe: probeSchema.optional(),
    drift: driftSchema,
  },
  { error: 'a mapping of settings such as userPoolId, primaryRegion, secondaryRegion' },
);

/** The validated config with defaults applied (guards and drift.allow are always present). */
export type MrrConfig = z.output<typeof mrrConfigSchema>;
/** What a config file may contain (before defaults), e.g. for writing one. */
export type MrrConfigInput = z.input<typeof mrrConfigSchema>;
export type DnsConfig = NonNullable<MrrConfig['dns']>;
export type DnsRecordConfig = z.output<typeof dnsRecordSchema>;
/** `dns.arc` of the arc-routing-control strategy (safetyRules defaults to []). */
export type ArcConfig = z.output<typeof arcSchema>;
export type ArcEndpointConfig = z.output<typeof arcEndpointSchema>;
export type DriftAllowance = z.output<typeof driftAllowSchema>;
export type GuardsConfig = MrrConfig['guards'];

/** Keys a mapping accepts, for "unknown key … did you mean" messages. Paths use `*` for map entries. */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(mrrConfigSchema.shape),
  key: Object.keys(keySchema.shape),
  dns: Object.keys(dnsSchema.shape),
  'dns.records.*': Object.keys(dnsRecordSchema.shape),
  'dns.arc': Object.keys(arcSchema.shape),
  'dns.arc.endpoints.*': Object.keys(arcEndpointSchema.shape),
  guards: ['minUnhealthySeconds', 'cooldownSeconds', 'requireDriftClean'],
  probe: Object.keys(probeSchema.shape),
  drift: ['allow'],
  'drift.allow.*': Object.keys(driftAllowSchema.shape),
};
