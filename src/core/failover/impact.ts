/**
 * What users notice while the secondary serves them (aws-conformance A4), from the pool's actual
 * configuration as the target Region reports it: a secondary creates no users, resets no passwords,
 * supports no TOTP MFA, and keeps its own failed-sign-in counters.
 *
 * A claim needs evidence: what could not be read is said to be unknown (text) and is `null` in the
 * facts (JSON), never inferred from its absence — no "nobody is locked out" when the MFA settings
 * were not read, no ORIGINAL issuer when the issuer type was not read. What is true of every
 * secondary (no sign-up, no password reset) is said whatever was read.
 */
import type { JsonObject } from '../plan/types.js';
import type { UserPool } from '../ports/cognito.js';

export interface ImpactInput {
  target: string;
  source: string;
  /** Failing over onto the secondary (true) or back onto the primary (false). */
  toSecondary: boolean;
  /** The pool as the target reports it; undefined when it could not be read. */
  pool?: UserPool;
  /** GetUserPoolMfaConfig in the target; undefined when it could not be read. */
  mfa?: JsonObject;
  /** How many identity providers the pool has; undefined when they could not be read. */
  identityProviders?: number;
  /** undefined when the pool could not be read. */
  issuerType?: string;
}

/** The facts the impact lines rest on; `null` = could not be read (unknown). */
export interface ImpactFacts {
  poolRead: boolean;
  /** Only administrators create users (AllowAdminCreateUserOnly). */
  adminCreateOnly: boolean | null;
  /** MfaConfiguration: OFF, ON or OPTIONAL. */
  mfaConfiguration: string | null;
  /** Software-token (TOTP) MFA enabled. */
  totpMfa: boolean | null;
  identityProviders: number | null;
  issuerType: string | null;
}

export function impactFacts(i: ImpactInput): ImpactFacts {
  const createConfig = i.pool?.AdminCreateUserConfig as JsonObject | undefined;
  const mode = i.mfa?.MfaConfiguration ?? i.pool?.MfaConfiguration;
  return {
    poolRead: i.pool !== undefined,
    adminCreateOnly: i.pool ? createConfig?.AllowAdminCreateUserOnly === true : null,
    mfaConfiguration: typeof mode === 'string' ? mode : null,
    // TOTP is known only from GetUserPoolMfaConfig, or when MFA is OFF altogether.
    totpMfa: i.mfa ? (i.mfa.SoftwareTokenMfaConfiguration as JsonObject | undefined)?.Enabled === true : mode === 'OFF' ? false : null,
    identityProviders: i.identityProviders ?? null,
    issuerType: i.issuerType ?? null,
  };
}

function mfaLine(f: ImpactFacts, target: string): string {
  const mode = f.mfaConfiguration;
  if (mode !== null && mode !== 'OFF' && f.totpMfa === true) {
    return `TOTP MFA users are locked out: ${target} does not support software-token MFA (MFA ${mode}${mode === 'ON' ? ': every TOTP user' : ': users who chose TOTP'})`;
  }
  if (mode === 'OFF' || f.totpMfa === false) {
    return `no TOTP MFA is configured (MFA ${mode ?? 'on, TOTP off'}): nobody is locked out by the secondary's TOTP limitation`;
  }
  return `TOTP MFA: unknown (the MFA configuration could not be read in ${target}): if the pool uses TOTP MFA, those users are locked out on ${target}`;
}

export function failoverImpact(i: ImpactInput): string[] {
  if (!i.toSecondary) {
    return [
      `sign-up, password reset, profile edits and TOTP MFA work again on ${i.target}: re-enable any actions hidden during the failover`,
      `failed-sign-in counters are per Region: counts made on ${i.source} do not carry over`,
    ];
  }
  const f = impactFacts(i);
  const lines: string[] = [];
  if (!f.poolRead) lines.push(`the pool's configuration could not be read in ${i.target}: what depends on it is shown as unknown`);
  lines.push(
    f.adminCreateOnly === true
      ? `no new users: administrators cannot create users (AdminCreateUser fails on ${i.target})`
      : f.adminCreateOnly === false
        ? `no sign-up: self-service sign-up fails on ${i.target} (hide the sign-up link)`
        : `no sign-up and no administrator-created users on ${i.target} (hide the sign-up link)`,
  );
  const recovery = ((i.pool?.AccountRecoverySetting as JsonObject | undefined)?.RecoveryMechanisms ?? []) as JsonObject[];
  const via = recovery.map((m) => String(m.Name)).filter((n) => n !== 'admin_only');
  lines.push(`no password reset${via.length > 0 ? ` (recovery by ${via.join(', ')} is configured)` : ''} and no profile edits on ${i.target}: hide "forgot password" and profile editing`);
  lines.push(mfaLine(f, i.target));
  lines.push(`lockout counters reset: failed-sign-in counts are per Region, so users locked out on ${i.source} can try again on ${i.target}`);
  if (f.identityProviders === null) {
    lines.push(`federated users: unknown (the identity providers could not be read in ${i.target}): if there are any, only those who signed in through the primary before can sign in`);
  } else if (f.identityProviders > 0) {
    lines.push(`federated users (${f.identityProviders} identity provider(s)) can sign in only if they signed in through the primary before`);
  }
  lines.push(
    f.issuerType === 'UPDATED'
      ? 'signed-in users keep their sessions: tokens from either Region validate against the one UPDATED issuer'
      : f.issuerType === null
        ? `issuer: unknown (could not be read in ${i.target}): with the ORIGINAL issuer users must sign in again, with UPDATED they keep their sessions`
        : `tokens minted by ${i.source} carry its ORIGINAL issuer and will not validate as ${i.target}'s: users must sign in again`,
  );
  return lines;
}
