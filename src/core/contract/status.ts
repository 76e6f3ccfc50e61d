/** `status`: the topology at a glance (src/core/status/status.ts). */
import { z } from 'zod';
import { obj, opaque, region } from './common.js';

const failed = obj({ error: z.string() });

export const statusData = obj({
  userPoolId: z.string(),
  regions: z.array(
    obj({
      region,
      role: z.enum(['PRIMARY', 'SECONDARY']),
      status: z.string().optional().meta({ description: 'the replica status (the primary is ACTIVE)' }),
      reachable: z.boolean(),
      error: z.string().optional(),
      issuerUrl: z.string().optional(),
      health: obj({ status: z.string(), problems: z.array(z.string()).optional() }).optional(),
    }),
  ),
  tier: z.string().optional(),
  key: obj({ type: z.string(), arn: z.string().optional() }).optional(),
  issuer: obj({ type: z.string(), url: z.string() }).optional(),
  dns: z
    .union([
      obj({ strategy: z.string(), serving: z.array(region), weights: z.record(z.string(), z.number()).optional(), inverted: z.boolean().optional(), evidence: z.string() }),
      failed,
    ])
    .optional(),
  drift: z.union([obj({ errors: z.number().int(), warnings: z.number().int(), checkedAt: z.string().optional() }), failed]).optional(),
  lastFailover: opaque('the last move on record').nullable().optional(),
  lock: opaque('the failover lock; null when free').nullable().optional(),
});
