/**
 * Every prerequisite for MRR and for a safe failover, as a checklist computed from what preflight
 * observed (pure). A fail makes preflight exit 3, and so does a check that could not be read
 * ('unreadable'); warnings are the limits an operator must know before relying on the secondary
 * (aws-conformance A2, A4), each with the evidence found in the pool.
 */
import type { Topology } from '../config/topology.js';
import { hasCognitoStatement } from '../keys/policy.js';
import { check, RE_RUN, unreadableCheck, type Check } from './check.js';
import type { PreflightObservation } from './observe.js';

export type { Check, CheckStatus } from './check.js';

function keyChecks(t: Topology, o: PreflightObservation): Check[] {
  const pool = o.pool!;
  if (pool.KeyConfiguration?.KeyType !== 'CUSTOMER_MANAGED_KEY') {
    return [check('key.customer-managed', 'fail', 'the pool is encrypted with an AWS owned key', 'run `mrrctl keys setup` (phase 1)')];
  }
  const arn = pool.KeyConfiguration.KmsKeyArn;
  const checks = [check('key.customer-managed', 'pass', `customer managed key ${arn}`)];
  const p = o.primaryKey;
  const { primaryKey: unreadKey, secondaryKey: unreadReplica } = o.unread;
  checks.push(
    unreadKey
      ? unreadableCheck('key.multi-region', unreadKey)
      : p?.MultiRegion
        ? check('key.multi-region', 'pass', `${p.KeyId} is a multi-Region key`)
        : check('key.multi-region', 'fail', p ? `${p.KeyId} is a single-Region key` : `${arn} not found in ${t.primaryRegion}`, 'a single-Region key cannot be converted: run `mrrctl keys setup` to create a multi-Region key'),
    unreadKey
      ? unreadableCheck('key.enabled', unreadKey)
      : p?.KeyState === 'Enabled'
        ? check('key.enabled', 'pass', `enabled in ${t.primaryRegion}`)
        : check('key.enabled', 'fail', `key state in ${t.primaryRegion}: ${p?.KeyState ?? 'missing'}`, 'enable the key (kms enable-key) or cancel its deletion'),
    unreadReplica
      ? unreadableCheck('key.replica', unreadReplica)
      : o.secondaryKey?.KeyState === 'Enabled'
        ? check('key.replica', 'pass', `replica key enabled in ${t.secondaryRegion}`)
        : check('key.replica', 'fail', `replica key in ${t.secondaryRegion}: ${o.secondaryKey?.KeyState ?? 'missing'}`, 'run `mrrctl keys setup` to replicate the key'),
  );
  for (const [region, policy, unreadPolicy, present] of [
    [t.primaryRegion, o.primaryPolicy, o.unread.primaryPolicy, Boolean(p) || (unreadKey !== undefined && o.primaryPolicy !== undefined)],
    [t.secondaryRegion, o.secondaryPolicy, o.unread.secondaryPolicy, Boolean(o.secondaryKey) || (unreadReplica !== undefined && o.secondaryPolicy !== undefined)],
  ] as const) {
    if (unreadPolicy) {
      checks.push(unreadableCheck(`key.policy.${region}`, unreadPolicy));
      continue;
    }
    if (!present) continue;
    checks.push(
      hasCognitoStatement(policy)
        ? check(`key.policy.${region}`, 'pass', `the key policy in ${region} lets Cognito use the key`)
        : check(`key.policy.${region}`, 'fail', `the key policy in ${region} has no statement for cognito-idp.amazonaws.com`, 'run `mrrctl keys setup` (it adds the statement) — key policies are not replicated'),
    );
  }
  return checks;
}

function replicaChecks(t: Topology, o: PreflightObservation): Check[] {
  if (o.unread.replicas) return [unreadableCheck('replica.state', o.unread.replicas), unreadableCheck('replica.one-secondary', o.unread.replicas)];
  const secondaries = o.replicas.filter((r) => r.Role === 'SECONDARY');
  const mine = secondaries.find((r) => r.RegionName === t.secondaryRegion);
  const others = secondaries.filter((r) => r.RegionName !== t.secondaryRegion);
  const status = mine?.Status;
  return [
    !mine
      ? check('replica.state', 'fail', `no replica in ${t.secondaryRegion}`, 'run `mrrctl replica create --wait` (phase 3)')
      : status === 'ACTIVE'
        ? check('replica.state', 'pass', `the replica in ${t.secondaryRegion} is ACTIVE`)
        : check('replica.state', status === 'DELETING' ? 'fail' : 'warn', `the replica in ${t.secondaryRegion} is ${status}`, 'review its Regional settings (`mrrctl drift`), then `mrrctl replica activate`'),
    others.length === 0
      ? check('replica.one-secondary', 'pass', 'at most one secondary')
      : check('replica.one-secondary', 'fail', `another replica exists in ${others.map((r) => r.RegionName).join(', ')}`, 'a pool has one secondary: use that Region as --secondary or delete it'),
  ];
}

/**
 * arc-routing-control: the custom domain's own failover must follow the routing controls, i.e. fail
 * over on the primary's RECOVERY_CONTROL health check. On any other check Cognito would move the
 * domain by itself, with or against what the routing controls say.
 */
function arcDomainCheck(domain: string, checkId: string, config: { Type?: string; RoutingControlArn?: unknown }, primaryControl: string): Check {
  const id = 'domain.failover-routing';
  if (config.Type === 'RECOVERY_CONTROL' && config.RoutingControlArn === primaryControl) {
    return check(id, 'pass', `${domain} fails over on health check ${checkId}, which follows the primary's routing control: it moves with the routing controls`);
  }
  const what = config.Type === 'RECOVERY_CONTROL' ? `a RECOVERY_CONTROL check of another routing control (${String(config.RoutingControlArn)})` : `a ${config.Type ?? 'non-RECOVERY_CONTROL'} check`;
  return check(id, 'fail', `${domain} fails over on health check ${checkId}, ${what}: it moves by itself, not with the routing controls (dns.arc.routingControls)`, "set the domain's Routing.Failover PrimaryRoute53HealthCheckId to the RECOVERY_CONTROL health check of the primary's routing control");
}

function domainCheck(o: PreflightObservation, arcPrimaryControl: string | undefined): Check {
  const pool = o.pool!;
  if (!pool.CustomDomain) {
    return check('domain.failover-routing', 'warn', 'no custom domain: managed login and /oauth2/token do not fail over by themselves', 'add a custom domain with Routing.Failover, or fail over DNS with `mrrctl failover`');
  }
  if (o.unread.customDomain) return unreadableCheck('domain.failover-routing', o.unread.customDomain);
  const failover = (o.customDomain?.Routing as { Failover?: { SecondaryRegion?: string; PrimaryRoute53HealthCheckId?: string } } | undefined)?.Failover;
  if (!failover) {
    const remedy = arcPrimaryControl
      ? "set Routing.Failover on the domain with PrimaryRoute53HealthCheckId = the RECOVERY_CONTROL health check of the primary's routing control, so the domain moves with the routing controls"
      : 'set Routing.Failover on the domain (SecondaryRegion and a Route 53 health check)';
    return check('domain.failover-routing', 'warn', `custom domain ${pool.CustomDomain} has no failover routing`, remedy);
  }
  if (o.unread.domainHealthCheck) return unreadableCheck('domain.failover-routing', o.unread.domainHealthCheck);
  if (!o.domainHealthCheck) return check('domain.failover-routing', 'warn', `the domain's health check ${failover.PrimaryRoute53HealthCheckId} was not found`, 'create the health check or fix the domain routing');
  if (arcPrimaryControl) return arcDomainCheck(pool.CustomDomain, failover.PrimaryRoute53HealthCheckId ?? '', o.domainHealthCheck.HealthCheckConfig, arcPrimaryControl);
  return check('domain.failover-routing', 'pass', `${pool.CustomDomain} fails over to ${failover.SecondaryRegion} on health check ${failover.PrimaryRoute53HealthCheckId}`);
}

/** The limits of a secondary, as warnings with the evidence from this pool's configuration. */
function limitChecks(t: Topology, o: PreflightObservation): Check[] {
  const pool = o.pool!;
  const totp = Boolean((o.mfa?.SoftwareTokenMfaConfiguration as { Enabled?: boolean } | undefined)?.Enabled);
  const selfSignUp = !(pool.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)?.AllowAdminCreateUserOnly;
  const idps = o.identityProviders.map((p) => String(p.ProviderName ?? '?'));
  return [
    o.unread.mfa
      ? unreadableCheck('limit.totp-mfa', o.unread.mfa)
      : totp
      ? check('limit.totp-mfa', 'warn', `software-token (TOTP) MFA is enabled (MFA ${pool.MfaConfiguration ?? 'OFF'}): TOTP users cannot sign in on ${t.secondaryRegion}`, 'tell TOTP users, or offer SMS/email MFA as a fallback')
      : check('limit.totp-mfa', 'pass', 'TOTP MFA is not enabled'),
    check(
      'limit.sign-up',
      selfSignUp ? 'warn' : 'pass',
      selfSignUp ? `self sign-up is allowed: sign-up is refused on ${t.secondaryRegion} while failed over` : 'only administrators create users',
      'hide sign-up in the app while failed over',
    ),
    check('limit.password-reset', 'warn', `password reset and profile edits are refused on ${t.secondaryRegion}`, 'hide those actions in the app while failed over'),
    check('limit.lockout', 'warn', 'failed-sign-in lockout counters are per Region: they reset on failover', 'watch for credential stuffing after a failover'),
    o.unread.identityProviders
      ? unreadableCheck('limit.federation', o.unread.identityProviders)
      : idps.length > 0
      ? check('limit.federation', 'warn', `federated sign-in through ${idps.join(', ')}: users who never signed in through ${t.primaryRegion} cannot sign in on ${t.secondaryRegion}`, 'expect first-time federated users to fail until failback')
      : check('limit.federation', 'pass', 'no federated identity providers'),
  ];
}

/** pool.exists: found in the primary, or read from the secondary because the primary did not answer. */
function poolCheck(t: Topology, o: PreflightObservation): Check {
  const fallback = o.poolUnreadIn;
  if (!fallback) return check('pool.exists', 'pass', `${t.userPoolId} exists in ${t.primaryRegion}`);
  return {
    id: 'pool.exists',
    status: 'unreadable',
    evidence: `${fallback.message}; the pool's global settings below were read from ${o.poolRegion} and may be stale`,
    remedy: RE_RUN,
    unreadable: fallback,
  };
}

/** `arcPrimaryControl`: with the arc-routing-control strategy, the primary's routing control ARN. */
export function preflightChecks(t: Topology, o: PreflightObservation, arcPrimaryControl?: string): Check[] {
  if (o.unread.pool) return [unreadableCheck('pool.exists', o.unread.pool)];
  if (!o.pool) return [check('pool.exists', 'fail', `${t.userPoolId} not found in ${t.primaryRegion}`, 'check --pool and --primary (the pool id starts with the Region it was created in)')];
  const pool = o.pool;
  const tier = pool.UserPoolTier ?? 'ESSENTIALS';
  const issuer = pool.IssuerConfiguration?.Type ?? 'ORIGINAL';
  return [
    poolCheck(t, o),
    tier === 'LITE' ? check('pool.tier', 'fail', 'feature plan LITE', 'MRR needs Essentials or Plus: change UserPoolTier') : check('pool.tier', 'pass', `feature plan ${tier}`),
    ...keyChecks(t, o),
    issuer === 'UPDATED'
      ? check('issuer.updated', 'pass', 'issuer UPDATED: tokens validate in both Regions')
      : check('issuer.updated', 'fail', 'issuer ORIGINAL: tokens are bound to the Region that issued them', 'run `mrrctl issuer switch` (phase 2)'),
    ...replicaChecks(t, o),
    pool.DeletionProtection === 'ACTIVE'
      ? check('pool.deletion-protection', 'pass', 'deletion protection is on')
      : check('pool.deletion-protection', 'warn', 'deletion protection is off', 'turn DeletionProtection on: deleting the primary deletes the replica too'),
    domainCheck(o, arcPrimaryControl),
    ...limitChecks(t, o),
  ];
}
