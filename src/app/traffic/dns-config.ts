/** The config's dns section, which every traffic move (failover, canary) needs. */
import type { DnsConfig } from '../../core/config/schema.js';
import { InputError } from '../../core/errors.js';
import type { MutationEnv } from '../mutation/definition.js';

export function requireDns(env: Pick<MutationEnv, 'config'>): DnsConfig {
  if (!env.config.dns) {
    throw new InputError('MRR_FAILOVER_E001', 'config', 'dns', undefined, 'a dns section (strategy, hostedZoneId, recordName, records or healthCheckId): failover and canary move DNS');
  }
  return env.config.dns;
}
