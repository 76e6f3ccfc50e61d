/** `drift` (the report: the same document as `--format json`) and `drift fix` (a mutation). */
import * as z from 'zod';
import { obj, opaque, region, unreadableFields } from './common.js';
import { mutationData } from './mutation.js';

const severity = z.enum(['error', 'warning', 'info']);
const area = z.enum(['replica', 'lambda', 'email', 'sms', 'threat-protection', 'tags', 'log-delivery', 'waf', 'mfa', 'replicated']);

const findingFields = {
  code: z.string().meta({ description: 'a drift finding code of the registry (docs/drift.md)' }),
  severity,
  check: z.string(),
  area,
  region,
  path: z.string().meta({ description: 'what differs, e.g. secondary.LambdaConfig.PreSignUp (AWS setting names: a value, not a key)' }),
  primary: opaque("the primary's value of the setting, as AWS spells it"),
  secondary: opaque("the secondary's value of the setting, as AWS spells it"),
  message: z.string(),
  remedy: z.string(),
  fixable: z.boolean(),
  expiredAllowance: obj({ reason: z.string(), expires: z.string() }).optional().meta({ description: 'an allowance matched but has expired' }),
};

export const driftData = obj({
  userPoolId: z.string(),
  primaryRegion: region,
  secondaryRegion: region,
  checkedAt: z.string(),
  deep: z.boolean(),
  replica: obj({ status: z.string(), role: z.string() }).nullable(),
  failOn: severity,
  ok: z.boolean(),
  summary: obj({
    checks: z.number().int(),
    passed: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    allowed: z.number().int(),
    unreadable: z.number().int().meta({ description: 'checks that could not be read (each fails the report whatever --fail-on says)' }),
  }),
  checks: z.array(
    obj({
      id: z.string(),
      area,
      title: z.string(),
      status: z.enum(['pass', 'fail', 'unreadable']).meta({ description: 'fail: a finding (counting or allowed); unreadable: what it compares could not be read' }),
    }),
  ),
  findings: z.array(obj(findingFields)),
  allowed: z.array(obj({ ...findingFields, allowance: obj({ reason: z.string(), expires: z.string().nullable() }) })),
  unreadable: z
    .array(obj({ ...unreadableFields, check: z.string(), area, title: z.string(), primary: z.null(), secondary: z.null() }))
    .meta({ description: 'comparisons that could not be made (a read failed); their values are null (unknown)' }),
  recheck: obj({ performed: z.boolean(), delayMs: z.number(), firstPass: z.number().int(), resolved: z.number().int() }),
});

export const driftFixData = mutationData(obj({ cannot: z.array(z.string()), notes: z.array(z.string()) }));
