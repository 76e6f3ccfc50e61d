/**
 * Get/SetUserPoolMfaConfig. MfaConfiguration and the SMS authentication message are global pool
 * fields (UpdateUserPool sees the same values); the factor settings are global too, while the SMS
 * configuration embedded in SmsMfaConfiguration is the Region's own SmsConfiguration.
 */
import type { JsonObject } from '../types.js';
import type { OperationScope } from './ports.js';
import { readablePool, recordGlobalChange, writablePool, type HostedPool } from './replication.js';
import { clone, compact } from './state.js';
import { invalidParameter, optionalEnum, optionalObject, requirePoolId } from './validation.js';

function mfaView(hosted: HostedPool): JsonObject {
  const { config, mfa } = hosted.global;
  const sms = compact({
    SmsAuthenticationMessage: config.SmsAuthenticationMessage,
    SmsConfiguration: clone(hosted.regional.SmsConfiguration),
  });
  return compact({
    SmsMfaConfiguration: Object.keys(sms).length > 0 ? sms : undefined,
    SoftwareTokenMfaConfiguration: clone(mfa.SoftwareTokenMfaConfiguration),
    EmailMfaConfiguration: clone(mfa.EmailMfaConfiguration),
    MfaConfiguration: config.MfaConfiguration ?? 'OFF',
    WebAuthnConfiguration: clone(mfa.WebAuthnConfiguration),
  });
}

export function getUserPoolMfaConfig(scope: OperationScope, input: JsonObject): JsonObject {
  return mfaView(readablePool(scope, input));
}

export function setUserPoolMfaConfig(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'SetUserPoolMfaConfig');
  const mode = optionalEnum(input, 'MfaConfiguration', ['OFF', 'ON', 'OPTIONAL']);
  const sms = optionalObject(input, 'SmsMfaConfiguration');
  const totp = optionalObject(input, 'SoftwareTokenMfaConfiguration');
  const email = optionalObject(input, 'EmailMfaConfiguration');
  const webAuthn = optionalObject(input, 'WebAuthnConfiguration');
  const { pool } = hosted;
  const nextMode = mode ?? pool.global.config.MfaConfiguration ?? 'OFF';
  const smsReady = Boolean(sms?.SmsConfiguration ?? hosted.regional.SmsConfiguration);
  const totpReady = (totp ?? pool.global.mfa.SoftwareTokenMfaConfiguration)?.Enabled === true;
  const emailReady = Boolean(email ?? pool.global.mfa.EmailMfaConfiguration);
  if (nextMode !== 'OFF' && !smsReady && !totpReady && !emailReady) {
    throw invalidParameter(`MfaConfiguration ${nextMode} requires at least one MFA factor (SMS, software token or email) to be configured.`);
  }
  pool.global.config.MfaConfiguration = nextMode;
  if (sms) {
    if (sms.SmsAuthenticationMessage !== undefined) pool.global.config.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
    if (sms.SmsConfiguration !== undefined) {
      hosted.regional.SmsConfiguration = clone(sms.SmsConfiguration);
      hosted.regional.lastModified = scope.ctx.now;
    }
  }
  if (totp) pool.global.mfa.SoftwareTokenMfaConfiguration = clone(totp);
  if (email) pool.global.mfa.EmailMfaConfiguration = clone(email);
  if (webAuthn) pool.global.mfa.WebAuthnConfiguration = clone(webAuthn);
  recordGlobalChange(pool, scope.ctx);
  return mfaView(hosted);
}
