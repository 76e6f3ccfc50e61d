/**
 * `status`: the topology at a glance, and who moved traffic, when and why (src/core/status). Every key
 * is always present; a part that cannot be read is null with its reason in the `…Unknown` key next to it.
 */
import * as z from 'zod';
import { isoTime, obj, region } from './common.js';
import { healthVerdict } from './health.js';

const why = (what: string) => z.string().nullable().meta({ description: `why ${what} is null; null when it is known` });

export const statusData = obj({
  userPoolId: z.string(),
  regions: z.array(
    obj({
      region,
      role: z.enum(['PRIMARY', 'SECONDARY']),
      status: z.string().nullable().meta({ description: 'the replica state (the primary is ACTIVE); null when the Region does not host the pool or did not answer' }),
      reachable: z.boolean(),
      error: z.string().nullable().meta({ description: 'why the Region did not answer; null when it did' }),
      issuerUrl: z.string().nullable(),
      health: obj({ verdict: healthVerdict, problems: z.array(z.string()) })
        .nullable()
        .meta({ description: "the `health` command's verdict for the Region" }),
      healthUnknown: why('health'),
    }),
  ),
  tier: z.string().nullable(),
  key: obj({ type: z.string(), arn: z.string().nullable() }).nullable(),
  issuer: obj({ type: z.string(), url: z.string() }).nullable(),
  poolReadFrom: region.nullable().meta({ description: 'the Region whose DescribeUserPool gave tier, key and issuer' }),
  poolUnknown: why('tier, key and issuer'),
  dns: obj({
    strategy: z.string().nullable().meta({ description: 'weighted, cognito-domain or arc-routing-control; null when the config has no dns section' }),
    serving: region.nullable().meta({ description: 'the Region users are routed to now (during a canary, the larger share)' }),
    servingUnknown: why('serving'),
    shares: z.record(z.string(), z.number()).nullable().meta({ description: 'the share of DNS answers per Region, in percent' }),
    weights: z.record(z.string(), z.number()).nullable(),
    healthCheck: obj({ id: z.string(), healthy: z.boolean().nullable(), inverted: z.boolean().nullable() }).nullable(),
    evidence: z.string().nullable(),
  }),
  drift: obj({
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    allowed: z.number().int(),
    checkedAt: isoTime,
    scope: z.literal('quick').meta({ description: 'the drift check without --deep and without the re-check wait' }),
  }).nullable(),
  driftUnknown: why('drift'),
  lastFailover: obj({
    kind: z.enum(['failover', 'failback']),
    time: isoTime,
    from: region,
    to: region,
    actor: z.string(),
    reason: z.string(),
    checks: z.literal('passed').nullable(),
  })
    .nullable()
    .meta({ description: 'the newest failover or failback in the zone history; null with lastFailoverUnknown null: none recorded' }),
  lastFailoverUnknown: why('lastFailover'),
  lock: obj({
    holder: z.string(),
    host: z.string().nullable(),
    pid: z.number().int().nullable(),
    run: z.string().nullable(),
    command: z.string().nullable(),
    reason: z.string(),
    since: isoTime,
    expires: isoTime.nullable(),
    expired: z.boolean().meta({ description: 'the lease has ended: --break-lock may remove it' }),
    ownerGone: z.string().nullable().meta({ description: 'the owner ran on this host and its pid is gone (evidence)' }),
  })
    .nullable()
    .meta({ description: 'the failover lock; null with lockUnknown null: nobody holds it' }),
  lockUnknown: why('lock'),
});
