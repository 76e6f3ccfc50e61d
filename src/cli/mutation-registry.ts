/**
 * Every mutating command's definition, by the command name a plan records — so `mrrctl apply FILE`
 * can re-observe and apply a saved plan through exactly the code that made it. Loaded lazily.
 */
import type { JsonObject } from '../core/plan/types.js';
import type { MutationDefinition } from './mutation.js';

type Loader = () => Promise<MutationDefinition<JsonObject>>;

const replica = (name: 'create' | 'activate' | 'deactivate' | 'delete'): Loader => async () =>
  (await import('./commands/replica.js')).replicaDefinitions[name] as unknown as MutationDefinition<JsonObject>;

export const MUTATIONS: Record<string, Loader> = {
  failover: async () => (await import('./commands/failover.js')).failoverDefinition as unknown as MutationDefinition<JsonObject>,
  canary: async () => (await import('./commands/canary.js')).canaryDefinition as unknown as MutationDefinition<JsonObject>,
  'canary stop': async () => (await import('./commands/canary.js')).canaryStopDefinition as unknown as MutationDefinition<JsonObject>,
  'drift fix': async () => (await import('./commands/drift.js')).driftFixDefinition as unknown as MutationDefinition<JsonObject>,
  'keys setup': async () => (await import('./commands/keys.js')).keySetupDefinition as unknown as MutationDefinition<JsonObject>,
  'issuer switch': async () => (await import('./commands/issuer.js')).issuerSwitchDefinition as unknown as MutationDefinition<JsonObject>,
  'replica create': replica('create'),
  'replica activate': replica('activate'),
  'replica deactivate': replica('deactivate'),
  'replica delete': replica('delete'),
};
