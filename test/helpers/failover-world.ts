/**
 * The end-to-end world for health, failover and canary: the demo seed brought to "MRR is set up"
 * through the SDK directly (key, issuer UPDATED, replica), a config with short anti-flap and cooldown
 * windows, the probe client's secret, and SDK-level views of what DNS, the zone and OIDC say — so the
 * tests judge mrrctl by the world it leaves, not by its own output.
 */
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand, UpdateUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ChangeResourceRecordSetsCommand, GetHealthCheckCommand, ListResourceRecordSetsCommand, Route53Client, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { parse, stringify } from 'yaml';
import { setUpKeyAndIssuer, setUpReplica } from './mrr-setup.js';
import { awsClientConfig, sandboxAdmin } from './sandbox.js';
import { seededWorld, type SeededWorld } from './seeded.js';
import type { SettingsPatch } from '../../src/sandbox/settings.js';
import type { VirtualClock } from './virtual-clock.js';

export interface FailoverWorld {
  w: SeededWorld;
  primary: string;
  secondary: string;
  /** MRRCTL_PROBE_CLIENT_SECRET for runs. */
  env: Record<string, string>;
  route53: Route53Client;
  /** What Route 53 answers for the record now (TestDNSAnswer). */
  dnsAnswer(): Promise<string[]>;
  weights(): Promise<Record<string, number>>;
  /** The TXT values of a record under the zone (`_mrrctl-lock`, `_mrrctl-history`). */
  txt(prefix: '_mrrctl-lock' | '_mrrctl-history'): Promise<string[]>;
  /** The primary Region's APIs down (Cognito, its OIDC hosts, KMS), Route 53 and CloudWatch still up. */
  primaryOutage(): Promise<void>;
  clearFaults(): Promise<void>;
  /** A client_credentials token from a Region's token endpoint, fetched by the test itself. */
  mintToken(region: string): Promise<string>;
  /** Verifies a token against a Region's own JWKS and the pool's issuer, with jose (not mrrctl's code). */
  verifyAgainst(region: string, token: string): Promise<boolean>;
  issuer: string;
  stop(): Promise<void>;
}

export interface WorldOptions {
  settings?: SettingsPatch;
  activate?: boolean;
  guards?: { minUnhealthySeconds?: number; cooldownSeconds?: number; requireDriftClean?: boolean };
  strategy?: 'weighted' | 'cognito-domain';
  /** Shared by the sandbox and every run: windows, cooldowns and expiries pass when the test advances it. */
  clock?: VirtualClock;
}

export async function failoverWorld(opts: WorldOptions = {}): Promise<FailoverWorld> {
  const guards = { minUnhealthySeconds: 2, cooldownSeconds: 4, requireDriftClean: false, ...opts.guards };
  const w = await seededWorld(opts.settings, (yaml) => {
    const config = parse(yaml);
    config.guards = guards;
    if (opts.strategy === 'cognito-domain') {
      const hc = config.dns.records[config.primaryRegion].healthCheckId;
      config.dns = { strategy: 'cognito-domain', hostedZoneId: config.dns.hostedZoneId, recordName: config.dns.recordName, healthCheckId: hc };
    }
    return stringify(config);
  }, { clock: opts.clock });
  const { userPoolId, primaryRegion: primary, secondaryRegion: secondary } = w.summary;
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: opts.activate ?? true });
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, primary));
  if (opts.strategy === 'cognito-domain') {
    await cognito.send(
      new UpdateUserPoolDomainCommand({
        UserPoolId: userPoolId,
        Domain: w.summary.domains.custom,
        Routing: { Failover: { SecondaryRegion: secondary, PrimaryRoute53HealthCheckId: w.summary.healthChecks[primary] } },
      } as never),
    );
  }
  const secret = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: w.summary.m2mClientId }))).UserPoolClient?.ClientSecret ?? '';
  const route53 = new Route53Client(awsClientConfig(w.sb, 'us-east-1'));
  const zone = w.summary.hostedZoneId;
  const issuer = `https://issuer-cognito-idp.${primary}.amazonaws.com/${userPoolId}`;
  const https = (url: string) => `${w.sb.url}/_https/${url.replace(/^https:\/\//, '')}`;

  return {
    w,
    primary,
    secondary,
    env: { MRRCTL_PROBE_CLIENT_SECRET: secret },
    route53,
    issuer,
    dnsAnswer: async () => (await route53.send(new TestDNSAnswerCommand({ HostedZoneId: zone, RecordName: w.summary.recordName, RecordType: 'CNAME' }))).RecordData ?? [],
    weights: async () => {
      const r = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: w.summary.recordName }));
      const sets = (r.ResourceRecordSets ?? []).filter((s) => s.Name === `${w.summary.recordName}.` && s.SetIdentifier);
      return Object.fromEntries(sets.map((s) => [s.SetIdentifier as string, s.Weight as number]));
    },
    txt: async (prefix) => {
      const name = `${prefix}.${w.summary.recordName}.`;
      const r = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: name }));
      return (r.ResourceRecordSets ?? []).filter((s) => s.Name === name).flatMap((s) => (s.ResourceRecords ?? []).map((v) => v.Value ?? ''));
    },
    primaryOutage: async () => {
      for (const service of ['cognito-idp', 'kms']) {
        const r = await sandboxAdmin(w.sb, 'POST', 'faults', { region: primary, service, kind: 'outage' });
        if (r.status !== 201) throw new Error(`fault injection failed: ${JSON.stringify(r.body)}`);
      }
    },
    clearFaults: async () => void (await sandboxAdmin(w.sb, 'DELETE', 'faults')),
    mintToken: async (region) => {
      const url = https(`https://${w.summary.domains.prefix}.auth.${region}.amazoncognito.com/oauth2/token`);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${w.summary.m2mClientId}:${secret}`).toString('base64')}` },
        body: 'grant_type=client_credentials',
      });
      const body = (await response.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no token from ${region}: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    verifyAgainst: async (region, token) => {
      const jwks = createRemoteJWKSet(new URL(https(`https://cognito-idp.${region}.amazonaws.com/${userPoolId}/.well-known/jwks.json`)));
      try {
        await jwtVerify(token, jwks, { issuer });
        return true;
      } catch {
        return false;
      }
    },
    stop: () => w.stop(),
  };
}

/** A lock record as another operator's mrrctl would have left it (for lock and break-lock tests). */
export async function plantLock(world: FailoverWorld, fields: { holder: string; reason: string; since: string; expires: string }): Promise<void> {
  const value = [`mrrctl-lock=1`, `holder=${fields.holder}`, `reason=${fields.reason}`, `since=${fields.since}`, `expires=${fields.expires}`, 'command=failover', 'id=planted'].map((s) => `"${s}"`).join(' ');
  await world.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: world.w.summary.hostedZoneId,
      ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: `_mrrctl-lock.${world.w.summary.recordName}`, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: value }] } }] },
    }),
  );
}

export async function healthCheckInverted(world: FailoverWorld): Promise<boolean> {
  const r = await world.route53.send(new GetHealthCheckCommand({ HealthCheckId: world.w.summary.healthChecks[world.primary] }));
  return r.HealthCheck?.HealthCheckConfig?.Inverted === true;
}
