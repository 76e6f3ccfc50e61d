/** `mrrctl health` data: both Regions side by side, and the issuer as apps see it. */
import * as z from 'zod';
import { clientCredentialsCheck, discoveryProbe, healthCheckReading, jwksProbe, obj, region } from './common.js';

export const healthVerdict = z.enum(['healthy', 'unhealthy', 'inactive', 'absent']).meta({
  description: 'healthy; unhealthy (see problems); inactive (an INACTIVE replica: healthy but serving nothing); absent (the Region does not host the pool)',
});

export const regionHealth = obj({
  region,
  role: z.enum(['primary', 'secondary']),
  replicaStatus: z.string().nullable().meta({ description: 'ACTIVE, INACTIVE, CREATING…; null when the Region does not host the pool or did not answer' }),
  healthCheck: healthCheckReading.nullable().meta({ description: 'null when no health check is configured for the Region' }),
  discovery: discoveryProbe.nullable(),
  jwks: jwksProbe.nullable(),
  token: clientCredentialsCheck.nullable().meta({ description: 'null when no token was requested (see tokenSkipped)' }),
  tokenSkipped: z.string().nullable().meta({ description: 'why no token was requested; null when one was' }),
  verdict: healthVerdict,
  problems: z.array(z.string()),
  unverified: z.array(z.string()).meta({ description: 'URLs probed whose behaviour AWS does not document' }),
});

/** arc-routing-control: the routing control states, as the cluster's data plane answered them. */
export const routingControlsHealth = obj({
  states: z
    .record(z.string(), z.enum(['On', 'Off']))
    .nullable()
    .meta({ description: "each Region's routing control state, by Region (On: its RECOVERY_CONTROL health check is healthy and DNS answers with it); null when no cluster endpoint answered" }),
  endpoint: z.string().nullable().meta({ description: 'the Region of the cluster endpoint that answered; null when none did' }),
  unanswered: z.array(z.string()).meta({ description: 'the Regions of the cluster endpoints asked that did not answer' }),
  error: z.string().nullable().meta({ description: 'why the states could not be read; null when they were' }),
  evidence: z.string().meta({ description: 'the same in words, as the text output prints it' }),
});

export const healthData = obj({
  userPoolId: z.string(),
  issuer: obj({ type: z.string(), url: z.string(), discovery: discoveryProbe.nullable() })
    .nullable()
    .meta({ description: 'the issuer apps trust; null when the pool could not be read' }),
  regions: z.array(regionHealth),
  healthy: z.boolean().meta({ description: 'no Region is unhealthy and the issuer answers' }),
  issuerOk: z.boolean().nullable().meta({ description: "the issuer's discovery document answers with the issuer's own URL; null when not probed" }),
  routingControls: routingControlsHealth
    .nullable()
    .meta({ description: 'dns.strategy arc-routing-control: the routing control states (they decide where DNS sends users; not part of the verdict); null for the other strategies' }),
});

export type HealthData = z.infer<typeof healthData>;
export type RegionHealthData = z.infer<typeof regionHealth>;
export type RoutingControlsHealth = z.infer<typeof routingControlsHealth>;
export type HealthVerdict = z.infer<typeof healthVerdict>;
