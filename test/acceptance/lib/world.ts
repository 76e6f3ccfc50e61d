/**
 * Creates the disposable world the scenarios run in — a user pool, a public hosted zone, one health
 * check per Region and weighted records — through the SDK (what an operator's IaC would do), each
 * announced in the ledger before its create call, then writes the mrrctl.yaml that describes it.
 * mrrctl itself creates the rest during the scenarios (the keys, the replica, history records), and
 * those are announced here too, before the first CLI call.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { AwsClients } from '../../../src/aws/clients.js';
import type { Ledger } from './ledger.js';
import { marks, RUN_TAG_KEY } from './marks.js';

export interface WorldSpec {
  runId: string;
  primaryRegion: string;
  secondaryRegion: string;
  dnsParent: string;
  /** The directory the config (and the CLI's journal) go in. */
  dir: string;
  /** Short guard windows for the scenarios (anti-flap is waived with --planned; cooldown 0). */
  guards?: { minUnhealthySeconds: number; cooldownSeconds: number };
}

export interface World {
  runId: string;
  primaryRegion: string;
  secondaryRegion: string;
  userPoolId: string;
  hostedZoneId: string;
  recordName: string;
  healthChecks: Record<string, string>;
  keyAlias: string;
  configFile: string;
}

const zoneId = (id: string | undefined) => String(id ?? '').replace(/^\/hostedzone\//, '');

export async function createWorld(clients: AwsClients, ledger: Ledger, spec: WorldSpec): Promise<World> {
  const m = marks(spec.runId);
  const { primaryRegion: p, secondaryRegion: s } = spec;
  const cognito = await import('@aws-sdk/client-cognito-identity-provider');
  const r53 = await import('@aws-sdk/client-route-53');
  const route53 = await clients.route53();

  // What mrrctl will create during the scenarios, announced before any CLI call can create it.
  ledger.record({ event: 'intent', kind: 'key', region: p, mark: m.keyAlias });
  ledger.record({ event: 'intent', kind: 'key', region: s, mark: m.keyAlias });
  ledger.record({ event: 'intent', kind: 'replica', region: s, mark: m.poolName });

  ledger.record({ event: 'intent', kind: 'pool', region: p, mark: m.poolName });
  const created = await (await clients.cognito(p)).send(
    new cognito.CreateUserPoolCommand({
      PoolName: m.poolName,
      UserPoolTier: 'ESSENTIALS',
      // Cleanup must be able to delete it; a disposable pool needs no protection.
      DeletionProtection: 'INACTIVE',
      UserPoolTags: { [RUN_TAG_KEY]: spec.runId },
    }),
  );
  const userPoolId = String(created.UserPool?.Id);
  ledger.record({ event: 'created', kind: 'pool', region: p, mark: m.poolName, id: userPoolId });

  const zoneName = m.zoneName(spec.dnsParent);
  ledger.record({ event: 'intent', kind: 'zone', region: 'global', mark: m.zoneCallerReference });
  const zone = await route53.send(
    new r53.CreateHostedZoneCommand({
      Name: zoneName,
      CallerReference: m.zoneCallerReference,
      HostedZoneConfig: { Comment: `mrrctl acceptance run ${spec.runId}: deleted by its cleanup`, PrivateZone: false },
    }),
  );
  const hostedZoneId = zoneId(zone.HostedZone?.Id);
  ledger.record({ event: 'created', kind: 'zone', region: 'global', mark: m.zoneCallerReference, id: hostedZoneId });

  const healthChecks: Record<string, string> = {};
  for (const region of [p, s]) {
    const ref = m.healthCheckCallerReference(region);
    ledger.record({ event: 'intent', kind: 'health-check', region, mark: ref });
    // The pool's OIDC discovery document in that Region: an AWS endpoint, HTTPS, standard interval.
    const check = await route53.send(
      new r53.CreateHealthCheckCommand({
        CallerReference: ref,
        HealthCheckConfig: {
          Type: 'HTTPS',
          FullyQualifiedDomainName: `cognito-idp.${region}.amazonaws.com`,
          Port: 443,
          ResourcePath: `/${userPoolId}/.well-known/openid-configuration`,
          RequestInterval: 30,
          FailureThreshold: 3,
          EnableSNI: true,
        },
      }),
    );
    healthChecks[region] = String(check.HealthCheck?.Id);
    ledger.record({ event: 'created', kind: 'health-check', region, mark: ref, id: healthChecks[region] });
  }

  const recordName = m.recordName(spec.dnsParent);
  const value = (region: string) => `${region}.target.${zoneName}`;
  ledger.record({ event: 'intent', kind: 'records', region: 'global', mark: recordName, id: hostedZoneId });
  await route53.send(
    new r53.ChangeResourceRecordSetsCommand({
      HostedZoneId: hostedZoneId,
      ChangeBatch: {
        Comment: `mrrctl acceptance run ${spec.runId}`,
        Changes: [p, s].map((region) => ({
          Action: 'CREATE' as const,
          ResourceRecordSet: {
            Name: recordName,
            Type: 'CNAME' as const,
            SetIdentifier: region,
            Weight: region === p ? 100 : 0,
            TTL: 60,
            ResourceRecords: [{ Value: value(region) }],
            HealthCheckId: healthChecks[region],
          },
        })),
      },
    }),
  );

  const config = {
    userPoolId,
    primaryRegion: p,
    secondaryRegion: s,
    key: { alias: m.keyAlias },
    dns: {
      strategy: 'weighted',
      hostedZoneId,
      recordName,
      records: Object.fromEntries([p, s].map((region) => [region, { type: 'CNAME', value: value(region), healthCheckId: healthChecks[region] }])),
    },
    guards: { ...(spec.guards ?? { minUnhealthySeconds: 60, cooldownSeconds: 0 }), requireDriftClean: true },
  };
  const configFile = join(spec.dir, 'mrrctl.yaml');
  writeFileSync(configFile, `# mrrctl acceptance run ${spec.runId}: every resource here is disposable\n${stringify(config)}`);
  return { runId: spec.runId, primaryRegion: p, secondaryRegion: s, userPoolId, hostedZoneId, recordName, healthChecks, keyAlias: m.keyAlias, configFile };
}
