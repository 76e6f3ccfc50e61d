import { DescribeLogGroupsCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetHealthCheckCommand, ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/sandbox/seed/demo.js';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { toSandboxUrl } from '../../src/sandbox/url-map.js';
import { rejectionOf, sandboxAdmin, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';

const handles: SandboxHandle[] = [];
const clients: Array<{ destroy(): void }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const h of handles.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(stateFile?: string): Promise<SandboxHandle> {
  const sb = await startTestSandbox({}, { stateFile });
  handles.push(sb);
  return sb;
}

function client<T extends { destroy(): void }>(make: () => T): T {
  const c = make();
  clients.push(c);
  return c;
}

async function seed(sb: SandboxHandle): Promise<{ summary: DemoSummary; config: string; raw: string }> {
  const response = await fetch(`${sb.url}/_sandbox/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'demo' }) });
  expect(response.status).toBe(201);
  const raw = await response.text();
  const body = JSON.parse(raw) as { summary: DemoSummary; config: string };
  return { ...body, raw };
}

describe('the demo scenario', () => {
  it('builds the pool the runbook starts from, in us-east-1 only', async () => {
    const sb = await start();
    const { summary } = await seed(sb);
    expect(summary).toMatchObject({ primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1', recordName: 'auth.example.com' });

    const east = client(() => sandboxClient(CognitoIdentityProviderClient, sb, 'us-east-1'));
    const pool = (await east.send(new DescribeUserPoolCommand({ UserPoolId: summary.userPoolId }))).UserPool!;
    expect(pool).toMatchObject({
      UserPoolTier: 'ESSENTIALS',
      DeletionProtection: 'ACTIVE',
      KeyConfiguration: { KeyType: 'AWS_OWNED_KEY' },
      IssuerConfiguration: { Type: 'ORIGINAL' },
      EmailConfiguration: { EmailSendingAccount: 'DEVELOPER' },
      MfaConfiguration: 'OPTIONAL',
    });
    expect(Object.keys(pool.LambdaConfig ?? {}).sort()).toEqual(['CustomMessage', 'PostConfirmation', 'PreSignUp']);
    const mfa = await east.send(new GetUserPoolMfaConfigCommand({ UserPoolId: summary.userPoolId }));
    expect(mfa.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
    expect(mfa.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn).toMatch(/^arn:aws:iam::/);

    const clientsListed = await east.send(new ListUserPoolClientsCommand({ UserPoolId: summary.userPoolId, MaxResults: 60 }));
    expect(clientsListed.UserPoolClients?.map((c) => c.ClientName).sort()).toEqual(['m2m-probe', 'mobile', 'web']);
    const m2m = await east.send(new DescribeUserPoolClientCommand({ UserPoolId: summary.userPoolId, ClientId: summary.m2mClientId }));
    expect(m2m.UserPoolClient).toMatchObject({ AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'] });
    expect(m2m.UserPoolClient?.ClientSecret).toBeTruthy();
    const users = await east.send(new ListUsersCommand({ UserPoolId: summary.userPoolId }));
    expect(users.Users?.map((u) => u.Username).sort()).toEqual(['alice', 'bob']);

    // Triggers and the SES identity exist only in the primary Region: drift has something to find.
    const functionName = pool.LambdaConfig!.PreSignUp!.split(':').pop()!;
    await expect(client(() => sandboxClient(LambdaClient, sb, 'us-east-1')).send(new GetFunctionCommand({ FunctionName: functionName }))).resolves.toBeDefined();
    const westLambda = client(() => sandboxClient(LambdaClient, sb, 'eu-west-1'));
    expect((await rejectionOf(westLambda.send(new GetFunctionCommand({ FunctionName: functionName })))).name).toBe('ResourceNotFoundException');
    const ses = await client(() => sandboxClient(SESv2Client, sb, 'us-east-1')).send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    expect(ses.VerifiedForSendingStatus).toBe(true);
    const westSes = client(() => sandboxClient(SESv2Client, sb, 'eu-west-1'));
    expect((await rejectionOf(westSes.send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' })))).name).toBe('NotFoundException');

    const acl = await client(() => sandboxClient(WAFV2Client, sb, 'us-east-1')).send(new GetWebACLForResourceCommand({ ResourceArn: summary.userPoolArn }));
    expect(acl.WebACL?.Name).toBe('demo-auth-acl');
    const logs = await client(() => sandboxClient(CloudWatchLogsClient, sb, 'us-east-1')).send(new DescribeLogGroupsCommand({}));
    expect(logs.logGroups?.map((g) => g.logGroupName)).toContain('/aws/vendedlogs/cognito/demo-users');

    // Seeding is not traffic: the call log only holds the calls above.
    expect(sb.calls().every((c) => !c.write)).toBe(true);
  });

  it('builds weighted records with a health check per Region', async () => {
    const sb = await start();
    const { summary } = await seed(sb);
    const route53 = client(() => sandboxClient(Route53Client, sb, 'us-east-1'));
    const listed = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: summary.hostedZoneId }));
    const weighted = (listed.ResourceRecordSets ?? []).filter((r) => r.Type === 'CNAME');
    expect(weighted.map((r) => [r.Name, r.SetIdentifier, r.Weight, r.HealthCheckId])).toEqual(
      expect.arrayContaining([
        ['auth.example.com.', 'us-east-1', 100, summary.healthChecks['us-east-1']],
        ['auth.example.com.', 'eu-west-1', 0, summary.healthChecks['eu-west-1']],
      ]),
    );
    for (const region of ['us-east-1', 'eu-west-1']) {
      const check = await route53.send(new GetHealthCheckCommand({ HealthCheckId: summary.healthChecks[region] }));
      expect(check.HealthCheck?.HealthCheckConfig?.FullyQualifiedDomainName).toBe(`cognito-idp.${region}.amazonaws.com`);
    }
  });

  it('returns a matching mrrctl.yaml and never the client secret', async () => {
    const sb = await start();
    const { summary, config, raw } = await seed(sb);
    const east = client(() => sandboxClient(CognitoIdentityProviderClient, sb, 'us-east-1'));
    const m2m = await east.send(new DescribeUserPoolClientCommand({ UserPoolId: summary.userPoolId, ClientId: summary.m2mClientId }));
    // The secret travels only in probeSecret (for the export line), never in the summary or the config.
    const secret = m2m.UserPoolClient!.ClientSecret!;
    const body = JSON.parse(raw);
    expect(body.probeSecret).toEqual({ env: 'MRRCTL_PROBE_CLIENT_SECRET', clientId: summary.m2mClientId, value: secret });
    expect(JSON.stringify(body.summary)).not.toContain(secret);
    expect(config).not.toContain(secret);

    const yaml = parse(config);
    expect(summary.dnsStrategy).toBe('weighted');
    expect(yaml).toEqual({
      userPoolId: summary.userPoolId,
      primaryRegion: 'us-east-1',
      secondaryRegion: 'eu-west-1',
      key: { alias: 'alias/cognito-mrr' },
      dns: {
        strategy: 'weighted',
        hostedZoneId: summary.hostedZoneId,
        recordName: 'auth.example.com',
        records: {
          'us-east-1': { type: 'CNAME', value: summary.records['us-east-1'].value, healthCheckId: summary.healthChecks['us-east-1'] },
          'eu-west-1': { type: 'CNAME', value: summary.records['eu-west-1'].value, healthCheckId: summary.healthChecks['eu-west-1'] },
        },
      },
      guards: { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true },
      probe: { clientId: summary.m2mClientId },
    });
  });

  it('serves the pool’s issuer through the HTTPS mapping', async () => {
    const sb = await start();
    const { summary } = await seed(sb);
    const response = await fetch(toSandboxUrl(`https://cognito-idp.us-east-1.amazonaws.com/${summary.userPoolId}/.well-known/jwks.json`, sb.url));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { keys: Array<{ kty: string }> };
    expect(body.keys[0]?.kty).toBe('RSA');
  });

  it('shows up in the state summary and refuses a second seed', async () => {
    const sb = await start();
    const { summary } = await seed(sb);
    const state = (await sandboxAdmin(sb, 'GET', 'state')).body;
    expect(state.pools).toEqual([expect.objectContaining({ id: summary.userPoolId, region: 'us-east-1', tier: 'ESSENTIALS' })]);
    expect(state.zones).toEqual([expect.objectContaining({ id: summary.hostedZoneId, name: 'example.com.' })]);
    expect(state.healthChecks.map((h: { fqdn: string }) => h.fqdn).sort()).toEqual([
      'cognito-idp.eu-west-1.amazonaws.com',
      'cognito-idp.us-east-1.amazonaws.com',
    ]);
    expect(state.problems).toEqual([]);
    const again = await sandboxAdmin(sb, 'POST', 'seed', { scenario: 'demo' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      `the sandbox world is already seeded (user pool ${summary.userPoolId} (demo-users), custom domain auth.example.com (on ${summary.userPoolId}), hosted zone example.com); ` +
        'nothing was changed. Run `mrrctl sandbox reset` to empty it, then seed again.',
    );
  });

  it('survives a restart with a state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-seed-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.json');
    const first = await start(stateFile);
    const { summary } = await seed(first);
    await first.stop();
    const second = await start(stateFile);
    const east = client(() => sandboxClient(CognitoIdentityProviderClient, second, 'us-east-1'));
    const pool = await east.send(new DescribeUserPoolCommand({ UserPoolId: summary.userPoolId }));
    expect(pool.UserPool?.Name).toBe('demo-users');
    const route53 = client(() => sandboxClient(Route53Client, second, 'us-east-1'));
    const check = await route53.send(new GetHealthCheckCommand({ HealthCheckId: summary.healthChecks['eu-west-1'] }));
    expect(check.HealthCheck?.Id).toBe(summary.healthChecks['eu-west-1']);
  });
});
