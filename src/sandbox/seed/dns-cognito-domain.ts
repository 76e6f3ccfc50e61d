/**
 * The demo's DNS for the cognito-domain strategy: one CNAME to the custom domain's CloudFront target,
 * and the primary's HTTPS health check that the custom domain's `Routing.Failover` will name. The
 * routing itself is set by the runbook once the replica exists (Cognito refuses a SecondaryRegion
 * without a replica), so the config carries the check id ahead of it.
 */
import { xmlEscape } from '../wire/xml.js';
import type { World } from '../world.js';
import type { DemoDns } from './demo-config.js';
import { RECORD_NAME, changeRecords, createHealthCheck, createZone } from './route53-call.js';

export async function seedCognitoDomainDns(world: World, ctx: { userPoolId: string; run: string; regions: [string, string]; primaryTarget: string }): Promise<DemoDns> {
  const [primary] = ctx.regions;
  const hostedZoneId = await createZone(world, ctx.run);
  const healthCheckId = await createHealthCheck(
    world,
    `mrrctl-demo-hc-${primary}-${ctx.run}`,
    `<Type>HTTPS</Type><ResourcePath>/${xmlEscape(ctx.userPoolId)}/.well-known/openid-configuration</ResourcePath>` +
      `<FullyQualifiedDomainName>cognito-idp.${primary}.amazonaws.com</FullyQualifiedDomainName>` +
      '<Port>443</Port><RequestInterval>30</RequestInterval><FailureThreshold>3</FailureThreshold><EnableSNI>true</EnableSNI>',
  );
  await changeRecords(
    world,
    hostedZoneId,
    'mrrctl sandbox demo: the custom domain',
    `<Change><Action>CREATE</Action><ResourceRecordSet><Name>${RECORD_NAME}</Name><Type>CNAME</Type><TTL>300</TTL>` +
      `<ResourceRecords><ResourceRecord><Value>${xmlEscape(ctx.primaryTarget)}</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>`,
  );
  return { strategy: 'cognito-domain', hostedZoneId, records: {}, healthCheckId };
}
