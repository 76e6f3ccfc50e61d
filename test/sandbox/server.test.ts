import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { CreateKeyCommand, GenerateRandomCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { fromSandboxPath, toSandboxUrl } from '../../src/sandbox/url-map.js';
import { awsClientConfig, rejectionOf, sandboxAdmin, sandboxClient, startTestSandbox, writeCalls } from '../helpers/sandbox.js';
import { testWorld } from './server-fakes.js';

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startTestSandbox({}, { world: testWorld() });
});
afterEach(async () => {
  await sb.stop();
});

describe('awsJson dispatch and the Region from the SigV4 scope', () => {
  it('serves each Region separately on one port', async () => {
    const east = sandboxClient(KMSClient, sb, 'us-east-1');
    const west = sandboxClient(KMSClient, sb, 'eu-west-1');
    const created = await east.send(new CreateKeyCommand({ Description: 'only in us-east-1' }));
    expect(created.KeyMetadata?.Arn).toContain(':us-east-1:');

    const eastKeys = await east.send(new ListKeysCommand({}));
    const westKeys = await west.send(new ListKeysCommand({}));
    expect(eastKeys.Keys?.map((k) => k.KeyId)).toEqual([created.KeyMetadata?.KeyId]);
    expect(westKeys.Keys ?? []).toEqual([]);
    east.destroy();
    west.destroy();
  });

  it('answers awsJson1_0 for CloudWatch, errors included', async () => {
    const cw = sandboxClient(CloudWatchClient, sb, 'us-east-1');
    await expect(cw.send(new ListMetricsCommand({ Namespace: 'AWS/Route53' }))).resolves.toBeDefined();
    const err = await rejectionOf(cw.send(new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date() })));
    expect(err.name).toBe('InvalidParameterValueException');
    expect(err.$metadata.httpStatusCode).toBe(400);

    const raw = await fetch(sb.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260610/us-west-2/monitoring/aws4_request, Signature=x',
      },
      body: '{}',
    });
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(sb.calls().at(-1)).toMatchObject({ region: 'us-west-2', service: 'monitoring', operation: 'ListMetrics' });
    cw.destroy();
  });

  it('names an operation the model does not know UnknownOperationException', async () => {
    const kms = sandboxClient(KMSClient, sb, 'us-east-1');
    const err = await rejectionOf(kms.send(new GenerateRandomCommand({ NumberOfBytes: 8 })));
    expect(err.name).toBe('UnknownOperationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    kms.destroy();
  });

  it('names a service the sandbox does not serve UnknownOperationException, never a fake success', async () => {
    const firehose = sandboxClient(FirehoseClient, sb, 'us-east-1');
    const err = await rejectionOf(firehose.send(new ListDeliveryStreamsCommand({})));
    expect(err.name).toBe('UnknownOperationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    firehose.destroy();
  });

  it('refuses a call without Authorization as AWS does', async () => {
    const response = await fetch(sb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(sb.calls().at(-1)).toMatchObject({ service: 'kms', operation: 'ListKeys', status: 403, error: 'MissingAuthenticationTokenException' });
  });

  it('refuses an unsigned Route 53 call in its XML shape', async () => {
    const response = await fetch(`${sb.url}/2013-04-01/hostedzone`);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/<Code>MissingAuthenticationToken<\/Code>/);
    const route53 = sandboxClient(Route53Client, sb, 'us-east-1');
    await expect(route53.send(new ListHostedZonesCommand({}))).resolves.toMatchObject({ HostedZones: [] });
    route53.destroy();
  });

  it('answers malformed JSON with SerializationException', async () => {
    const response = await fetch(sb.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'TrentService.ListKeys',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260610/us-east-1/kms/aws4_request, Signature=x',
      },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('lets Cognito operations the SDK sends unsigned through, in the Region of the endpoint path', async () => {
    const client = sandboxClient(CognitoIdentityProviderClient, `${sb.url}/_region/eu-west-1`, 'eu-west-1');
    const result = await client.send(new InitiateAuthCommand({ ClientId: 'c', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: {} }));
    expect(result.AuthenticationResult?.AccessToken).toBe('token-from-eu-west-1');
    // A signed call through the same prefixed endpoint keeps the Region of its signature.
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_abc' }));
    expect(described.UserPool?.Name).toBe('served-in-eu-west-1');
    expect(sb.calls().map((c) => [c.operation, c.region, c.status])).toEqual([
      ['InitiateAuth', 'eu-west-1', 200],
      ['DescribeUserPool', 'eu-west-1', 200],
    ]);
    client.destroy();
  });
});

describe('restJson dispatch', () => {
  it('routes by path and encodes errors in the model’s shape', async () => {
    const seeded = await sandboxAdmin(sb, 'POST', 'resources/lambda', {
      region: 'us-east-1',
      FunctionName: 'pre-sign-up',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      CodeSha256: 'abc=',
    });
    expect(seeded.status).toBe(201);
    const east = sandboxClient(LambdaClient, sb, 'us-east-1');
    const west = sandboxClient(LambdaClient, sb, 'eu-west-1');
    const fn = await east.send(new GetFunctionCommand({ FunctionName: 'pre-sign-up' }));
    expect(fn.Configuration?.FunctionArn).toContain(':us-east-1:');
    const err = await rejectionOf(west.send(new GetFunctionCommand({ FunctionName: 'pre-sign-up' })));
    expect(err.name).toBe('ResourceNotFoundException');
    east.destroy();
    west.destroy();
  });

  it('answers a path no service claims with UnknownOperationException', async () => {
    const response = await fetch(`${sb.url}/2015-03-31/nothing-here`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260610/us-east-1/lambda/aws4_request, Signature=x' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(sb.calls().at(-1)).toMatchObject({ service: 'lambda', status: 404, error: 'UnknownOperationException' });
  });
});

describe('the call log', () => {
  it('records every call with its outcome and whether it wrote', async () => {
    const kms = sandboxClient(KMSClient, sb, 'us-east-1');
    await kms.send(new CreateKeyCommand({ Description: 'secret-looking description' }));
    await kms.send(new ListKeysCommand({}));
    await rejectionOf(kms.send(new GenerateRandomCommand({ NumberOfBytes: 8 })));
    const calls = sb.calls();
    expect(calls.map(({ seq, region, service, operation, status, error, write }) => ({ seq, region, service, operation, status, error, write }))).toEqual([
      { seq: 1, region: 'us-east-1', service: 'kms', operation: 'CreateKey', status: 200, error: undefined, write: true },
      { seq: 2, region: 'us-east-1', service: 'kms', operation: 'ListKeys', status: 200, error: undefined, write: false },
      { seq: 3, region: 'us-east-1', service: 'kms', operation: 'GenerateRandom', status: 400, error: 'UnknownOperationException', write: true },
    ]);
    for (const call of calls) {
      expect(Date.parse(call.time)).not.toBeNaN();
      expect(call.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(writeCalls(sb).map((c) => c.operation)).toEqual(['CreateKey', 'GenerateRandom']);
    // Names and outcomes only: no bodies, no secrets. The signer's access key id (an identifier) is
    // kept, so tests can prove whose credentials arrived.
    expect(calls.map((c) => c.accessKeyId)).toEqual(['AKIDSANDBOX', 'AKIDSANDBOX', 'AKIDSANDBOX']);
    const serialized = JSON.stringify(calls);
    expect(serialized).not.toContain('secret-looking');
    expect(serialized).not.toContain('sandbox-secret');
    kms.destroy();
  });
});

describe('the HTTPS URL mapping', () => {
  it('maps https URLs to /_https/ and back', () => {
    const url = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12/.well-known/jwks.json?x=1';
    const mapped = toSandboxUrl(url, 'http://127.0.0.1:4566/');
    expect(mapped).toBe('http://127.0.0.1:4566/_https/cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12/.well-known/jwks.json?x=1');
    expect(fromSandboxPath(new URL(mapped).pathname + new URL(mapped).search)).toBe(url);
    expect(fromSandboxPath('/_https/auth.example.com')).toBe('https://auth.example.com/');
    expect(fromSandboxPath('/2013-04-01/hostedzone')).toBeNull();
    expect(() => toSandboxUrl('http://example.com/', 'http://127.0.0.1:4566')).toThrow(/https/);
  });

  it('serves mapped URLs through the OIDC handler with the Region of the host, and logs them', async () => {
    const url = toSandboxUrl('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12/.well-known/jwks.json', sb.url);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      host: 'cognito-idp.eu-west-1.amazonaws.com',
      path: '/eu-west-1_Ab12/.well-known/jwks.json',
      region: 'eu-west-1',
    });
    const missing = await fetch(toSandboxUrl('https://auth.example.com/nothing', sb.url));
    expect(missing.status).toBe(404);
    expect(sb.calls().map((c) => [c.service, c.operation, c.region, c.status, c.write])).toEqual([
      ['oidc', 'GetJwks', 'eu-west-1', 200, false],
      ['oidc', 'GET /nothing', 'global', 404, false],
    ]);
  });
});
