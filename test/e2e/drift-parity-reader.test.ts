/** The parity read port's SDK adapter against the sandbox: real SDK clients over HTTP, every service. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/aws/clients.js';
import { SdkParityReader } from '../../src/aws/parity-reader.js';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { sandboxAdmin, startTestSandbox } from '../helpers/sandbox.js';

const R = 'eu-west-1';
const OTHER = 'us-east-1';
let sb: SandboxHandle;
let clients: AwsClients;
let reader: SdkParityReader;

async function seed(service: string, body: Record<string, unknown>) {
  const r = await sandboxAdmin(sb, 'POST', `resources/${service}`, { region: R, ...body });
  expect(r.status).toBe(201);
  return r.body;
}

beforeAll(async () => {
  sb = await startTestSandbox();
  clients = new AwsClients({ target: { endpoint: sb.url, sandbox: true }, maxAttempts: 1 });
  reader = new SdkParityReader(clients);
  await seed('lambda', {
    FunctionName: 'pre-sign-up',
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    CodeSha256: 'abc=',
    Environment: { Variables: { SECRETISH: 'do-not-leak' } },
    Policy: { Version: '2012-10-17', Statement: [{ Sid: 'c', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: '*' }] },
  });
  await seed('lambda', { FunctionName: 'no-policy', Runtime: 'python3.12', Handler: 'app.handler', CodeSha256: 'def=' });
  await seed('ses', { EmailIdentity: 'example.com' });
  await seed('ses', { EmailIdentity: 'pending.example.com', VerificationStatus: 'PENDING' });
  await seed('logs', { logGroupName: '/aws/cognito/demo-long' });
  await seed('logs', { logGroupName: '/aws/cognito/demo' });
  await seed('firehose', { DeliveryStreamName: 'auth-events' });
  await seed('wafv2', { Name: 'auth-acl', Rules: [{ Name: 'rate', Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP' } } }], associateWith: `arn:aws:cognito-idp:${R}:123456789012:userpool/us-east-1_Abc` });
});
afterAll(async () => {
  clients.destroy();
  await sb.stop();
});

describe('SdkParityReader', () => {
  it('Lambda: the function by ARN, without its environment; its policy parsed; not found as undefined', async () => {
    const arn = `arn:aws:lambda:${R}:123456789012:function:pre-sign-up`;
    const fn = await reader.getFunction(R, arn);
    expect(fn).toEqual({ FunctionArn: arn, FunctionName: 'pre-sign-up', Runtime: 'nodejs20.x', Handler: 'index.handler', CodeSha256: 'abc=', State: 'Active' });
    expect(JSON.stringify(fn)).not.toContain('do-not-leak');
    expect((await reader.getFunctionPolicy(R, arn))?.Statement).toMatchObject([{ Principal: { Service: 'cognito-idp.amazonaws.com' } }]);
    expect(await reader.getFunctionPolicy(R, 'no-policy')).toBeUndefined();
    expect(await reader.getFunction(R, 'missing')).toBeUndefined();
    // A function exists only in its Region.
    expect(await reader.getFunction(OTHER, 'pre-sign-up')).toBeUndefined();
  });

  it('SES: verification status per Region', async () => {
    expect(await reader.getEmailIdentity(R, 'example.com')).toMatchObject({ IdentityName: 'example.com', VerificationStatus: 'SUCCESS', VerifiedForSendingStatus: true });
    expect(await reader.getEmailIdentity(R, 'pending.example.com')).toMatchObject({ VerificationStatus: 'PENDING', VerifiedForSendingStatus: false });
    expect(await reader.getEmailIdentity(OTHER, 'example.com')).toBeUndefined();
  });

  it('WAFv2: the ACL of a resource, the list, one ACL by ARN', async () => {
    const pool = `arn:aws:cognito-idp:${R}:123456789012:userpool/us-east-1_Abc`;
    const acl = await reader.getWebAclForResource(R, pool);
    expect(acl).toMatchObject({ Name: 'auth-acl', Rules: [{ Name: 'rate', Priority: 0 }] });
    expect(await reader.getWebAclForResource(R, pool.replace('Abc', 'Other'))).toBeUndefined();
    const list = await reader.listWebAcls(R);
    expect(list.map((a) => a.Name)).toEqual(['auth-acl']);
    expect((await reader.getWebAcl(R, list[0].ARN))?.ARN).toBe(acl?.ARN);
    expect(await reader.listWebAcls(OTHER)).toEqual([]);
  });

  it('Logs: the exact group, not a sibling that shares its prefix', async () => {
    expect(await reader.getLogGroup(R, '/aws/cognito/demo')).toMatchObject({ logGroupName: '/aws/cognito/demo' });
    expect(await reader.getLogGroup(R, '/aws/cognito/dem')).toBeUndefined();
    expect(await reader.getLogGroup(OTHER, '/aws/cognito/demo')).toBeUndefined();
  });

  it('Firehose: a stream by name; not found as undefined', async () => {
    expect(await reader.getDeliveryStream(R, 'auth-events')).toMatchObject({ DeliveryStreamName: 'auth-events', DeliveryStreamStatus: 'ACTIVE' });
    expect(await reader.getDeliveryStream(R, 'nope')).toBeUndefined();
  });
});
