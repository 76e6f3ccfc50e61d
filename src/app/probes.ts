/** How the use-cases probe a Region's OIDC endpoints: the probe client's credentials and the options every probe shares. */
import { probeOptionsFor, type ProbeOptions } from '../aws/oidc-probe.js';
import { PROBE_SECRET_ENV } from '../core/config/constants.js';
import type { ClientCredentials } from '../core/issuer/probe-types.js';
import type { MutationEnv } from './mutation/definition.js';

/** Probes of a Region that may be down must fail fast. */
const PROBE_TIMEOUT_MS = 4000;

/** probe.clientId from the config with its secret from the environment; undefined unless both are set. */
export function probeCredentials(env: Pick<MutationEnv, 'config' | 'ctx'>): ClientCredentials | undefined {
  const clientId = env.config.probe?.clientId;
  const clientSecret = env.ctx.env[PROBE_SECRET_ENV];
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}

export function probeOptions(env: Pick<MutationEnv, 'aws' | 'ctx'>): ProbeOptions {
  return probeOptionsFor(env.aws.target, { timeoutMs: PROBE_TIMEOUT_MS, signal: env.ctx.signal });
}
