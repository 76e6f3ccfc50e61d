/** SMS configuration, tags and MFA: Regional settings that point at no Regional resource mrrctl reads. */
import type { JsonObject } from '../plan/types.js';
import { sameJson, show, type FindingCollector } from './collector.js';
import { smsCounterpart } from './counterparts.js';
import type { DriftObservation } from './types.js';

export function checkSms(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const p = o.primary.pool?.SmsConfiguration as JsonObject | undefined;
  const s = o.secondary.pool?.SmsConfiguration as JsonObject | undefined;
  if (!p && !s) return;
  const c = out.check('sms.SmsConfiguration', 'sms', 'SMS configuration');
  const path = 'secondary.SmsConfiguration';
  if (!p) return;
  const smsMfa = Boolean((o.primary.mfa?.SmsMfaConfiguration as JsonObject | undefined)?.SmsConfiguration);
  if (!s) {
    c.add('MRR_DRIFT_E301', {
      region: S,
      path,
      primary: p,
      secondary: null,
      fixable: true,
      remedy: 'run `mrrctl drift fix` (the SNS caller role is global; check SNS SMS sending is set up in the secondary Region)',
      message: `${S} has no SMS configuration: no SMS verification${smsMfa ? ' and no SMS MFA codes' : ''} while it serves`,
    });
    return;
  }
  const expected = smsCounterpart(p, P, S);
  const { SnsRegion: _e, ...expectedRest } = expected;
  const { SnsRegion: _a, ...actualRest } = s;
  const actualRegion = String(s.SnsRegion ?? S);
  const expectedRegion = String(expected.SnsRegion ?? S);
  if (actualRegion === P && expectedRegion !== P) {
    c.add('MRR_DRIFT_W303', { region: S, path: `${path}.SnsRegion`, primary: p.SnsRegion ?? null, secondary: actualRegion, fixable: true, remedy: `run \`mrrctl drift fix\` to send through SNS in ${S}`, message: `${S} sends SMS through SNS in ${P}` });
  } else if (!sameJson(expectedRest, actualRest) || actualRegion !== expectedRegion) {
    c.add('MRR_DRIFT_W302', { region: S, path, primary: p, secondary: s, fixable: true, remedy: 'run `mrrctl drift fix`, or allow the difference in drift.allow', message: `the SMS configuration differs: ${show(p)} in ${P}, ${show(s)} in ${S}` });
  }
}

export function checkTags(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const p = (o.primary.pool?.UserPoolTags ?? {}) as Record<string, string>;
  const s = (o.secondary.pool?.UserPoolTags ?? {}) as Record<string, string>;
  const c = out.check('tags.UserPoolTags', 'tags', 'User pool tags');
  for (const [key, value] of Object.entries(p)) {
    if (s[key] === value) continue;
    c.add('MRR_DRIFT_W501', {
      region: S,
      path: `secondary.UserPoolTags.${key}`,
      primary: value,
      secondary: s[key] ?? null,
      fixable: true,
      remedy: 'run `mrrctl drift fix` (it copies the primary tags and keeps the secondary-only ones)',
      message: s[key] === undefined ? `tag ${key} is missing in ${S}` : `tag ${key} is ${show(value)} in ${P} but ${show(s[key])} in ${S}`,
    });
  }
  for (const [key, value] of Object.entries(s)) {
    if (key in p) continue;
    c.add('MRR_DRIFT_I502', { region: S, path: `secondary.UserPoolTags.${key}`, primary: null, secondary: value, remedy: `none needed; tag ${P} too if it should be the same`, message: `tag ${key} is set only in ${S}` });
  }
}

export function checkMfa(o: DriftObservation, out: FindingCollector): void {
  const mode = o.primary.mfa?.MfaConfiguration ?? o.primary.pool?.MfaConfiguration;
  const totp = (o.primary.mfa?.SoftwareTokenMfaConfiguration as JsonObject | undefined)?.Enabled === true;
  const c = out.check('mfa.SoftwareToken', 'mfa', 'MFA factors available in the secondary');
  if (mode && mode !== 'OFF' && totp) {
    c.add('MRR_DRIFT_I801', {
      region: o.secondaryRegion,
      path: 'secondary.MfaConfig.SoftwareTokenMfaConfiguration',
      primary: { MfaConfiguration: mode, SoftwareTokenMfaConfiguration: { Enabled: true } },
      secondary: null,
      remedy: 'tell users who rely on an authenticator app to add another factor (SMS or email) before a failover',
      message: `MFA is ${mode} with software tokens (TOTP): secondaries do not support TOTP, so those users can sign in only while ${o.primaryRegion} serves`,
    });
  }
}
