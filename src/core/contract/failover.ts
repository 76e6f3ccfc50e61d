/** `failover` (a mutation): the plan, and the report of what the move will do and the evidence its guards judged. */
import { z } from 'zod';
import { isoTime, obj, region } from './common.js';
import { regionHealth } from './health.js';
import { mutationData } from './mutation.js';
import { dnsState, healthCheckObservation, heldLock } from './traffic.js';

export const failoverReport = obj({
  direction: z.enum(['failover', 'failback']),
  source: region,
  target: region,
  strategy: z.string(),
  impact: z.array(z.string()).meta({ description: 'what users will notice on the target' }),
  evidence: obj({
    dns: dnsState,
    lock: heldLock.nullable(),
    antiFlap: obj({
      region,
      healthCheckId: z.string().optional(),
      want: z.enum(['healthy', 'unhealthy']),
      windowSeconds: z.number(),
      source: z.enum(['cloudwatch', 'live', 'current', 'none']),
      seconds: z.number(),
      since: isoTime.optional(),
      current: healthCheckObservation.optional(),
      ok: z.boolean(),
      detail: z.string(),
    }),
    targetHealth: regionHealth,
    lastMoves: z.array(
      obj({
        time: isoTime,
        from: z.string().optional(),
        to: z.string().optional(),
        actor: z.string().optional(),
        kind: z.string().optional(),
        source: z.enum(['history', 'journal']),
      }),
    ),
    drift: obj({
      required: z.boolean(),
      checked: z.boolean(),
      errors: z.array(z.string()),
      reason: z.string().optional(),
      sourceDown: z.boolean().optional(),
    }),
    sourceReachable: z.boolean(),
    replicaStatus: z.string().nullable(),
  }),
  nothingToDo: z.boolean(),
});

export const failoverData = mutationData(failoverReport);
