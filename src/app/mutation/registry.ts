/**
 * Every mutating command's definition, by the command name a plan records — so `mrrctl apply FILE`
 * can re-observe and apply a saved plan through exactly the code that made it. One line per
 * mutation; each definition (and what it imports) loads only when its plan is applied.
 */
import type { MutationHandle } from './definition.js';

type Loader = () => Promise<MutationHandle>;

export const MUTATIONS: Readonly<Record<string, Loader>> = {
  failover: async () => (await import('../traffic/failover.js')).failover.handle,
  canary: async () => (await import('../traffic/canary.js')).canary.handle,
  'canary stop': async () => (await import('../traffic/canary.js')).canaryStop.handle,
  'drift fix': async () => (await import('../drift/fix.js')).driftFix.handle,
  'keys setup': async () => (await import('../keys/setup.js')).keySetup.handle,
  'issuer switch': async () => (await import('../issuer/switch.js')).issuerSwitch.handle,
  'replica create': async () => (await import('../replica/definitions.js')).replicaCreate.handle,
  'replica activate': async () => (await import('../replica/definitions.js')).replicaActivate.handle,
  'replica deactivate': async () => (await import('../replica/definitions.js')).replicaDeactivate.handle,
  'replica delete': async () => (await import('../replica/definitions.js')).replicaDelete.handle,
};
