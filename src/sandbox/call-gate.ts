/**
 * What happens to a call before a model sees it: configured latency, injected faults and the
 * optional Cognito-like quotas. Shared by AWS calls and the OIDC hosts so both fail the same way.
 */
import type { CallTarget } from './faults.js';
import type { CognitoQuotaCategory } from './quotas/cognito-categories.js';
import { SandboxError } from './types.js';
import type { World } from './world.js';

export type Admission =
  | { kind: 'proceed' }
  /** Outage: destroy the socket without answering (the SDK sees ECONNRESET). */
  | { kind: 'reset' }
  | { kind: 'error'; error: SandboxError };

export interface ServiceShapes {
  throttle: { code: string; status: number; message: string };
  internalError(status: number): SandboxError;
}

export async function admitCall(
  world: World,
  call: CallTarget,
  shapes: ServiceShapes,
  quotaCategory?: CognitoQuotaCategory,
): Promise<Admission> {
  const fired = world.faults.draw(call, world.random);
  // A burst fault's remaining count is state: persist it like any other change.
  if (fired.some((f) => f.count !== undefined)) world.changed();

  const addedMs = fired.filter((f) => f.kind === 'latency').reduce((sum, f) => sum + (f.ms ?? 0), 0);
  const delayMs = world.settings.latencyMs + addedMs;
  if (delayMs > 0) await sleep(delayMs);

  if (fired.some((f) => f.kind === 'outage')) return { kind: 'reset' };
  const failure = fired.find((f) => f.kind === 'throttle' || f.kind === 'error');
  if (failure?.kind === 'throttle') return { kind: 'error', error: throttleError(shapes) };
  if (failure?.kind === 'error') return { kind: 'error', error: shapes.internalError(failure.status ?? 500) };

  const { quotas, accountId } = world.settings;
  if (quotaCategory && quotas.enabled) {
    const admitted = world.quotas.take(accountId, call.region, quotaCategory, quotas.scale, world.clock.now());
    if (!admitted) return { kind: 'error', error: throttleError(shapes) };
  }
  return { kind: 'proceed' };
}

function throttleError(shapes: ServiceShapes): SandboxError {
  return new SandboxError(shapes.throttle.code, shapes.throttle.message, shapes.throttle.status);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
