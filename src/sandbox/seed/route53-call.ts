/** Route 53 calls as the SDK sends them (restXml), made in-process by the seeds. */
import type { RestRequest } from '../types.js';
import { ROUTE53_XMLNS, parseXml } from '../wire/xml.js';
import type { World } from '../world.js';

/** Route 53 is global; its control plane (and SigV4 scope) is us-east-1. */
export const ROUTE53_REGION = 'us-east-1';
export const ZONE_NAME = 'example.com';
export const RECORD_NAME = 'auth.example.com';

/** A Route 53 call exactly as the SDK would send it: restXml request, XML answer. */
export async function route53(world: World, method: string, path: string, [root, inner]: [string, string]): Promise<Record<string, any>> {
  const req: RestRequest = {
    method,
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${ROUTE53_XMLNS}">${inner}</${root}>`,
  };
  const { operation, response } = await world.invokeRest(req, ROUTE53_REGION);
  if (response.status >= 400) throw new Error(`Route 53 ${operation} answered ${response.status}: ${response.body ?? ''}`);
  return parseXml(response.body ?? '');
}

export async function createZone(world: World, run: string): Promise<string> {
  const zone = await route53(world, 'POST', '/2013-04-01/hostedzone', [
    'CreateHostedZoneRequest',
    `<Name>${ZONE_NAME}</Name><CallerReference>mrrctl-demo-zone-${run}</CallerReference>` +
      '<HostedZoneConfig><Comment>mrrctl sandbox demo</Comment></HostedZoneConfig>',
  ]);
  return String(zone.CreateHostedZoneResponse.HostedZone.Id).replace(/^\/hostedzone\//, '');
}

export async function createHealthCheck(world: World, callerReference: string, configXml: string): Promise<string> {
  const check = await route53(world, 'POST', '/2013-04-01/healthcheck', [
    'CreateHealthCheckRequest',
    `<CallerReference>${callerReference}</CallerReference><HealthCheckConfig>${configXml}</HealthCheckConfig>`,
  ]);
  return String(check.CreateHealthCheckResponse.HealthCheck.Id);
}

export async function changeRecords(world: World, hostedZoneId: string, comment: string, changesXml: string): Promise<void> {
  await route53(world, 'POST', `/2013-04-01/hostedzone/${hostedZoneId}/rrset`, [
    'ChangeResourceRecordSetsRequest',
    `<ChangeBatch><Comment>${comment}</Comment><Changes>${changesXml}</Changes></ChangeBatch>`,
  ]);
}
