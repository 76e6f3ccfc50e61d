/**
 * Email: the pool's EmailConfiguration and the threat-protection notification sender are Regional.
 * When the primary sends through its own SES identity (DEVELOPER), the secondary must send through
 * the same identity verified in the secondary's Region — not through the primary Region's SES.
 */
import type { JsonObject } from '../plan/types.js';
import { arnInRegion, parseArn, regionOfArn, sameModuloRegion } from './arn.js';
import { sameJson, show, type FindingCollector } from './collector.js';
import { identityName, identityReady, notifyOf } from './counterparts.js';
import { resourceKey, unreadResource, type DriftObservation } from './types.js';

const DETAIL_FIELDS = ['From', 'ReplyToEmailAddress', 'ConfigurationSet'];

function emailOf(o: DriftObservation, side: 'primary' | 'secondary'): JsonObject {
  return (o[side].pool?.EmailConfiguration ?? {}) as JsonObject;
}

function account(email: JsonObject): string {
  return String(email.EmailSendingAccount ?? 'COGNITO_DEFAULT');
}

function checkEmailConfiguration(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const c = out.check('email.EmailConfiguration', 'email', 'Email configuration');
  const p = emailOf(o, 'primary');
  const s = emailOf(o, 'secondary');
  const base = 'secondary.EmailConfiguration';
  const psource = typeof p.SourceArn === 'string' ? p.SourceArn : undefined;
  const ready = !psource || identityReady(o, S, identityName(psource));
  const fix = ready ? 'run `mrrctl drift fix`' : `verify the SES identity ${psource ? identityName(psource) : ''} in ${S}, then run \`mrrctl drift fix\``;
  if (account(p) === 'DEVELOPER' && account(s) !== 'DEVELOPER') {
    c.add('MRR_DRIFT_E201', {
      region: S,
      path: `${base}.EmailSendingAccount`,
      primary: p,
      secondary: s,
      fixable: ready,
      remedy: fix,
      message: `${P} sends email through SES (${psource ? identityName(psource) : 'DEVELOPER'}), ${S} through ${account(s)}`,
    });
    return;
  }
  if (account(p) !== account(s)) {
    c.add('MRR_DRIFT_W204', { region: S, path: `${base}.EmailSendingAccount`, primary: account(p), secondary: account(s), fixable: true, remedy: 'run `mrrctl drift fix`, or allow the difference in drift.allow', message: `${P} sends email with ${account(p)}, ${S} with ${account(s)}` });
    return;
  }
  if (account(s) === 'DEVELOPER' && typeof s.SourceArn === 'string') {
    if ((regionOfArn(s.SourceArn) ?? S) !== S) {
      c.add('MRR_DRIFT_E203', { region: S, path: `${base}.SourceArn`, primary: psource ?? null, secondary: s.SourceArn, fixable: ready, remedy: fix, message: `${S} sends email through SES in ${regionOfArn(s.SourceArn)}` });
    } else if (psource && !sameModuloRegion(psource, s.SourceArn)) {
      c.add('MRR_DRIFT_W204', { region: S, path: `${base}.SourceArn`, primary: psource, secondary: s.SourceArn, fixable: ready, remedy: `${fix}, or allow the difference in drift.allow`, message: `${S} sends email as ${identityName(s.SourceArn)}, ${P} as ${identityName(psource)}` });
    }
  }
  for (const field of DETAIL_FIELDS) {
    if (!sameJson(p[field], s[field])) {
      c.add('MRR_DRIFT_W204', { region: S, path: `${base}.${field}`, primary: p[field], secondary: s[field], fixable: ready, remedy: `${fix}, or allow the difference in drift.allow`, message: `email ${field} is ${show(p[field])} in ${P} but ${show(s[field])} in ${S}` });
    }
  }
}

function checkNotify(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const p = notifyOf(o.primary.risk);
  if (typeof p?.SourceArn !== 'string') return;
  const c = out.check('threat-protection.NotifyConfiguration', 'threat-protection', 'Threat-protection notification sender');
  const s = notifyOf(o.secondary.risk) ?? {};
  const base = 'secondary.RiskConfiguration.AccountTakeoverRiskConfiguration.NotifyConfiguration';
  const identity = identityName(p.SourceArn);
  const ready = identityReady(o, S, identity);
  const fix = ready ? 'run `mrrctl drift fix`' : `verify the SES identity ${identity} in ${S}, then run \`mrrctl drift fix\``;
  if (typeof s.SourceArn !== 'string') {
    c.add('MRR_DRIFT_E401', { region: S, path: `${base}.SourceArn`, primary: p.SourceArn, secondary: null, fixable: ready, remedy: fix, message: `${P} sends threat-protection notices from ${identity}; ${S} has no sender` });
    return;
  }
  if ((regionOfArn(s.SourceArn) ?? S) !== S) {
    c.add('MRR_DRIFT_E402', { region: S, path: `${base}.SourceArn`, primary: p.SourceArn, secondary: s.SourceArn, fixable: ready, remedy: fix, message: `${S} sends threat-protection notices through SES in ${regionOfArn(s.SourceArn)}` });
  }
  if (!sameJson(p.From, s.From)) {
    c.add('MRR_DRIFT_W403', { region: S, path: `${base}.From`, primary: p.From, secondary: s.From, fixable: ready, remedy: `${fix}, or allow the difference in drift.allow`, message: `notification From is ${show(p.From)} in ${P} but ${show(s.From)} in ${S}` });
  }
}

/** Every SES identity the settings use, in the Regions that send with it. */
function checkIdentities(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  // Region + identity → [the ARN to look at, the primary's ARN it stands for].
  const sources = new Map<string, [string, string | null]>();
  const add = (arn: unknown, fallback: string, reference: string | null) => {
    const key = typeof arn === 'string' ? `${parseArn(arn)?.region || fallback} ${identityName(arn)}` : undefined;
    if (key && !sources.has(key)) sources.set(key, [arn as string, reference]);
  };
  const pe = emailOf(o, 'primary');
  if (account(pe) === 'DEVELOPER' && typeof pe.SourceArn === 'string') {
    add(pe.SourceArn, P, pe.SourceArn);
    add(arnInRegion(pe.SourceArn, S), S, pe.SourceArn);
  }
  const pn = notifyOf(o.primary.risk)?.SourceArn;
  if (typeof pn === 'string') {
    add(pn, P, pn);
    add(arnInRegion(pn, S), S, pn);
  }
  const se = emailOf(o, 'secondary');
  if (account(se) === 'DEVELOPER' && (regionOfArn(se.SourceArn) ?? S) === S) add(se.SourceArn, S, null);
  const sn = notifyOf(o.secondary.risk)?.SourceArn;
  if ((regionOfArn(sn) ?? S) === S) add(sn, S, null);

  for (const [key, [arn, reference]] of sources) {
    const region = key.slice(0, key.indexOf(' '));
    const identity = identityName(arn);
    const c = out.check(`resource.ses:${identity}`, 'email', `SES identity ${identity}`);
    const unread = unreadResource(o, 'emailIdentity', region, identity);
    if (unread) {
      c.unreadable(unread);
      continue;
    }
    if (identityReady(o, region, identity)) continue;
    const found = o.resources.emailIdentities[resourceKey(region, identity)];
    const status = found ? (found.VerificationStatus ?? 'NOT_VERIFIED') : null;
    c.add('MRR_DRIFT_E202', {
      region,
      path: `${region === P ? 'primary' : 'secondary'}.resources.ses:${identity}`,
      primary: reference,
      secondary: status,
      remedy: `create and verify the SES identity ${identity} in ${region} (drift fix cannot verify identities)`,
      message: found ? `SES identity ${identity} is not verified in ${region} (${found.VerificationStatus ?? 'unknown'})` : `SES identity ${identity} does not exist in ${region}`,
    });
  }
}

export function checkEmail(o: DriftObservation, out: FindingCollector): void {
  checkEmailConfiguration(o, out);
  checkNotify(o, out);
  checkIdentities(o, out);
}
