/**
 * Log delivery (GetLogDeliveryConfiguration) is Regional: for each event source the primary exports,
 * the secondary must export too, to a destination in its own Region that exists — a CloudWatch Logs
 * group or a Firehose stream. S3 buckets are not read by mrrctl: reported as not verifiable.
 */
import type { JsonObject } from '../plan/types.js';
import { arnInRegion, parseArn, resourceName, sameModuloRegion } from './arn.js';
import { show, type FindingCollector } from './collector.js';
import { destinationExists, logConfigurations, logDestination, type LogDestinationKind } from './counterparts.js';
import { unreadResource, type DriftObservation } from './types.js';

const KIND_LABEL: Record<LogDestinationKind, string> = {
  CloudWatchLogsConfiguration: 'log group',
  FirehoseConfiguration: 'Firehose stream',
  S3Configuration: 'S3 bucket',
};

const KIND_ID: Record<LogDestinationKind, string> = {
  CloudWatchLogsConfiguration: 'log-group',
  FirehoseConfiguration: 'firehose',
  S3Configuration: 's3',
};

function bySource(list: JsonObject[]): Map<string, JsonObject> {
  return new Map(list.map((c) => [String(c.EventSource), c]));
}

/** Can the secondary's counterpart destination be used (exists there, or S3 which needs no move)? */
export function counterpartReady(o: DriftObservation, config: JsonObject): boolean {
  const dest = logDestination(config);
  if (!dest) return false;
  if (dest.kind === 'S3Configuration') return true;
  return destinationExists(o, o.secondaryRegion, { kind: dest.kind, arn: arnInRegion(dest.arn, o.secondaryRegion) }) === true;
}

function checkConfigurations(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const primary = bySource(logConfigurations(o, 'primary'));
  const secondary = bySource(logConfigurations(o, 'secondary'));
  for (const [source, p] of primary) {
    const c = out.check(`log-delivery.${source}`, 'log-delivery', `Log delivery of ${source}`);
    const path = `secondary.LogDeliveryConfiguration.${source}`;
    const pdest = logDestination(p);
    const ready = counterpartReady(o, p);
    const counterpart = pdest ? (pdest.kind === 'S3Configuration' ? pdest.arn : arnInRegion(pdest.arn, S)) : undefined;
    const fix = ready ? 'run `mrrctl drift fix`' : `create the ${pdest ? KIND_LABEL[pdest.kind] : 'destination'} ${counterpart ? resourceName(counterpart) : ''} in ${S}, then run \`mrrctl drift fix\``;
    const s = secondary.get(source);
    if (!s) {
      c.add('MRR_DRIFT_E601', { region: S, path, primary: p, secondary: null, fixable: ready, remedy: fix, message: `${P} exports ${source} logs to ${show(pdest?.arn)}; ${S} exports none` });
      continue;
    }
    const sdest = logDestination(s);
    const sRegion = sdest && sdest.kind !== 'S3Configuration' ? parseArn(sdest.arn)?.region || S : S;
    if (sdest && sRegion !== S) {
      c.add('MRR_DRIFT_E603', { region: S, path: `${path}.${sdest.kind}`, primary: pdest?.arn ?? null, secondary: sdest.arn, fixable: ready, remedy: fix, message: `${S} exports ${source} logs to a ${KIND_LABEL[sdest.kind]} in ${sRegion}` });
    } else if (!pdest || !sdest || pdest.kind !== sdest.kind || !sameModuloRegion(pdest.arn, sdest.arn) || p.LogLevel !== s.LogLevel) {
      c.add('MRR_DRIFT_W604', { region: S, path, primary: p, secondary: s, fixable: ready, remedy: `${fix}, or allow the difference in drift.allow`, message: `${source} log delivery differs: ${show(p)} in ${P}, ${show(s)} in ${S}` });
    }
  }
  for (const [source, s] of secondary) {
    if (primary.has(source)) continue;
    out.check(`log-delivery.${source}`, 'log-delivery', `Log delivery of ${source}`).add('MRR_DRIFT_W604', {
      region: S,
      path: `secondary.LogDeliveryConfiguration.${source}`,
      primary: null,
      secondary: s,
      remedy: `export ${source} logs in ${P} too, or allow the difference in drift.allow`,
      message: `${S} exports ${source} logs, ${P} does not`,
    });
  }
}

function checkDestinations(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const targets: Array<{ region: string; kind: LogDestinationKind; arn: string; source: string; reference: string | null }> = [];
  for (const p of logConfigurations(o, 'primary')) {
    const dest = logDestination(p);
    if (!dest) continue;
    const source = String(p.EventSource);
    targets.push({ region: dest.kind === 'S3Configuration' ? P : parseArn(dest.arn)?.region || P, ...dest, source, reference: dest.arn });
    if (dest.kind !== 'S3Configuration') targets.push({ region: S, kind: dest.kind, arn: arnInRegion(dest.arn, S), source, reference: dest.arn });
  }
  for (const s of logConfigurations(o, 'secondary')) {
    const dest = logDestination(s);
    if (!dest) continue;
    if (dest.kind === 'S3Configuration' || (parseArn(dest.arn)?.region || S) === S) targets.push({ region: S, ...dest, source: String(s.EventSource), reference: null });
  }
  const seen = new Set<string>();
  for (const t of targets) {
    const key = `${t.region} ${t.kind} ${t.arn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = resourceName(t.arn);
    const c = out.check(`resource.${KIND_ID[t.kind]}:${name}`, 'log-delivery', `${KIND_LABEL[t.kind]} ${name}`);
    const side = t.region === P ? 'primary' : 'secondary';
    const path = `${side}.resources.${KIND_ID[t.kind]}:${name}`;
    const kind = t.kind === 'CloudWatchLogsConfiguration' ? 'logGroup' : t.kind === 'FirehoseConfiguration' ? 'deliveryStream' : undefined;
    const unread = kind ? unreadResource(o, kind, t.region, name) : undefined;
    if (unread) {
      c.unreadable(unread);
      continue;
    }
    const exists = destinationExists(o, t.region, t);
    if (exists === undefined) {
      c.add('MRR_DRIFT_I605', { region: t.region, path, primary: null, secondary: t.arn, remedy: `check that ${name} exists and its bucket policy lets Cognito log delivery write to it`, message: `${t.source} logs go to S3 bucket ${name}; mrrctl cannot verify it` });
    } else if (!exists) {
      c.add('MRR_DRIFT_E602', { region: t.region, path, primary: t.reference, secondary: null, remedy: `create the ${KIND_LABEL[t.kind]} ${name} in ${t.region} (drift fix cannot create it)`, message: `${KIND_LABEL[t.kind]} ${name} does not exist in ${t.region}` });
    }
  }
}

export function checkLogDelivery(o: DriftObservation, out: FindingCollector): void {
  checkConfigurations(o, out);
  checkDestinations(o, out);
}
