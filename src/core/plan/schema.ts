/**
 * The schema a plan must satisfy when it is read back from a file. Types live in types.ts; the
 * assignments at the bottom make the compiler fail if the two drift apart.
 */
import * as z from 'zod';
import type { GuardResult, JsonValue, Plan, Step } from './types.js';

/** Cognito user pool id, as the CLI contract spells it. */
export const USER_POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;
/** AWS Region names such as us-east-1, eu-central-2, us-gov-west-1 [INF: shape, not a list]. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const STEP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const region = z.string().regex(REGION_PATTERN, 'an AWS Region name such as us-east-1');
const oneLine = z.string().min(1).regex(/^[^\r\n]*$/, 'one line of text');
const isoTime = z.iso.datetime({ offset: true });
const jsonValue: z.ZodType<JsonValue> = z.json();

export const stepSchema = z.strictObject({
  id: z.string().regex(STEP_ID_PATTERN, 'a step id such as kms.create-key'),
  region,
  service: z.string().regex(/^[a-z0-9-]+$/, 'an AWS service signing name such as kms'),
  operation: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'an API operation name such as CreateKey'),
  input: jsonValue,
  summary: oneLine,
  action: z.enum(['create', 'update', 'delete', 'wait', 'verify']),
  destructive: z.boolean(),
  trafficMoving: z.boolean().optional(),
  dependsOn: z.array(z.string()).optional(),
});

export const guardResultSchema = z.strictObject({
  id: z.string().min(1),
  ok: z.boolean(),
  waived: z.boolean().optional(),
  evidence: z.string(),
  remedy: z.string().optional(),
  checked: z.boolean().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});

export const planSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    command: oneLine,
    createdAt: isoTime,
    expiresAt: isoTime,
    userPoolId: z.string().regex(USER_POOL_ID_PATTERN, 'a user pool id such as us-east-1_Ab12Cd34'),
    primaryRegion: region,
    secondaryRegion: region,
    fingerprint: z.string().regex(SHA256_HEX, 'a sha256 hex digest (64 lowercase hex digits)'),
    steps: z.array(stepSchema),
    notes: z.array(z.string()).optional(),
    guards: z.array(guardResultSchema).optional(),
    options: z.record(z.string(), jsonValue).optional(),
    endpoint: z.strictObject({ url: z.string().min(1), partition: z.string().min(1) }).optional(),
  })
  .superRefine((plan, ctx) => {
    if (Date.parse(plan.expiresAt) <= Date.parse(plan.createdAt)) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'a time after createdAt' });
    }
    if (plan.primaryRegion === plan.secondaryRegion) {
      ctx.addIssue({ code: 'custom', path: ['secondaryRegion'], message: 'a Region other than primaryRegion' });
    }
    // Apply runs steps in order, so a dependency must be an earlier step.
    const seen = new Set<string>();
    plan.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: 'a step id not used by an earlier step' });
      }
      step.dependsOn?.forEach((dependency, d) => {
        if (!seen.has(dependency)) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', index, 'dependsOn', d],
            message: 'the id of an earlier step',
          });
        }
      });
      seen.add(step.id);
    });
  });

// Compile-time guard: the schemas produce exactly the hand-written types.
stepSchema satisfies z.ZodType<Step>;
guardResultSchema satisfies z.ZodType<GuardResult>;
planSchema satisfies z.ZodType<Plan>;
