/** The plan engine's public surface: import from here rather than from the individual modules. */
export * from './types.js';
export * from './journal.js';
export { canonicalJson } from './canonical-json.js';
export { fingerprintOf, planHash, sha256Hex } from './fingerprint.js';
export { createPlan, DEFAULT_PLAN_TTL_SECONDS } from './create-plan.js';
export {
  serializePlan,
  parsePlan,
  formatDuration,
  DEFAULT_PLAN_MAX_AGE_SECONDS,
  PLAN_FILE_FORMAT,
  PLAN_FILE_VERSION,
  type ParsePlanOptions,
  type PlanFileEnvelope,
} from './plan-file.js';
export { isStale, assertFresh } from './freshness.js';
export { applyPlan, type ApplyEvent, type ApplyPorts } from './apply.js';
export { redactSecrets, isSecretKey, REDACTED } from './redact.js';
export { planSchema, stepSchema, guardResultSchema, USER_POOL_ID_PATTERN, REGION_PATTERN } from './schema.js';
