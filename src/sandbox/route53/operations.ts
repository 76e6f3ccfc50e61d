/**
 * The Route 53 operations the sandbox models, each turning a REST request into an XML response.
 */
import { SandboxError, type CallContext, type JsonObject, type RestRequest, type RestResponse } from '../types.js';
import { applyChangeBatch, parseChanges } from './change-batch.js';
import { testDnsAnswer } from './dns-answer.js';
import { currentMoment, evaluateHealth } from './health-evaluation.js';
import { healthCheckXml, type HealthCheckStore } from './health-checks.js';
import { healthCheckObservations } from './health-status.js';
import { compareNames, displayName, normaliseName } from './names.js';
import { compareRecords, recordSetXml, RECORD_TYPES } from './record-sets.js';
import { buildXml, parseXmlRequest, xmlList } from './xml.js';
import { changeInfoXml, delegationSetXml, hostedZoneXml, type HostedZoneStore } from './zones.js';

export interface Route53State {
  zones: HostedZoneStore;
  healthChecks: HealthCheckStore;
}

export type Route53Handler = (state: Route53State, req: RestRequest, ctx: CallContext, id: string) => RestResponse;

const ENDPOINT = 'https://route53.amazonaws.com/2013-04-01';

function xml(root: string, content: JsonObject, status = 200, headers: Record<string, string> = {}): RestResponse {
  return { status, headers: { 'content-type': 'text/xml', ...headers }, body: buildXml(root, content) };
}

function maxItems(query: URLSearchParams, fallback: number, cap: number): number {
  const raw = query.get('maxitems');
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new SandboxError('InvalidInput', `Invalid request: maxitems must be a positive integer, got '${raw}'.`);
  return Math.min(value, cap);
}

/**
 * A page of a list paged by `marker` (the id of the first item to show) and `maxitems`, with the
 * response fields Route 53 answers for such lists (ListHostedZones, ListHealthChecks).
 */
function markerPage<T extends { id: string }>(all: T[], query: URLSearchParams, fallback: number, cap: number) {
  const limit = maxItems(query, fallback, cap);
  const marker = query.get('marker');
  const start = marker === null ? 0 : all.findIndex((item) => item.id === marker);
  if (start < 0) throw new SandboxError('InvalidInput', `Invalid request: unknown marker ${marker}.`);
  const next = all[start + limit];
  return {
    page: all.slice(start, start + limit),
    fields: { Marker: marker ?? '', IsTruncated: next !== undefined, NextMarker: next?.id, MaxItems: limit },
  };
}

const createHostedZone: Route53Handler = (state, req, ctx) => {
  const { zone, change } = state.zones.create(parseXmlRequest(req.body, 'CreateHostedZoneRequest'), ctx);
  return xml(
    'CreateHostedZoneResponse',
    { HostedZone: hostedZoneXml(zone), ChangeInfo: changeInfoXml(change, ctx.now), DelegationSet: delegationSetXml(zone) },
    201,
    { location: `${ENDPOINT}/hostedzone/${zone.id}` },
  );
};

const getHostedZone: Route53Handler = (state, _req, _ctx, id) => {
  const zone = state.zones.get(id);
  return xml('GetHostedZoneResponse', { HostedZone: hostedZoneXml(zone), DelegationSet: delegationSetXml(zone) });
};

const deleteHostedZone: Route53Handler = (state, _req, ctx, id) =>
  xml('DeleteHostedZoneResponse', { ChangeInfo: changeInfoXml(state.zones.delete(id, ctx), ctx.now) });

const listHostedZones: Route53Handler = (state, req) => {
  const { page, fields } = markerPage(state.zones.all(), req.query, 100, 100);
  return xml('ListHostedZonesResponse', { HostedZones: xmlList('HostedZone', page.map(hostedZoneXml)), ...fields });
};

const listHostedZonesByName: Route53Handler = (state, req) => {
  const dnsName = req.query.get('dnsname');
  const zoneId = req.query.get('hostedzoneid');
  if (zoneId !== null && dnsName === null) throw new SandboxError('InvalidInput', 'Invalid request: hostedzoneid requires dnsname.');
  const limit = maxItems(req.query, 100, 100);
  const zones = state.zones.all().sort((a, b) => compareNames(a.name, b.name) || a.id.localeCompare(b.id));
  const name = dnsName === null ? undefined : normaliseName(dnsName, 'dnsname');
  const start = name === undefined ? 0 : zones.findIndex((zone) => {
    const order = compareNames(zone.name, name);
    return order > 0 || (order === 0 && (zoneId === null || zone.id.localeCompare(zoneId) >= 0));
  });
  const from = start < 0 ? zones.length : start;
  const page = zones.slice(from, from + limit);
  const next = zones[from + limit];
  return xml('ListHostedZonesByNameResponse', {
    HostedZones: xmlList('HostedZone', page.map(hostedZoneXml)),
    DNSName: dnsName ?? undefined,
    HostedZoneId: zoneId ?? undefined,
    IsTruncated: next !== undefined,
    NextDNSName: next ? displayName(next.name) : undefined,
    NextHostedZoneId: next?.id,
    MaxItems: limit,
  });
};

const changeResourceRecordSets: Route53Handler = (state, req, ctx, id) => {
  const zone = state.zones.get(id);
  const body = parseXmlRequest(req.body, 'ChangeResourceRecordSetsRequest');
  const batch = body.ChangeBatch as JsonObject | undefined;
  const changes = parseChanges(batch);
  zone.records = applyChangeBatch(zone.name, zone.records, changes, state.healthChecks.has);
  const comment = typeof batch?.Comment === 'string' && batch.Comment !== '' ? batch.Comment : undefined;
  return xml('ChangeResourceRecordSetsResponse', { ChangeInfo: changeInfoXml(state.zones.submitChange(ctx, comment), ctx.now) });
};

const listResourceRecordSets: Route53Handler = (state, req, _ctx, id) => {
  const zone = state.zones.get(id);
  const rawName = req.query.get('name');
  const type = req.query.get('type');
  const identifier = req.query.get('identifier');
  if (type !== null && rawName === null) throw new SandboxError('InvalidInput', 'Invalid request: the type parameter requires the name parameter.');
  if (identifier !== null && type === null) throw new SandboxError('InvalidInput', 'Invalid request: the identifier parameter requires the name and type parameters.');
  if (type !== null && !RECORD_TYPES.includes(type)) throw new SandboxError('InvalidInput', `Invalid request: Invalid value '${type}' for field 'type'.`);
  const limit = maxItems(req.query, 300, 300);
  const records = [...zone.records].sort(compareRecords);
  let start = 0;
  if (rawName !== null) {
    const name = normaliseName(rawName, 'name');
    start = records.findIndex((record) =>
      type === null ? compareNames(record.Name, name) >= 0 : compareRecords(record, { Name: name, Type: type, SetIdentifier: identifier ?? undefined }) >= 0,
    );
    if (start < 0) start = records.length;
  }
  const page = records.slice(start, start + limit);
  const next = records[start + limit];
  return xml('ListResourceRecordSetsResponse', {
    ResourceRecordSets: xmlList('ResourceRecordSet', page.map(recordSetXml)),
    IsTruncated: next !== undefined,
    NextRecordName: next ? recordSetXml(next).Name : undefined,
    NextRecordType: next?.Type,
    NextRecordIdentifier: next?.SetIdentifier,
    MaxItems: limit,
  });
};

const getChange: Route53Handler = (state, _req, ctx, id) => xml('GetChangeResponse', { ChangeInfo: changeInfoXml(state.zones.getChange(id), ctx.now) });

const createHealthCheck: Route53Handler = (state, req, ctx) => {
  const { record } = state.healthChecks.create(parseXmlRequest(req.body, 'CreateHealthCheckRequest'), ctx.now);
  return xml('CreateHealthCheckResponse', { HealthCheck: healthCheckXml(record) }, 201, { location: `${ENDPOINT}/healthcheck/${record.id}` });
};

const getHealthCheck: Route53Handler = (state, _req, _ctx, id) => xml('GetHealthCheckResponse', { HealthCheck: healthCheckXml(state.healthChecks.get(id)) });

const listHealthChecks: Route53Handler = (state, req) => {
  const { page, fields } = markerPage(state.healthChecks.list(), req.query, 100, 1000);
  return xml('ListHealthChecksResponse', { HealthChecks: xmlList('HealthCheck', page.map(healthCheckXml)), ...fields });
};

const updateHealthCheck: Route53Handler = (state, req, ctx, id) => {
  const record = state.healthChecks.update(id, parseXmlRequest(req.body, 'UpdateHealthCheckRequest'), ctx.now);
  return xml('UpdateHealthCheckResponse', { HealthCheck: healthCheckXml(record) });
};

const deleteHealthCheck: Route53Handler = (state, _req, _ctx, id) => {
  state.healthChecks.get(id);
  for (const zone of state.zones.all()) {
    const user = zone.records.find((record) => record.HealthCheckId === id);
    if (user) {
      throw new SandboxError('HealthCheckInUse', `The health check ${id} is still referenced from parameter HealthCheckId of the resource record set ${user.Name} (${user.Type}).`);
    }
  }
  const parent = state.healthChecks.list().find((check) => check.config.ChildHealthChecks?.includes(id));
  if (parent) throw new SandboxError('HealthCheckInUse', `The health check ${id} is a child of the calculated health check ${parent.id}.`);
  state.healthChecks.delete(id);
  return xml('DeleteHealthCheckResponse', {});
};

const getHealthCheckStatus: Route53Handler = (state, _req, ctx, id) =>
  xml('GetHealthCheckStatusResponse', healthCheckObservations(state.healthChecks, state.healthChecks.get(id), ctx));

const testDnsAnswerHandler: Route53Handler = (state, req, ctx) => {
  const moment = currentMoment(state.healthChecks, ctx);
  return xml(
    'TestDNSAnswerResponse',
    testDnsAnswer(req.query, { zoneById: (zoneId) => state.zones.find(zoneId), healthOf: (checkId) => evaluateHealth(checkId, moment) }),
  );
};

export const ROUTE53_OPERATIONS: Record<string, Route53Handler> = {
  CreateHostedZone: createHostedZone,
  GetHostedZone: getHostedZone,
  DeleteHostedZone: deleteHostedZone,
  ListHostedZones: listHostedZones,
  ListHostedZonesByName: listHostedZonesByName,
  GetHostedZoneCount: (state) => xml('GetHostedZoneCountResponse', { HostedZoneCount: state.zones.all().length }),
  ChangeResourceRecordSets: changeResourceRecordSets,
  ListResourceRecordSets: listResourceRecordSets,
  GetChange: getChange,
  CreateHealthCheck: createHealthCheck,
  GetHealthCheck: getHealthCheck,
  ListHealthChecks: listHealthChecks,
  GetHealthCheckCount: (state) => xml('GetHealthCheckCountResponse', { HealthCheckCount: state.healthChecks.list().length }),
  UpdateHealthCheck: updateHealthCheck,
  DeleteHealthCheck: deleteHealthCheck,
  GetHealthCheckStatus: getHealthCheckStatus,
  TestDNSAnswer: testDnsAnswerHandler,
};
