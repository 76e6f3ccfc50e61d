/**
 * What the traffic commands (failover, canary) observed, as their reports carry it. The producers
 * live in src/core/failover and src/app/traffic; members optional here are absent when unknown (their
 * owners' shapes, not yet null-normalised), and Route 53 records are AWS's own.
 */
import * as z from 'zod';
import { aws, isoTime, obj, region } from './common.js';

const weights = z.record(z.string(), z.number()).meta({ description: 'weight per Region (keys are Region names)' });

/** The internal health-check reading (src/core/health/checkers.ts): absent members were not observed. */
export const healthCheckObservation = obj({
  id: z.string(),
  healthy: z.boolean().optional(),
  endpointHealthy: z.boolean().optional(),
  source: z.enum(['checkers', 'cloudwatch']).optional(),
  type: z.string().optional(),
  healthyCheckers: z.number().int(),
  checkers: z.number().int(),
  share: z.number(),
  inverted: z.boolean().optional(),
  disabled: z.boolean().optional(),
  error: z.string().optional(),
});

export const dnsState = obj({
  strategy: z.string().meta({ description: 'weighted, cognito-domain or arc-routing-control' }),
  serving: z.array(region).meta({ description: 'the Regions DNS sends users to now' }),
  weights: weights.optional(),
  records: z.record(z.string(), aws('the Region’s Route 53 record set')).optional(),
  healthCheck: aws("the primary's Route 53 health check (cognito-domain)").optional(),
  reading: healthCheckObservation.optional(),
  inverted: z.boolean().optional(),
  evidence: z.string(),
});

export const heldLock = obj({
  info: obj({
    holder: z.string(),
    reason: z.string(),
    since: isoTime,
    expires: isoTime,
    command: z.string(),
    id: z.string(),
    host: z.string().optional(),
    pid: z.string().optional(),
    run: z.string().optional(),
    lease: z.string().optional(),
  }).optional(),
  record: aws('the lock TXT record as listed'),
  ownerGone: z.string().optional(),
});

export const historyEvent = obj({
  kind: z.enum(['failover', 'failback', 'canary', 'canary-stop', 'break-lock']),
  time: isoTime,
  from: z.string(),
  to: z.string(),
  actor: z.string(),
  reason: z.string(),
  percent: z.number().optional(),
  restore: weights.optional(),
  checks: z.literal('passed').optional(),
});
