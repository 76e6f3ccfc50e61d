/** Every scenario, in the order they build on each other. Both targets run exactly this list. */
import { drift } from './drift.js';
import { phases } from './phases.js';
import type { Scenario } from './step.js';
import { canary, failback, failover } from './traffic.js';

export const SCENARIOS: Scenario[] = [phases, drift, failover, failback, canary];
export { runScenarios, type StepRecord } from './step.js';
