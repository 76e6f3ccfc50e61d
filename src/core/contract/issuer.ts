/** `issuer switch` (a mutation with the impact report) and `issuer status`. */
import * as z from 'zod';
import { discoveryProbe, jwksProbe, obj, region, unreadableFinding } from './common.js';
import { mutationData } from './mutation.js';

const issuerType = z.enum(['ORIGINAL', 'UPDATED']);
const endpoints = obj({ region, issuer: z.string(), jwks: z.string() });

export const issuerImpact = obj({
  userPoolId: z.string(),
  primaryRegion: region,
  from: issuerType,
  to: issuerType,
  changes: z.boolean().meta({ description: 'false when the pool already uses `to`' }),
  before: z.array(endpoints),
  after: z.array(endpoints),
  clients: z.array(
    obj({
      clientId: z.string(),
      name: z.string(),
      kind: z.string().meta({ description: 'web, mobile, machine, …' }),
      oauthFlows: z.array(z.string()),
      hasSecret: z.boolean(),
      callbackHosts: z.array(z.string()),
      logoutHosts: z.array(z.string()),
      mobileSchemes: z.array(z.string()),
    }),
  ),
  summary: obj({ clients: z.number().int(), mobile: z.number().int(), machine: z.number().int() }),
});

export const issuerSwitchData = mutationData(issuerImpact);

export const issuerStatusData = obj({
  userPoolId: z.string(),
  type: issuerType.nullable().meta({ description: 'null when the pool could be read in neither Region (regions is then empty)' }),
  regions: z.array(
    obj({
      region,
      role: z.enum(['primary', 'secondary']),
      replicaStatus: z.string().meta({ description: 'the replica status here, or "none" for a secondary without a replica' }),
      hosted: z.boolean(),
      issuer: z.string(),
      discoveryUrl: z.string(),
      jwksUrl: z.string(),
      discovery: discoveryProbe.nullable().meta({ description: 'probed only where the pool is hosted; null elsewhere' }),
      jwks: jwksProbe.nullable().meta({ description: 'probed only where the pool is hosted; null elsewhere' }),
      checks: z.array(obj({ id: z.string(), status: z.enum(['pass', 'fail', 'skip']), message: z.string() })),
    }),
  ),
  ok: z.boolean(),
  answeredBy: region.nullable().meta({ description: "the Region whose Cognito API answered for the pool; null when none did" }),
  stale: z.boolean().meta({ description: 'the primary did not answer and the pool was read from the secondary: the view may lag' }),
  unreadable: z.array(unreadableFinding).meta({ description: 'every read that failed (empty when all could be read)' }),
});
