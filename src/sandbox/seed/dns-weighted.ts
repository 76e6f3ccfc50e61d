/** The demo's DNS for the weighted strategy: a weighted CNAME per Region, each with an HTTPS health check. */
import { xmlEscape } from '../wire/xml.js';
import type { World } from '../world.js';
import type { DemoDns, DemoRecord } from './demo-config.js';
import { RECORD_NAME, changeRecords, createHealthCheck, createZone } from './route53-call.js';

export async function seedWeightedDns(world: World, ctx: { userPoolId: string; run: string; regions: [string, string]; primaryTarget: string }): Promise<DemoDns> {
  const [primary, secondary] = ctx.regions;
  const hostedZoneId = await createZone(world, ctx.run);
  const targets: Record<string, string> = { [primary]: ctx.primaryTarget, [secondary]: `auth-${secondary}.example.net` };
  const records: Record<string, DemoRecord> = {};
  for (const [region, weight] of [
    [primary, 100],
    [secondary, 0],
  ] as const) {
    // The FQDN names the Region, so health evaluation can tell which Region a check watches.
    const healthCheckId = await createHealthCheck(
      world,
      `mrrctl-demo-hc-${region}-${ctx.run}`,
      `<Type>HTTPS</Type><ResourcePath>/${xmlEscape(ctx.userPoolId)}/.well-known/openid-configuration</ResourcePath>` +
        `<FullyQualifiedDomainName>cognito-idp.${region}.amazonaws.com</FullyQualifiedDomainName>` +
        '<Port>443</Port><RequestInterval>30</RequestInterval><FailureThreshold>3</FailureThreshold><EnableSNI>true</EnableSNI>',
    );
    records[region] = { type: 'CNAME', value: targets[region], healthCheckId, weight };
  }
  const changes = Object.entries(records)
    .map(
      ([region, r]) =>
        `<Change><Action>CREATE</Action><ResourceRecordSet><Name>${RECORD_NAME}</Name><Type>CNAME</Type>` +
        `<SetIdentifier>${region}</SetIdentifier><Weight>${r.weight}</Weight><TTL>60</TTL>` +
        `<ResourceRecords><ResourceRecord><Value>${xmlEscape(r.value)}</Value></ResourceRecord></ResourceRecords>` +
        `<HealthCheckId>${r.healthCheckId}</HealthCheckId></ResourceRecordSet></Change>`,
    )
    .join('');
  await changeRecords(world, hostedZoneId, 'mrrctl sandbox demo: weighted auth records', changes);
  return { strategy: 'weighted', hostedZoneId, records };
}
