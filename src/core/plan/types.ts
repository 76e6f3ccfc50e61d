/**
 * A Plan is data: the ordered AWS calls a command intends to make, computed by a pure function of
 * what it observed, plus a fingerprint of that observation. Computing a plan changes nothing;
 * applying it is a separate step (see apply.ts) that can happen later, from a saved file.
 */

/** A JSON value: what step inputs, outputs and journal entries are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What a step does, for the reader and the renderer: + create, ~ update, - delete, … wait, ✓ verify. */
export type StepAction = 'create' | 'update' | 'delete' | 'wait' | 'verify';

/** The AWS service whose API a step calls (the SDK's signing name). Open-ended on purpose. */
export type StepService = 'kms' | 'cognito-idp' | 'route53' | 'lambda' | 'wafv2' | 'sesv2' | (string & {});

export interface Step {
  /** Stable id, unique within the plan, e.g. "kms.create-key"; journals and resumes refer to it. */
  id: string;
  /** The Region whose endpoint the call goes to (Route 53, a global service, uses us-east-1). */
  region: string;
  service: StepService;
  /** The AWS API name (e.g. "CreateKey"), or a pseudo-operation for waits (e.g. "WaitForKeyReplica"). */
  operation: string;
  /** The request the executor will send. Never secrets: plans are saved to disk and journaled. */
  input: JsonValue;
  /** One human line: what this step changes and why. */
  summary: string;
  action: StepAction;
  /** Deletes or disables something that cannot simply be recreated; confirmations say so. */
  destructive: boolean;
  /** Changes where user traffic goes (DNS weights, replica activation). */
  trafficMoving?: boolean;
  /** Ids of earlier steps this one needs; the planner orders steps so these always come first. */
  dependsOn?: string[];
}

/** The outcome of one safety guard evaluated while planning (e.g. anti-flap, cooldown). */
export interface GuardResult {
  id: string;
  ok: boolean;
  /** The operator explicitly overrode a failing guard (e.g. --force-unhealthy-target). */
  waived?: boolean;
  /** What was observed, in one line. */
  evidence: string;
  /** What to do when the guard fails. */
  remedy?: string;
  /**
   * False when the guard's evidence could not be read (an API failed, no health check to read): it
   * then refuses (waivable as the guard is), or — where documented — passes with a warning. Every
   * plan's guards carry it (createPlan fills in `true` for guards that leave it out).
   */
  checked?: boolean;
  /** When waiting would let the guard pass (anti-flap window, cooldown): whole seconds to wait. */
  retryAfterSeconds?: number;
}

export interface Plan {
  schemaVersion: 1;
  /** The command that made the plan, as typed after `mrrctl`, e.g. "keys setup". */
  command: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  expiresAt: string;
  userPoolId: string;
  primaryRegion: string;
  secondaryRegion: string;
  /** sha256 hex of the canonical JSON of the observed state the plan was computed from. */
  fingerprint: string;
  steps: Step[];
  notes?: string[];
  guards?: GuardResult[];
  /**
   * The command's own options (e.g. failover's target Region), so `mrrctl apply FILE` can observe
   * and re-plan exactly as the original command did. JSON, never secrets.
   */
  options?: JsonObject;
  /**
   * Where the plan was made: the endpoint every call goes to (`aws` for the SDK's own resolution, or
   * the --endpoint-url / sandbox URL) and the partition of its Regions. `apply` refuses a plan made
   * for another endpoint or partition, so a plan reviewed against a sandbox never runs against AWS.
   */
  endpoint?: PlanEndpoint;
}

export interface PlanEndpoint {
  url: string;
  partition: string;
}

/** What a planner computes; createPlan adds the timestamps and the fingerprint. */
export interface PlanDraft {
  command: string;
  userPoolId: string;
  primaryRegion: string;
  secondaryRegion: string;
  /** The observed state the steps were computed from (only what they depend on: see fingerprintOf). */
  observed: unknown;
  steps: Step[];
  notes?: string[];
  guards?: GuardResult[];
}

/**
 * The executor contract (the port applyPlan calls once per step).
 *
 * - Idempotence is the executor's job: before writing, it checks whether the step's effect is
 *   already present (a re-run after an interrupted apply) and, if so, returns `{ status: 'skipped' }`
 *   without writing. That is what makes re-running an interrupted apply converge.
 * - It returns `{ status: 'applied', output }` after a successful write (or a wait that completed).
 * - It throws on failure (after its own retries); applyPlan records the error and stops.
 * - `output` is JSON without secrets (it is journaled, after redaction as a second line of defence).
 * - `signal` is aborted when the operator interrupts; long waits must honour it.
 */
export interface StepOutcome {
  status: 'applied' | 'skipped';
  output?: unknown;
}
export type StepExecutor = (step: Step, signal?: AbortSignal) => Promise<StepOutcome>;

export type StepStatus = 'applied' | 'skipped' | 'failed';

export interface StepResult {
  stepId: string;
  status: StepStatus;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  /** The executor's output, redacted. */
  output?: JsonValue;
  error?: StepError;
}

/** Why a step failed: the error's name, message and, for mrrctl errors, the stable code. */
export interface StepError {
  name: string;
  message: string;
  code?: string;
}

export interface ApplyResult {
  /** planHash() of the plan that was applied; the journal entries carry the same value. */
  planHash: string;
  /** One result per step that ran, in order; steps after a failure are not run and not listed. */
  results: StepResult[];
  ok: boolean;
  /** The id of the step that failed (ok is then false). */
  failedStep?: string;
  /** Ids of the steps that were not run because the apply stopped early. */
  notRun: string[];
  /** The apply stopped because the abort signal fired (the CLI maps this to exit 130). */
  interrupted?: boolean;
}
