/** Codes of single commands: failover and canary, health and status, issuer, IAM policy, keys. */
import type { CodeEntry } from './types.js';

export const COMMAND_CODES = {
  MRR_FAILOVER_E001: { exit: 'usage', meaning: 'the configuration has no dns section: failover and canary move DNS' },
  MRR_FAILOVER_E002: { exit: 'usage', meaning: '--to is not one of the pool\'s Regions' },
  MRR_FAILOVER_E004: { exit: 'conflict', meaning: 'another operator holds the failover lock, or took it first; nothing was changed' },
  MRR_FAILOVER_E005: { exit: 'conflict', meaning: 'DNS changed since it was read (Route 53 refused the compare-and-swap); nothing was changed: re-run' },
  MRR_FAILOVER_E010: { exit: 'unexpected', meaning: 'Route 53\'s API did not answer; nothing was changed: see "Route 53 control plane impaired" in the runbook' },
  MRR_CANARY_E001: { exit: 'usage', meaning: 'a canary needs dns.strategy weighted' },
  MRR_CANARY_E002: { exit: 'usage', meaning: '--to of `canary` is not one of the pool\'s Regions' },

  MRR_HEALTH_E001: { exit: 'findings', meaning: 'a Region is unhealthy; the message lists its problems' },
  MRR_HEALTH_E002: { exit: 'findings', meaning: 'the issuer does not serve its discovery document' },
  MRR_PREFLIGHT_E001: { exit: 'findings', meaning: 'preflight checks failed; the message names them' },
  MRR_REHEARSE_E001: { exit: 'findings', meaning: 'a rehearsal step did not behave as the runbook expects' },
  MRR_STATUS_E001: { exit: 'usage', meaning: '--watch needs a terminal on stderr (not a pipe, not --output json)' },
  MRR_STATUS_E002: { exit: 'usage', meaning: '--interval is not a number of seconds from 1 to 3600' },
  MRR_STATUS_W001: { exit: 'none', meaning: 'a Region did not answer; status shows what it could read' },

  MRR_ISSUER_E001: { exit: 'usage', meaning: 'the configured user pool does not exist in the primary Region' },
  MRR_ISSUER_E101: { exit: 'findings', meaning: 'the JWKS does not answer in a Region that hosts the pool: tokens cannot be validated there' },
  MRR_ISSUER_W102: { exit: 'none', meaning: 'the discovery document of a hosting Region is missing or names another issuer' },

  MRR_IAM_E001: { exit: 'usage', meaning: '--command names no mrrctl command or group (the message suggests the closest)' },
  MRR_IAM_E002: { exit: 'usage', meaning: '--account is not a 12-digit AWS account id' },
  MRR_IAM_W001: { exit: 'none', meaning: 'a note on the generated policy' },
  MRR_IAM_I002: { exit: 'none', meaning: 'an action left out of the policy because the configuration does not ask for it' },
  MRR_IAM_W003: { exit: 'none', meaning: 'the policy is larger than a managed policy may be: split it per command with --command' },

  MRR_KEYS_E001: { exit: 'usage', meaning: 'the configured user pool does not exist in the primary Region' },
  MRR_KEYS_E002: { exit: 'usage', meaning: 'the requested key (--key-arn or key.arn) does not exist in the primary Region' },
  MRR_KEYS_E003: { exit: 'usage', meaning: 'the requested key is not a symmetric multi-Region primary key' },
  MRR_KEYS_E004: { exit: 'usage', meaning: 'the requested key is not the key the alias points at' },
  MRR_KEYS_E005: { exit: 'usage', meaning: 'the pool already uses a multi-Region capable key, and mrrctl does not move a pool to another key' },
  MRR_KEYS_E006: { exit: 'usage', meaning: 'DescribeUserPool returned an ARN that names no account' },
  MRR_KEYS_E101: { exit: 'unexpected', meaning: 'the replica key is not Enabled after the wait: enable it or cancel its deletion, then re-run' },
  MRR_KEYS_E300: { exit: 'findings', meaning: '`keys verify`: key checks failed; the message names them' },
  MRR_KEYS_E301: { exit: 'findings', meaning: 'the pool\'s KeyConfiguration names a key DescribeKey cannot find' },
  MRR_KEYS_E302: { exit: 'findings', meaning: 'the alias points at another key than the one mrrctl would use; mrrctl does not move an alias' },
  MRR_KEYS_E303: { exit: 'findings', meaning: 'the pool\'s current key cannot serve as its multi-Region key' },
  MRR_KEYS_E304: { exit: 'findings', meaning: 'the alias points at a key DescribeKey cannot find' },
  MRR_KEYS_E305: { exit: 'findings', meaning: 'the alias points at a key that cannot serve: set key.alias to another name, or pass --key-arn' },
  MRR_KEYS_E306: { exit: 'findings', meaning: 'the replica key in the secondary is neither Enabled nor Creating (disabled, pending deletion)' },
  MRR_KEYS_E307: { exit: 'findings', meaning: 'the alias in the secondary already points at another key' },
  MRR_KEYS_E308: { exit: 'findings', meaning: 'the pool has a replica, and KeyConfiguration cannot change while it has one' },
  MRR_KEYS_E309: { exit: 'conflict', meaning: 'another run created the alias first; re-run `mrrctl keys setup`: it adopts the key the alias names' },
} as const satisfies Record<string, CodeEntry>;
