/** `failover` (a mutation): the plan, and the report of what the move will do and the evidence its guards judged. */
import * as z from 'zod';
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
  impactFacts: obj({
    poolRead: z.boolean().meta({ description: "the pool's configuration could be read in the target" }),
    adminCreateOnly: z.boolean().nullable().meta({ description: 'only administrators create users (AllowAdminCreateUserOnly)' }),
    mfaConfiguration: z.string().nullable().meta({ description: 'OFF, ON or OPTIONAL' }),
    totpMfa: z.boolean().nullable().meta({ description: 'software-token (TOTP) MFA enabled' }),
    identityProviders: z.number().int().nullable(),
    issuerType: z.string().nullable(),
  })
    .nullable()
    .meta({ description: 'the facts the impact lines rest on (null members: could not be read); null for a failback' }),
  evidence: obj({
    arc: obj({
      byRegion: z.record(z.string(), z.enum(['On', 'Off'])).nullable().meta({ description: "each Region's routing control state; null when no cluster endpoint answered" }),
      endpoint: obj({ region, url: z.string() }).nullable().meta({ description: 'the cluster endpoint that answered; null when none did' }),
      failed: z.array(obj({ endpoint: obj({ region, url: z.string() }), error: z.string() })).meta({ description: 'the endpoints that did not answer, each with its error' }),
      error: z.string().nullable().meta({ description: 'why the states could not be read; null when they were' }),
    })
      .nullable()
      .meta({ description: 'the routing control states (arc-routing-control); null with the other strategies' }),
    controlPlaneError: z.string().nullable().meta({ description: "why Route 53's control plane (the zone: lock, history) could not be read; null when it answered" }),
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
