/**
 * The pools' HTTPS hosts through the sandbox's `/_https/` mapping: issuer discovery and JWKS per
 * IssuerConfiguration, client_credentials tokens per Region, verification with real JWT libraries,
 * and custom-domain failover following a Route 53 health check and Region outages.
 */
import {
  CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  CreateUserPoolReplicaCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolReplicaCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { KMSClient } from '@aws-sdk/client-kms';
import { CreateHealthCheckCommand, Route53Client, UpdateHealthCheckCommand } from '@aws-sdk/client-route-53';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcEndpoint } from '../../src/sandbox/oidc/endpoint.js';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { toSandboxUrl } from '../../src/sandbox/url-map.js';
import { manualSandboxClock, sandboxAdmin, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { multiRegionKey } from './kms-fixtures.js';

const PRIMARY = 'us-east-1';
const SECONDARY = 'us-west-2';
const REPLICA_DELAY = 1_000;
const SYNC_DELAY = 200;
const SCOPE = 'https://api.example.com/read';
const CUSTOM = 'auth.example.com';
const clock = manualSandboxClock();
let sb: SandboxHandle;
let id: string;
let client: { id: string; secret: string };
let healthCheckId: string;
const idp = (region = PRIMARY) => sandboxClient(CognitoIdentityProviderClient, sb, region);

const https = (url: string, init?: RequestInit) => fetch(toSandboxUrl(url, sb.url), init);
const getJson = async (url: string) => {
  const response = await https(url);
  const body = (await response.json().catch(() => undefined)) as Record<string, any> | undefined;
  return { status: response.status, region: response.headers.get('x-sandbox-region'), body: body ?? {} };
};
const original = (region: string) => `https://cognito-idp.${region}.amazonaws.com/${id}`;
const updated = () => `https://issuer-cognito-idp.${PRIMARY}.amazonaws.com/${id}`;
const prefixHost = (region: string) => `mrr-demo.auth.${region}.amazoncognito.com`;

async function token(host: string, options: { secret?: string; body?: string } = {}) {
  const basic = Buffer.from(`${client.id}:${options.secret ?? client.secret}`).toString('base64');
  const response = await https(`https://${host}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: options.body ?? 'grant_type=client_credentials',
  });
  return { status: response.status, region: response.headers.get('x-sandbox-region'), body: (await response.json()) as Record<string, any> };
}

async function setIssuer(type: 'ORIGINAL' | 'UPDATED') {
  const { Id, Name, Arn, CreationDate, LastModifiedDate, EstimatedNumberOfUsers, Domain, CustomDomain, SchemaAttributes, ...rest } = (
    await idp().send(new DescribeUserPoolCommand({ UserPoolId: id }))
  ).UserPool!;
  await idp().send(new UpdateUserPoolCommand({ ...rest, UserPoolId: Id, PoolName: Name, IssuerConfiguration: { Type: type } } as never));
  clock.advance(SYNC_DELAY);
}

beforeAll(async () => {
  sb = await startTestSandbox({ replicaDelayMs: REPLICA_DELAY, syncDelayMs: SYNC_DELAY }, { clock });
  const key = await multiRegionKey(sandboxClient(KMSClient, sb, PRIMARY), [SECONDARY], { clock, ms: REPLICA_DELAY });
  id = (await idp().send(new CreateUserPoolCommand({ PoolName: 'oidc', KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.Arn } }))).UserPool!.Id!;
  await idp().send(new CreateResourceServerCommand({ UserPoolId: id, Identifier: 'https://api.example.com', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
  const created = (
    await idp().send(
      new CreateUserPoolClientCommand({
        UserPoolId: id,
        ClientName: 'm2m',
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: [SCOPE],
        AllowedOAuthFlowsUserPoolClient: true,
      }),
    )
  ).UserPoolClient!;
  client = { id: created.ClientId!, secret: created.ClientSecret! };
  await idp().send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: 'mrr-demo' }));
  await idp().send(new CreateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY }));
});
afterAll(() => sb.stop());

describe('issuer discovery and JWKS', () => {
  it('serves the ORIGINAL issuer only in Regions that host the pool', async () => {
    const discovery = await getJson(`${original(PRIMARY)}/.well-known/openid-configuration`);
    expect(discovery).toMatchObject({ status: 200, region: PRIMARY });
    expect(discovery.body.issuer).toBe(original(PRIMARY));
    expect(discovery.body.jwks_uri).toBe(`${original(PRIMARY)}/.well-known/jwks.json`);
    expect(discovery.body.token_endpoint).toBe(`https://${prefixHost(PRIMARY)}/oauth2/token`);
    // The replica is still CREATING.
    expect((await getJson(`${original(SECONDARY)}/.well-known/jwks.json`)).status).toBe(404);
    expect((await getJson(`${original('eu-west-1')}/.well-known/jwks.json`)).status).toBe(404);
    // No UPDATED issuer for a pool on ORIGINAL.
    expect((await getJson(`${updated()}/.well-known/jwks.json`)).status).toBe(404);

    clock.advance(REPLICA_DELAY);
    const secondary = await getJson(`${original(SECONDARY)}/.well-known/openid-configuration`);
    expect(secondary).toMatchObject({ status: 200, region: SECONDARY });
    expect(secondary.body.issuer).toBe(original(SECONDARY));
    const [jwksPrimary, jwksSecondary] = [await getJson(`${original(PRIMARY)}/.well-known/jwks.json`), await getJson(`${original(SECONDARY)}/.well-known/jwks.json`)];
    expect(jwksPrimary.body.keys).toHaveLength(1);
    expect(jwksPrimary.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwksPrimary.body.keys[0].d).toBeUndefined();
    expect(jwksSecondary.body).toEqual(jwksPrimary.body);
  });
});

describe('/oauth2/token', () => {
  it('answers 503 on an INACTIVE replica and mints a token in the primary', async () => {
    const inactive = await token(prefixHost(SECONDARY));
    expect(inactive).toMatchObject({ status: 503, region: SECONDARY, body: { error: 'temporarily_unavailable' } });
    const minted = await token(prefixHost(PRIMARY));
    expect(minted).toMatchObject({ status: 200, region: PRIMARY, body: { token_type: 'Bearer', expires_in: 3600 } });
    const claims = decodeJwt(minted.body.access_token);
    expect(claims).toMatchObject({ iss: original(PRIMARY), client_id: client.id, token_use: 'access', scope: SCOPE });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('with the ORIGINAL issuer, each Region signs with its own iss and verifies against its own JWKS', async () => {
    await idp(SECONDARY).send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'ACTIVE' }));
    const [fromPrimary, fromSecondary] = [await token(prefixHost(PRIMARY)), await token(prefixHost(SECONDARY))];
    expect(fromSecondary.region).toBe(SECONDARY);
    const iss = (t: typeof fromPrimary) => decodeJwt(t.body.access_token).iss;
    expect(iss(fromPrimary)).toBe(original(PRIMARY));
    expect(iss(fromSecondary)).toBe(original(SECONDARY));
    const secondaryJwks = createLocalJWKSet((await getJson(`${original(SECONDARY)}/.well-known/jwks.json`)).body as JSONWebKeySet);
    await expect(jwtVerify(fromSecondary.body.access_token, secondaryJwks, { issuer: original(SECONDARY) })).resolves.toBeDefined();
    // Same keys, but the primary's token names another issuer: a Regional verifier rejects it.
    await expect(jwtVerify(fromPrimary.body.access_token, secondaryJwks, { issuer: original(SECONDARY) })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it('refuses bad clients, scopes and grants with OAuth errors', async () => {
    expect(await token(prefixHost(PRIMARY), { secret: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await token(prefixHost(PRIMARY), { body: 'grant_type=client_credentials&scope=https://api.example.com/write' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(await token(prefixHost(PRIMARY), { body: 'grant_type=password' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const viaForm = await https(`https://${prefixHost(PRIMARY)}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret, scope: SCOPE }).toString(),
    });
    expect(viaForm.status).toBe(200);
    expect((await https(`https://${prefixHost('eu-west-1')}/oauth2/token`, { method: 'POST' })).status).toBe(404);
  });

  it('with the UPDATED issuer, a token minted by the primary validates against the secondary JWKS', async () => {
    await setIssuer('UPDATED');
    const discovery = await getJson(`${updated()}/.well-known/openid-configuration`);
    expect(discovery).toMatchObject({ status: 200, region: PRIMARY });
    expect(discovery.body.issuer).toBe(updated());
    const [fromPrimary, fromSecondary] = [await token(prefixHost(PRIMARY)), await token(prefixHost(SECONDARY))];
    expect(decodeJwt(fromPrimary.body.access_token).iss).toBe(updated());
    expect(decodeJwt(fromSecondary.body.access_token).iss).toBe(updated());

    const verifier = CognitoJwtVerifier.create({ userPoolId: id, tokenUse: 'access', clientId: client.id, scope: SCOPE });
    verifier.cacheJwks((await getJson(`${original(SECONDARY)}/.well-known/jwks.json`)).body as Jwks);
    await expect(verifier.verify(fromPrimary.body.access_token)).resolves.toMatchObject({ client_id: client.id, iss: updated() });
    await expect(verifier.verify(fromSecondary.body.access_token)).resolves.toMatchObject({ iss: updated() });
  });
});

describe('custom domain failover', () => {
  beforeAll(async () => {
    const route53 = sandboxClient(Route53Client, sb, PRIMARY);
    healthCheckId = (
      await route53.send(
        new CreateHealthCheckCommand({
          CallerReference: 'primary-cognito',
          HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: `cognito-idp.${PRIMARY}.amazonaws.com`, Port: 443, ResourcePath: '/' },
        }),
      )
    ).HealthCheck!.Id!;
    await idp().send(
      new CreateUserPoolDomainCommand({
        UserPoolId: id,
        Domain: CUSTOM,
        CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
        Routing: { Failover: { SecondaryRegion: SECONDARY, PrimaryRoute53HealthCheckId: healthCheckId } },
      }),
    );
  });
  afterAll(async () => {
    await sandboxAdmin(sb, 'DELETE', 'faults');
  });

  it('is served by the primary while its health check is healthy, by the secondary when not', async () => {
    expect((await token(CUSTOM)).region).toBe(PRIMARY);
    const route53 = sandboxClient(Route53Client, sb, PRIMARY);
    await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: healthCheckId, Inverted: true }));
    const failedOver = await token(CUSTOM);
    expect(failedOver).toMatchObject({ status: 200, region: SECONDARY });
    expect(decodeJwt(failedOver.body.access_token).iss).toBe(updated());
    await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: healthCheckId, Inverted: false }));
    expect((await token(CUSTOM)).region).toBe(PRIMARY);
  });

  it('fails over during a primary Region outage, and the UPDATED issuer keys stay reachable', async () => {
    const outage = await sandboxAdmin(sb, 'POST', 'faults', { region: PRIMARY, kind: 'outage' });
    expect(outage.status).toBeLessThan(300);
    expect(await token(CUSTOM)).toMatchObject({ status: 200, region: SECONDARY });
    expect(await token(prefixHost(PRIMARY)).catch(() => 'unreachable')).not.toMatchObject({ status: 200 });
    const jwks = await getJson(`${updated()}/.well-known/jwks.json`);
    expect(jwks).toMatchObject({ status: 200, region: SECONDARY });
    await sandboxAdmin(sb, 'DELETE', 'faults');
    expect((await getJson(`${updated()}/.well-known/jwks.json`)).region).toBe(PRIMARY);
  });

  it('tells the server which Region a custom domain is served by, when that can be known', async () => {
    const oidc = sb.world.oidc as OidcEndpoint;
    expect(oidc.regionOf(CUSTOM)).toBeUndefined();
    expect(oidc.regionOf(CUSTOM, sb.world.context('global'))).toBe(PRIMARY);
    expect(oidc.regionOf(updated().replace('https://', '').split('/')[0], sb.world.context('global'))).toBeUndefined();
    const route53 = sandboxClient(Route53Client, sb, PRIMARY);
    await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: healthCheckId, Inverted: true }));
    expect(oidc.regionOf(CUSTOM, sb.world.context('global'))).toBe(SECONDARY);
    await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: healthCheckId, Inverted: false }));
  });

  it('answers 503 when the failover Region is not ACTIVE', async () => {
    await idp().send(new UpdateUserPoolReplicaCommand({ UserPoolId: id, RegionName: SECONDARY, Status: 'INACTIVE' }));
    const route53 = sandboxClient(Route53Client, sb, PRIMARY);
    await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: healthCheckId, Inverted: true }));
    expect(await token(CUSTOM)).toMatchObject({ status: 503, region: SECONDARY });
    await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: healthCheckId, Inverted: false }));
  });
});
