/**
 * Route 53's REST paths (API version 2013-04-01) → operation names. The SDK strips the
 * `/hostedzone/` and `/change/` prefixes from ids before building the path.
 */
import type { RestRequest } from '../types.js';

export const API_PREFIX = '/2013-04-01';

/** Answered for a path under /2013-04-01 that the sandbox does not model. */
export const UNMODELLED_OPERATION = 'UnmodelledOperation';

const ROUTES: Array<[method: string, pattern: RegExp, operation: string]> = [
  ['POST', /^\/hostedzone$/, 'CreateHostedZone'],
  ['GET', /^\/hostedzone$/, 'ListHostedZones'],
  ['GET', /^\/hostedzonesbyname$/, 'ListHostedZonesByName'],
  ['GET', /^\/hostedzonecount$/, 'GetHostedZoneCount'],
  ['GET', /^\/hostedzone\/([^/]+)$/, 'GetHostedZone'],
  ['DELETE', /^\/hostedzone\/([^/]+)$/, 'DeleteHostedZone'],
  ['POST', /^\/hostedzone\/([^/]+)\/rrset\/?$/, 'ChangeResourceRecordSets'],
  ['GET', /^\/hostedzone\/([^/]+)\/rrset\/?$/, 'ListResourceRecordSets'],
  ['GET', /^\/change\/([^/]+)$/, 'GetChange'],
  ['POST', /^\/healthcheck$/, 'CreateHealthCheck'],
  ['GET', /^\/healthcheck$/, 'ListHealthChecks'],
  ['GET', /^\/healthcheckcount$/, 'GetHealthCheckCount'],
  ['GET', /^\/healthcheck\/([^/]+)$/, 'GetHealthCheck'],
  ['POST', /^\/healthcheck\/([^/]+)$/, 'UpdateHealthCheck'],
  ['DELETE', /^\/healthcheck\/([^/]+)$/, 'DeleteHealthCheck'],
  ['GET', /^\/healthcheck\/([^/]+)\/status$/, 'GetHealthCheckStatus'],
  ['GET', /^\/testdnsanswer$/, 'TestDNSAnswer'],
];

export const MODELLED_OPERATIONS = [...new Set(ROUTES.map(([, , operation]) => operation))].sort();

export interface RouteMatch {
  operation: string;
  /** The id in the path ({Id}, {HostedZoneId} or {HealthCheckId}), when the route has one. */
  id?: string;
}

/** null when the path is not Route 53's; UNMODELLED_OPERATION for a Route 53 path not modelled. */
export function matchRoute(req: Pick<RestRequest, 'method' | 'path'>): RouteMatch | null {
  if (req.path !== API_PREFIX && !req.path.startsWith(`${API_PREFIX}/`)) return null;
  const rest = req.path.slice(API_PREFIX.length);
  for (const [method, pattern, operation] of ROUTES) {
    const match = pattern.exec(rest);
    if (match && method === req.method.toUpperCase()) return { operation, id: match[1] };
  }
  return { operation: UNMODELLED_OPERATION };
}
