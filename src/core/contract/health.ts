/** `mrrctl health` data: both Regions side by side, and the issuer as apps see it. */
import { z } from 'zod';
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

export const healthData = obj({
  userPoolId: z.string(),
  issuer: obj({ type: z.string(), url: z.string(), discovery: discoveryProbe.nullable() })
    .nullable()
    .meta({ description: 'the issuer apps trust; null when the pool could not be read' }),
  regions: z.array(regionHealth),
  healthy: z.boolean().meta({ description: 'no Region is unhealthy and the issuer answers' }),
  issuerOk: z.boolean().nullable().meta({ description: "the issuer's discovery document answers with the issuer's own URL; null when not probed" }),
});

export type HealthData = z.infer<typeof healthData>;
export type RegionHealthData = z.infer<typeof regionHealth>;
export type HealthVerdict = z.infer<typeof healthVerdict>;
