/**
 * The `sandbox` commands: the embedded endpoint's own admin API answers (docs/sandbox.md). The world
 * summary's sections are the sandbox's; AWS-shaped members (a pool's replicas) keep AWS's names.
 */
import * as z from 'zod';
import { aws, obj, opaque, region } from './common.js';

export const sandboxStartData = obj({
  url: z.string(),
  port: z.number().int().optional().meta({ description: '--detach only' }),
  pid: z.number().int().optional().meta({ description: '--detach only' }),
  detached: z.boolean().optional().meta({ description: '--detach only (true)' }),
  stopped: z.boolean().optional().meta({ description: 'in the foreground: true once stopped' }),
  adminToken: z.string().optional(),
});

export const sandboxStopData = obj({ port: z.number().int(), pid: z.number().int() });

export const sandboxStatusData = obj({
  regions: z.array(region),
  pools: z.array(
    obj({ region, id: z.string(), name: z.string().optional(), tier: z.string().optional(), replicas: z.array(aws('ListUserPoolReplicas entry')).optional() }),
  ),
  keys: z.array(
    obj({
      region,
      keyId: z.string(),
      state: z.string().optional(),
      multiRegion: z.boolean().optional(),
      role: z.string().optional(),
      aliases: z.array(z.string()),
    }),
  ),
  zones: z.array(obj({ id: z.string(), name: z.string(), recordCount: z.number().int().optional() })),
  healthChecks: z.array(
    obj({
      id: z.string(),
      fqdn: z.string().optional(),
      routingControlArn: z.string().optional().meta({ description: 'a RECOVERY_CONTROL check: the routing control it follows' }),
      inverted: z.boolean(), disabled: z.boolean(), healthy: z.boolean().optional(),
    }),
  ),
  arc: z
    .array(
      obj({
        clusterArn: z.string(),
        name: z.string(),
        endpoints: z.array(obj({ region, down: z.boolean().meta({ description: 'a fault has taken the endpoint Region down' }) })),
        routingControls: z.array(obj({ controlPanel: z.string(), name: z.string(), arn: z.string(), state: z.string() })),
      }),
    )
    .meta({ description: 'ARC clusters (empty without one)' }),
  faults: z.array(opaque('an injected fault, as `sandbox fault` created it')),
  calls: obj({ total: z.number().int(), writes: z.number().int(), errors: z.number().int(), lastSeq: z.number().int() }),
  settings: opaque("the sandbox's settings (delays, latency, quotas)"),
  problems: z.array(z.string()),
});

export const sandboxSeedData = obj({
  scenario: z.string(),
  dnsStrategy: z.enum(['weighted', 'cognito-domain', 'arc-routing-control']),
  summary: opaque('what was seeded: pool, Regions, zone, record, health checks, domains, clients'),
  config: z.string().meta({ description: 'the matching mrrctl.yaml' }),
  probeSecret: obj({
    env: z.string().meta({ description: 'the environment variable mrrctl reads it from' }),
    clientId: z.string(),
    value: z.string().meta({ description: "the sandbox's own throwaway client secret (not a real credential)" }),
  }),
});

/** A fault as created, or how many were cleared (--clear). */
export const sandboxFaultData = z.union([
  obj({ cleared: z.number().int() }),
  obj({
    id: z.string(),
    kind: z.string(),
    region: region.optional(),
    service: z.string().optional(),
    operation: z.string().optional(),
    ratio: z.number().optional(),
    ms: z.number().optional(),
    count: z.number().int().optional(),
    status: z.number().int().optional(),
    since: z.string().optional(),
  }),
]);

export const sandboxResetData = obj({ reset: z.literal(true) });
