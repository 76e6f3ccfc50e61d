/**
 * Which resources the observed settings point at, and in which Region to look for them: each primary
 * trigger's function, SES identity and log destination in its own Region and — moved to the
 * secondary — in the secondary; whatever the secondary's own settings name there; and the web ACL of
 * the primary's ACL name in the secondary. Pure: the observer fetches exactly this list.
 */
import type { JsonObject } from '../plan/types.js';
import { arnInRegion, parseArn, resourceName } from './arn.js';
import { functionRegion, identityName, logConfigurations, logDestination, notifyOf, triggersOf } from './counterparts.js';
import type { DriftObservation } from './types.js';

export interface WantedResources {
  functions: Array<{ region: string; arn: string }>;
  emailIdentities: Array<{ region: string; identity: string }>;
  logGroups: Array<{ region: string; name: string }>;
  deliveryStreams: Array<{ region: string; name: string }>;
  webAcls: Array<{ region: string; name: string }>;
}

type Snapshots = Pick<DriftObservation, 'primaryRegion' | 'secondaryRegion' | 'primary' | 'secondary'>;

function uniquePush<T extends object>(list: T[], item: T): void {
  const key = JSON.stringify(item);
  if (!list.some((x) => JSON.stringify(x) === key)) list.push(item);
}

function sesSources(o: Snapshots, side: 'primary' | 'secondary'): string[] {
  const sources: string[] = [];
  const email = o[side].pool?.EmailConfiguration as JsonObject | undefined;
  if (email?.EmailSendingAccount === 'DEVELOPER' && typeof email.SourceArn === 'string') sources.push(email.SourceArn);
  const notify = notifyOf(o[side].risk);
  if (typeof notify?.SourceArn === 'string') sources.push(notify.SourceArn);
  return sources;
}

export function wantedResources(o: Snapshots): WantedResources {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const wanted: WantedResources = { functions: [], emailIdentities: [], logGroups: [], deliveryStreams: [], webAcls: [] };

  for (const arn of Object.values(triggersOf(o.primary.pool?.LambdaConfig))) {
    uniquePush(wanted.functions, { region: functionRegion(arn, P), arn });
    uniquePush(wanted.functions, { region: S, arn: arnInRegion(arn, S) });
  }
  for (const arn of Object.values(triggersOf(o.secondary.pool?.LambdaConfig))) {
    if (functionRegion(arn, S) === S) uniquePush(wanted.functions, { region: S, arn });
  }

  for (const source of sesSources(o, 'primary')) {
    uniquePush(wanted.emailIdentities, { region: parseArn(source)?.region || P, identity: identityName(source) });
    uniquePush(wanted.emailIdentities, { region: S, identity: identityName(source) });
  }
  for (const source of sesSources(o, 'secondary')) {
    if ((parseArn(source)?.region || S) === S) uniquePush(wanted.emailIdentities, { region: S, identity: identityName(source) });
  }

  const destinations = (side: 'primary' | 'secondary', region: string, alsoIn?: string) => {
    for (const config of logConfigurations(o as DriftObservation, side)) {
      const dest = logDestination(config);
      if (!dest || dest.kind === 'S3Configuration') continue;
      const list = dest.kind === 'CloudWatchLogsConfiguration' ? wanted.logGroups : wanted.deliveryStreams;
      const own = parseArn(dest.arn)?.region || region;
      if (side === 'primary' || own === region) uniquePush(list, { region: own, name: resourceName(dest.arn) });
      if (alsoIn) uniquePush(list, { region: alsoIn, name: resourceName(dest.arn) });
    }
  };
  destinations('primary', P, S);
  destinations('secondary', S);

  if (o.primary.webAcl?.Name) uniquePush(wanted.webAcls, { region: S, name: o.primary.webAcl.Name });
  return wanted;
}
