/**
 * The environment-parity models driven directly (no HTTP): seed validation, routing of REST paths,
 * Region isolation, and the snapshot/restore round trip the state file relies on. The wire, the
 * error shapes and the SDK's view of every operation are covered over HTTP in the other
 * parity-*.test.ts files.
 */
import { describe, expect, it } from 'vitest';
import { FirehoseModel } from '../../src/sandbox/firehose/model.js';
import { LambdaModel } from '../../src/sandbox/lambda/model.js';
import { LogsModel } from '../../src/sandbox/logs/model.js';
import { SesV2Model } from '../../src/sandbox/sesv2/model.js';
import { WafV2Model } from '../../src/sandbox/wafv2/model.js';
import { SandboxError, type CallContext, type JsonObject, type RestRequest } from '../../src/sandbox/types.js';

const ACCOUNT = '111122223333';
const POOL_ARN = `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Abc123`;

function ctx(region: string, now = 1_700_000_000_000): CallContext {
  return {
    region,
    accountId: ACCOUNT,
    now,
    settings: { accountId: ACCOUNT, replicaDelayMs: 0, dnsDelayMs: 0, syncDelayMs: 0, latencyMs: 0, quotas: { enabled: false, scale: 1 } },
    isRegionDown: () => false,
    outageHistory: () => [],
  };
}

function rest(method: string, pathAndQuery: string, body = ''): RestRequest {
  const url = new URL(pathAndQuery, 'http://sandbox');
  return { method, path: url.pathname, query: url.searchParams, headers: {}, body };
}

function thrown(fn: () => unknown): SandboxError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SandboxError) return err;
    throw err;
  }
  throw new Error('expected a SandboxError');
}

const seedFunction = { FunctionName: 'pre-signup', Runtime: 'nodejs20.x', Handler: 'index.handler', CodeSha256: 'c2hhMjU2' };

describe('LambdaModel', () => {
  it('routes only its own paths and names unknown ones so they answer UnknownOperationException', () => {
    const lambda = new LambdaModel();
    expect(lambda.operationFor(rest('GET', '/2015-03-31/functions/'))).toBe('ListFunctions');
    expect(lambda.operationFor(rest('GET', '/2015-03-31/functions/f'))).toBe('GetFunction');
    expect(lambda.operationFor(rest('GET', '/2015-03-31/functions/f/configuration'))).toBe('GetFunctionConfiguration');
    expect(lambda.operationFor(rest('GET', '/2015-03-31/functions/f/policy'))).toBe('GetPolicy');
    expect(lambda.operationFor(rest('POST', '/2015-03-31/functions/f/policy'))).toBe('AddPermission');
    expect(lambda.operationFor(rest('GET', '/2013-04-01/hostedzone'))).toBeNull();
    expect(lambda.operationFor(rest('GET', '/v2/email/identities/x'))).toBeNull();

    const unknown = rest('DELETE', '/2015-03-31/functions/f');
    const op = lambda.operationFor(unknown);
    expect(op).not.toBeNull();
    const err = thrown(() => lambda.handle(op!, unknown, ctx('us-east-1')));
    expect([err.code, err.status]).toEqual(['UnknownOperationException', 404]);
  });

  it('requires FunctionName, Runtime, Handler and CodeSha256 in a seed, and a JSON policy', () => {
    const lambda = new LambdaModel();
    for (const missing of ['FunctionName', 'Runtime', 'Handler', 'CodeSha256']) {
      const seed: JsonObject = { ...seedFunction };
      delete seed[missing];
      expect(thrown(() => lambda.put('us-east-1', seed, ctx('us-east-1'))).message).toContain(missing);
    }
    expect(thrown(() => lambda.put('us-east-1', { ...seedFunction, Policy: '{not json' }, ctx('us-east-1'))).code).toBe(
      'InvalidParameterValueException',
    );
    expect(thrown(() => lambda.put('us-east-1', { ...seedFunction, Environment: { Variables: { A: 1 } } }, ctx('us-east-1'))).message).toContain(
      'Variables.A',
    );
  });

  it('keeps a seeded policy when the function is re-seeded without one', () => {
    const lambda = new LambdaModel();
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'cognito', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'lambda:InvokeFunction' }] };
    lambda.put('us-east-1', { ...seedFunction, Policy: policy }, ctx('us-east-1'));
    lambda.put('us-east-1', { ...seedFunction, CodeSha256: 'bmV3' }, ctx('us-east-1'));
    const answer = JSON.parse(lambda.handle('GetPolicy', rest('GET', '/2015-03-31/functions/pre-signup/policy'), ctx('us-east-1')).body!);
    expect(JSON.parse(answer.Policy).Statement.map((s: JsonObject) => s.Sid)).toEqual(['cognito']);
  });

  it('survives a snapshot/restore round trip, Region by Region', () => {
    const lambda = new LambdaModel();
    lambda.put('us-east-1', { ...seedFunction, Environment: { Variables: { STAGE: 'prod' } } }, ctx('us-east-1'));
    const copy = new LambdaModel();
    copy.restore(JSON.parse(JSON.stringify(lambda.snapshot())));
    const get = (model: LambdaModel, region: string) => model.handle('GetFunction', rest('GET', '/2015-03-31/functions/pre-signup'), ctx(region));
    expect(JSON.parse(get(copy, 'us-east-1').body!)).toEqual(JSON.parse(get(lambda, 'us-east-1').body!));
    expect(thrown(() => get(copy, 'eu-west-1')).code).toBe('ResourceNotFoundException');
  });
});

describe('SesV2Model', () => {
  it('defaults a seeded identity to verified and refuses an unknown status', () => {
    const ses = new SesV2Model();
    const answer = ses.put('eu-west-1', { EmailIdentity: 'Example.COM' }, ctx('eu-west-1'));
    expect(answer).toMatchObject({ EmailIdentity: 'example.com', IdentityType: 'DOMAIN', VerificationStatus: 'SUCCESS' });
    expect(thrown(() => ses.put('eu-west-1', { EmailIdentity: 'a@b.c', VerificationStatus: 'MAYBE' }, ctx('eu-west-1'))).code).toBe(
      'BadRequestException',
    );
  });

  it('answers both list forms (POST list-identities, legacy GET identities) and claims only /v2/email paths', () => {
    const ses = new SesV2Model();
    expect(ses.operationFor(rest('POST', '/v2/email/list-identities'))).toBe('ListEmailIdentities');
    expect(ses.operationFor(rest('GET', '/v2/email/identities'))).toBe('ListEmailIdentities');
    expect(ses.operationFor(rest('GET', '/v2/email/identities/a@b.c'))).toBe('GetEmailIdentity');
    expect(ses.operationFor(rest('GET', '/2015-03-31/functions'))).toBeNull();
    ses.put('us-east-1', { EmailIdentity: 'a@example.com' }, ctx('us-east-1'));
    const legacy = JSON.parse(ses.handle('ListEmailIdentities', rest('GET', '/v2/email/identities?PageSize=5'), ctx('us-east-1')).body!);
    expect(legacy.EmailIdentities.map((i: JsonObject) => i.IdentityName)).toEqual(['a@example.com']);
  });

  it('survives a snapshot/restore round trip', () => {
    const ses = new SesV2Model();
    ses.put('us-east-1', { EmailIdentity: 'example.com', VerificationStatus: 'PENDING' }, ctx('us-east-1'));
    const copy = new SesV2Model();
    copy.restore(JSON.parse(JSON.stringify(ses.snapshot())));
    const get = (m: SesV2Model) => JSON.parse(m.handle('GetEmailIdentity', rest('GET', '/v2/email/identities/example.com'), ctx('us-east-1')).body!);
    expect(get(copy)).toEqual(get(ses));
    expect(get(copy).VerificationStatus).toBe('PENDING');
  });
});

describe('WafV2Model', () => {
  it('validates seeded rules and keeps the Id when a web ACL is re-seeded', () => {
    const waf = new WafV2Model();
    expect(thrown(() => waf.put('us-east-1', { Name: 'acl', Rules: [{ Name: 'r', Priority: 0, Statement: {} }] }, ctx('us-east-1'))).code).toBe(
      'WAFInvalidParameterException',
    );
    const rule = (name: string, priority: number) => ({ Name: name, Priority: priority, Statement: { GeoMatchStatement: { CountryCodes: ['KP'] } }, Action: { Block: {} } });
    expect(thrown(() => waf.put('us-east-1', { Name: 'acl', Rules: [rule('a', 1), rule('b', 1)] }, ctx('us-east-1'))).message).toContain('Priority');
    const first = waf.put('us-east-1', { Name: 'acl', Rules: [rule('a', 0)] }, ctx('us-east-1'));
    const second = waf.put('us-east-1', { Name: 'acl', Rules: [rule('a', 0), rule('b', 1)] }, ctx('us-east-1'));
    expect(second.Id).toBe(first.Id);
    expect(second.LockToken).not.toBe(first.LockToken);
  });

  it('refuses to seed an association with a resource in another Region', () => {
    const waf = new WafV2Model();
    const err = thrown(() => waf.put('eu-west-1', { Name: 'acl', associateWith: POOL_ARN }, ctx('eu-west-1')));
    expect(err.code).toBe('WAFInvalidParameterException');
    expect(err.extra).toMatchObject({ Field: 'RESOURCE_ARN' });
  });

  it('survives a snapshot/restore round trip, associations included', () => {
    const waf = new WafV2Model();
    waf.put('us-east-1', { Name: 'acl', associateWith: POOL_ARN }, ctx('us-east-1'));
    const copy = new WafV2Model();
    copy.restore(JSON.parse(JSON.stringify(waf.snapshot())));
    const read = (m: WafV2Model) => m.handle('GetWebACLForResource', { ResourceArn: POOL_ARN }, ctx('us-east-1'));
    expect(read(copy)).toEqual(read(waf));
    expect(read(copy).WebACL.Name).toBe('acl');
  });
});

describe('LogsModel and FirehoseModel', () => {
  it('accept only the retention periods CloudWatch Logs allows', () => {
    const logs = new LogsModel();
    expect(thrown(() => logs.put('us-east-1', { logGroupName: '/aws/cognito/x', retentionInDays: 2 }, ctx('us-east-1'))).code).toBe(
      'InvalidParameterException',
    );
    expect(logs.put('us-east-1', { logGroupName: '/aws/cognito/x', retentionInDays: 14 }, ctx('us-east-1'))).toMatchObject({ retentionInDays: 14 });
  });

  it('keep creation times across re-seeding and survive a snapshot/restore round trip', () => {
    const logs = new LogsModel();
    const firehose = new FirehoseModel();
    logs.put('us-east-1', { logGroupName: '/aws/cognito/x' }, ctx('us-east-1', 1000));
    logs.put('us-east-1', { logGroupName: '/aws/cognito/x', retentionInDays: 30 }, ctx('us-east-1', 5000));
    firehose.put('us-east-1', { DeliveryStreamName: 'AWSLogs-x' }, ctx('us-east-1', 2000));

    const logsCopy = new LogsModel();
    logsCopy.restore(JSON.parse(JSON.stringify(logs.snapshot())));
    const groups = logsCopy.handle('DescribeLogGroups', {}, ctx('us-east-1')).logGroups;
    expect(groups).toEqual([expect.objectContaining({ logGroupName: '/aws/cognito/x', creationTime: 1000, retentionInDays: 30 })]);

    const firehoseCopy = new FirehoseModel();
    firehoseCopy.restore(JSON.parse(JSON.stringify(firehose.snapshot())));
    const described = firehoseCopy.handle('DescribeDeliveryStream', { DeliveryStreamName: 'AWSLogs-x' }, ctx('us-east-1'));
    expect(described.DeliveryStreamDescription).toMatchObject({ DeliveryStreamStatus: 'ACTIVE', CreateTimestamp: 2 });
  });

  it('answer UnknownOperationException for operations they do not model', () => {
    for (const model of [new LogsModel(), new FirehoseModel(), new WafV2Model()]) {
      expect(thrown(() => model.handle('DeleteEverything', {}, ctx('us-east-1'))).code).toBe('UnknownOperationException');
    }
  });
});
