/**
 * What users notice while the secondary serves them (aws-facts A4), from the pool's actual
 * configuration as the target Region reports it: a secondary creates no users, resets no passwords,
 * supports no TOTP MFA, and keeps its own failed-sign-in counters.
 */
import type { JsonObject } from '../plan/types.js';
import type { UserPool } from '../ports/cognito.js';

export interface ImpactInput {
  target: string;
  source: string;
  /** Failing over onto the secondary (true) or back onto the primary (false). */
  toSecondary: boolean;
  pool?: UserPool;
  mfa?: JsonObject;
  identityProviders?: number;
  issuerType?: string;
}

export function failoverImpact(i: ImpactInput): string[] {
  if (!i.toSecondary) {
    return [
      `sign-up, password reset, profile edits and TOTP MFA work again on ${i.target}: re-enable any actions hidden during the failover`,
      `failed-sign-in counters are per Region: counts made on ${i.source} do not carry over`,
    ];
  }
  const lines: string[] = [];
  if (!i.pool) {
    lines.push(`the pool's configuration could not be read in ${i.target}: assume every secondary limitation below applies`);
  }
  const adminOnly = (i.pool?.AdminCreateUserConfig as JsonObject | undefined)?.AllowAdminCreateUserOnly === true;
  lines.push(
    adminOnly
      ? `no new users: administrators cannot create users (AdminCreateUser fails on ${i.target})`
      : `no sign-up: self-service sign-up fails on ${i.target} (hide the sign-up link)`,
  );
  const recovery = ((i.pool?.AccountRecoverySetting as JsonObject | undefined)?.RecoveryMechanisms ?? []) as JsonObject[];
  const via = recovery.map((m) => String(m.Name)).filter((n) => n !== 'admin_only');
  lines.push(`no password reset${via.length > 0 ? ` (recovery by ${via.join(', ')} is configured)` : ''} and no profile edits on ${i.target}: hide "forgot password" and profile editing`);
  const mode = String(i.mfa?.MfaConfiguration ?? i.pool?.MfaConfiguration ?? 'OFF');
  const totp = (i.mfa?.SoftwareTokenMfaConfiguration as JsonObject | undefined)?.Enabled === true;
  if (mode !== 'OFF' && totp) {
    lines.push(
      `TOTP MFA users are locked out: ${i.target} does not support software-token MFA (MFA ${mode}${mode === 'ON' ? ': every TOTP user' : ': users who chose TOTP'})`,
    );
  } else {
    lines.push(`no TOTP MFA is configured (MFA ${mode}): nobody is locked out by the secondary's TOTP limitation`);
  }
  lines.push(`lockout counters reset: failed-sign-in counts are per Region, so users locked out on ${i.source} can try again on ${i.target}`);
  if ((i.identityProviders ?? 0) > 0) {
    lines.push(`federated users (${i.identityProviders} identity provider(s)) can sign in only if they signed in through the primary before`);
  }
  lines.push(
    i.issuerType === 'UPDATED'
      ? 'signed-in users keep their sessions: tokens from either Region validate against the one UPDATED issuer'
      : `tokens minted by ${i.source} carry its ORIGINAL issuer and will not validate as ${i.target}'s: users must sign in again`,
  );
  return lines;
}
