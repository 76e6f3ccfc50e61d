/**
 * `mrrctl issuer switch` (phase 2) as a mutation definition: impact report → one full
 * read-modify-write UpdateUserPool → verify the new issuer answers (and, with a probe client, that a
 * fresh token carries it).
 */
import { oidcProbes, probeOptionsFor } from '../../aws/oidc-probe.js';
import { PROBE_SECRET_ENV } from '../../core/config/constants.js';
import { createLimiters } from '../../core/drift/observe.js';
import { InputError } from '../../core/errors.js';
import { buildIssuerImpact } from '../../core/issuer/impact.js';
import { renderImpactText } from '../../ui/issuer/impact-text.js';
import { ISSUER_SWITCH_COMMAND, planIssuerSwitch } from '../../core/issuer/plan.js';
import { hostingRegions, readIssuerState, readPool } from '../../core/issuer/read.js';
import { ISSUER_TYPES, issuerUrl, type IssuerType } from '../../core/issuer/urls.js';
import { verifyIssuerSwitch } from '../../core/issuer/verify.js';
import { defineMutation, type MutationEnv } from '../mutation/definition.js';

/** What a saved plan carries, so `mrrctl apply FILE` replays the same switch. */
export type IssuerSwitchOptions = { to: IssuerType };

export interface IssuerSwitchFlags {
  to: string;
}

export function parseIssuerType(flag: string, raw: unknown): IssuerType {
  const value = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
  if (value === 'ORIGINAL' || value === 'UPDATED') return value;
  throw new InputError('MRR_INPUT_E020', 'flags', flag, raw, `one of ${ISSUER_TYPES.join(', ')}`);
}

export function issuerProbes(env: Pick<MutationEnv, 'aws' | 'ctx'>) {
  return oidcProbes(probeOptionsFor(env.aws.target, { signal: env.ctx.signal }));
}

export const issuerSwitch = defineMutation<IssuerSwitchOptions, IssuerSwitchFlags>({
  command: ISSUER_SWITCH_COMMAND,
  fromFlags: (flags) => ({ to: parseIssuerType('--to', flags.to) }),
  fromSaved: (saved) => ({ to: parseIssuerType('to', saved.to) }),
  async prepare(env, options) {
    const to = parseIssuerType('to', options.to);
    // One DescribeUserPoolClient per app client: paced by drift's Cognito limiter (per quota category, cognito-quotas.ts).
    const limit = createLimiters({ deep: false, clock: env.ctx.clock, signal: env.ctx.signal }).cognito(env.topology.primaryRegion);
    const obs = await readIssuerState(env.ports.cognito, env.topology, { withClients: true, limit });
    const impact = buildIssuerImpact({ pool: env.topology, regions: obs.hostingRegions, from: obs.type, to, clients: obs.clients });
    const newIssuer = issuerUrl(to, env.topology, env.topology.primaryRegion);
    return {
      draft: planIssuerSwitch(obs, env.topology, to),
      report: { text: renderImpactText(impact), data: impact },
      confirm: {
        question:
          `Issuer switch of ${env.topology.userPoolId} from ${obs.type} to ${to} ` +
          `(${impact.summary.clients} app clients, ${impact.summary.mobile} of them mobile, must accept the new issuer ${newIssuer})`,
      },
    };
  },
  async verify(env, options) {
    const reader = env.ports.cognito;
    const [pool, replicas] = await Promise.all([
      readPool(reader, env.topology),
      reader.listReplicas(env.topology.primaryRegion, env.topology.userPoolId),
    ]);
    return verifyIssuerSwitch({
      topology: env.topology,
      expected: parseIssuerType('to', options.to),
      pool,
      hostingRegions: hostingRegions(env.topology.primaryRegion, replicas),
      probes: issuerProbes(env),
      probeClient: { clientId: env.config.probe?.clientId, clientSecret: env.ctx.env[PROBE_SECRET_ENV] || undefined },
    });
  },
});
