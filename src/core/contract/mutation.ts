/**
 * The data of every mutating command (keys setup, issuer switch, replica create|activate|deactivate|delete,
 * drift fix, failover, canary, canary stop, apply): one shape, from src/app/mutation/run.ts — the plan,
 * the command's own report, and either the planning outcome or the apply's result.
 */
import * as z from 'zod';
import type { ZodType } from 'zod';
import { aws, isoTime, obj, opaque, region } from './common.js';

export const guardResult = obj({
  id: z.string(),
  ok: z.boolean(),
  waived: z.boolean().optional().meta({ description: 'present (true) when the operator waived a failing guard' }),
  evidence: z.string(),
  remedy: z.string().optional().meta({ description: 'what to do; present when the guard fails' }),
  checked: z.boolean().meta({ description: "false when the guard's evidence could not be read (it then refuses, or passes with a warning where documented)" }),
  retryAfterSeconds: z.number().int().optional().meta({ description: 'present when waiting would let the guard pass (anti-flap window, cooldown): whole seconds to wait' }),
});

export const step = obj({
  id: z.string(),
  region,
  service: z.string().meta({ description: "the AWS service's signing name, e.g. route53" }),
  operation: z.string().meta({ description: 'the AWS API name, or a pseudo-operation for waits and checks' }),
  input: aws('the request the step sends'),
  summary: z.string(),
  action: z.enum(['create', 'update', 'delete', 'wait', 'verify']),
  destructive: z.boolean(),
  trafficMoving: z.boolean().optional(),
  dependsOn: z.array(z.string()).optional(),
});

/** The saved-plan format (docs/apply.md): its own schemaVersion; optional members are absent when empty. */
export const plan = obj({
  schemaVersion: z.literal(1),
  command: z.string(),
  createdAt: isoTime,
  expiresAt: isoTime,
  userPoolId: z.string(),
  primaryRegion: region,
  secondaryRegion: region,
  fingerprint: z.string(),
  steps: z.array(step),
  notes: z.array(z.string()).optional(),
  guards: z.array(guardResult).optional(),
  options: opaque("the command's options, as `mrrctl apply` replays them").optional(),
  endpoint: obj({ url: z.string(), partition: z.string() }).optional(),
});

export const applyResult = obj({
  planHash: z.string(),
  ok: z.boolean(),
  results: z.array(
    obj({
      stepId: z.string(),
      status: z.enum(['applied', 'skipped', 'failed']),
      startedAt: isoTime,
      durationMs: z.number(),
      output: aws("the step's answer, redacted").nullable(),
      error: obj({ name: z.string(), message: z.string(), code: z.string().nullable() }).nullable(),
    }),
  ),
  failedStep: z.string().nullable(),
  notRun: z.array(z.string()),
  interrupted: z.boolean(),
});

export function mutationData<R extends ZodType>(report: R) {
  return obj({
    plan,
    report,
    dryRun: z.boolean().meta({ description: 'planned only (--dry-run or --plan-out): nothing was changed' }),
    changes: z.number().int().meta({ description: 'the number of steps in the plan' }),
    planFile: z.string().nullable().meta({ description: 'where --plan-out saved the plan; null when not saved' }),
    result: applyResult.nullable().meta({ description: "the apply's outcome; null when nothing was applied" }),
    verification: obj({ ok: z.boolean(), lines: z.array(z.string()), data: opaque('what the verification observed').nullable() })
      .nullable()
      .meta({ description: 'the checks after a successful apply; null when none ran' }),
    afterStop: z.array(z.string()).meta({ description: 'what was finished after an apply that stopped early (lock released, history recorded)' }),
  });
}

/** A command whose plan carries no report of its own. */
export const noReport = z.null();
