/**
 * Lambda in the sandbox through the real @aws-sdk/client-lambda over HTTP: what drift reads about a
 * trigger function in each Region (code hash, runtime, handler, environment, resource policy), the
 * AddPermission remedy, the error names the SDK raises, and per-Region isolation.
 */
import {
  AddPermissionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, sandboxAdmin, sandboxClient, seedResource, startTestSandbox } from '../helpers/sandbox.js';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';

let sb: Sandbox;
let account: string;

function lambda(region: string): LambdaClient {
  return sandboxClient(LambdaClient, sb, region);
}

const poolArn = (region: string) => `arn:aws:cognito-idp:${region}:${account}:userpool/us-east-1_Abc123`;

beforeAll(async () => {
  sb = await startTestSandbox();
  account = sb.world.settings.accountId;
  await seedResource(sb, 'lambda', {
    region: PRIMARY,
    FunctionName: 'pre-signup',
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    CodeSha256: 'q2p5X0b1ZzA3bGRfY29kZV9oYXNoX2Zvcl90ZXN0cz0=',
    Environment: { Variables: { STAGE: 'prod', API_KEY: 'not-a-real-secret' } },
  });
  await seedResource(sb, 'lambda', { region: PRIMARY, FunctionName: 'custom-message', Runtime: 'python3.12', Handler: 'app.handler', CodeSha256: 'aGFzaC0y' });
  await seedResource(sb, 'lambda', { region: PRIMARY, FunctionName: 'post-confirmation', Runtime: 'nodejs20.x', Handler: 'index.handler', CodeSha256: 'aGFzaC0z' });
  await seedResource(sb, 'lambda', {
    region: SECONDARY,
    FunctionName: 'pre-signup',
    Runtime: 'nodejs18.x',
    Handler: 'index.handler',
    CodeSha256: 'b2xkZXItY29kZQ==',
    Policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'cognito-invoke',
          Effect: 'Allow',
          Principal: { Service: 'cognito-idp.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Condition: { ArnLike: { 'AWS:SourceArn': poolArn(SECONDARY) } },
        },
      ],
    },
  });
});

afterAll(async () => {
  await sb?.stop();
});

describe('GetFunction', () => {
  it('returns the code hash, runtime, handler and environment of the function in the called Region', async () => {
    const out = await lambda(PRIMARY).send(new GetFunctionCommand({ FunctionName: 'pre-signup' }));
    expect(out.Configuration).toMatchObject({
      FunctionName: 'pre-signup',
      FunctionArn: `arn:aws:lambda:${PRIMARY}:${account}:function:pre-signup`,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      CodeSha256: 'q2p5X0b1ZzA3bGRfY29kZV9oYXNoX2Zvcl90ZXN0cz0=',
      Version: '$LATEST',
      Environment: { Variables: { STAGE: 'prod', API_KEY: 'not-a-real-secret' } },
    });
    expect(out.Configuration?.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(out.Code?.RepositoryType).toBe('S3');

    const secondary = await lambda(SECONDARY).send(new GetFunctionCommand({ FunctionName: 'pre-signup' }));
    expect(secondary.Configuration?.Runtime).toBe('nodejs18.x');
    expect(secondary.Configuration?.FunctionArn).toBe(`arn:aws:lambda:${SECONDARY}:${account}:function:pre-signup`);
  });

  it('accepts a full ARN and a partial ARN, and qualifies the ARN when asked for $LATEST', async () => {
    const byArn = await lambda(PRIMARY).send(new GetFunctionCommand({ FunctionName: `arn:aws:lambda:${PRIMARY}:${account}:function:pre-signup` }));
    const byPartial = await lambda(PRIMARY).send(new GetFunctionCommand({ FunctionName: `${account}:function:pre-signup` }));
    expect(byArn.Configuration?.CodeSha256).toBe(byPartial.Configuration?.CodeSha256);
    const latest = await lambda(PRIMARY).send(new GetFunctionCommand({ FunctionName: 'pre-signup', Qualifier: '$LATEST' }));
    expect(latest.Configuration?.FunctionArn).toBe(`arn:aws:lambda:${PRIMARY}:${account}:function:pre-signup:$LATEST`);
  });

  it('raises ResourceNotFoundException for a function that exists only in another Region', async () => {
    const err = await rejectionOf(lambda(SECONDARY).send(new GetFunctionCommand({ FunctionName: 'custom-message' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err.message).toBe(`Function not found: arn:aws:lambda:${SECONDARY}:${account}:function:custom-message`);
  });

  it('refuses an ARN of another Region as Lambda does', async () => {
    const arn = `arn:aws:lambda:${PRIMARY}:${account}:function:custom-message`;
    const err = await rejectionOf(lambda(SECONDARY).send(new GetFunctionCommand({ FunctionName: arn })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe(`Functions from '${PRIMARY}' are not reachable in this region ('${SECONDARY}')`);
  });

  it('finds no published version or alias (only $LATEST exists)', async () => {
    const err = await rejectionOf(lambda(PRIMARY).send(new GetFunctionCommand({ FunctionName: 'pre-signup', Qualifier: 'prod' })));
    expect(err.name).toBe('ResourceNotFoundException');
    const mismatch = await rejectionOf(lambda(PRIMARY).send(new GetFunctionCommand({ FunctionName: 'pre-signup:live', Qualifier: 'prod' })));
    expect(mismatch.name).toBe('InvalidParameterValueException');
  });
});

describe('GetFunctionConfiguration and ListFunctions', () => {
  it('GetFunctionConfiguration answers the Configuration GetFunction carries', async () => {
    const { $metadata: _m1, ...config } = await lambda(PRIMARY).send(new GetFunctionConfigurationCommand({ FunctionName: 'custom-message' }));
    const full = await lambda(PRIMARY).send(new GetFunctionCommand({ FunctionName: 'custom-message' }));
    expect(config).toEqual(full.Configuration);
  });

  it('pages through the Region’s functions with Marker and lists none of another Region’s', async () => {
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await lambda(PRIMARY).send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
      marker = page.NextMarker;
      pages += 1;
    } while (marker);
    expect(pages).toBe(2);
    expect(names).toEqual(['custom-message', 'post-confirmation', 'pre-signup']);
    const secondary = await lambda(SECONDARY).send(new ListFunctionsCommand({}));
    expect(secondary.Functions?.map((f) => f.FunctionName)).toEqual(['pre-signup']);
  });
});

describe('GetPolicy and AddPermission', () => {
  it('returns the seeded resource policy as a JSON string', async () => {
    const out = await lambda(SECONDARY).send(new GetPolicyCommand({ FunctionName: 'pre-signup' }));
    const policy = JSON.parse(out.Policy!);
    expect(policy.Statement).toEqual([expect.objectContaining({ Sid: 'cognito-invoke', Principal: { Service: 'cognito-idp.amazonaws.com' } })]);
    expect(out.RevisionId).toBeTruthy();
  });

  it('raises ResourceNotFoundException when the function has no policy', async () => {
    const err = await rejectionOf(lambda(PRIMARY).send(new GetPolicyCommand({ FunctionName: 'post-confirmation' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('The resource you requested does not exist.');
  });

  it('AddPermission grants Cognito invoke, shows in GetPolicy and is logged as a write', async () => {
    const client = lambda(PRIMARY);
    const before = await client.send(new GetFunctionCommand({ FunctionName: 'post-confirmation' }));
    const added = await client.send(
      new AddPermissionCommand({
        FunctionName: 'post-confirmation',
        StatementId: 'cognito-invoke',
        Action: 'lambda:InvokeFunction',
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: poolArn(PRIMARY),
        SourceAccount: account,
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(added.Statement!)).toEqual({
      Sid: 'cognito-invoke',
      Effect: 'Allow',
      Principal: { Service: 'cognito-idp.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `arn:aws:lambda:${PRIMARY}:${account}:function:post-confirmation`,
      Condition: { StringEquals: { 'AWS:SourceAccount': account }, ArnLike: { 'AWS:SourceArn': poolArn(PRIMARY) } },
    });
    const policy = await client.send(new GetPolicyCommand({ FunctionName: 'post-confirmation' }));
    expect(JSON.parse(policy.Policy!).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['cognito-invoke']);
    expect(policy.RevisionId).not.toBe(before.Configuration?.RevisionId);

    const logged = sb.calls().filter((c) => c.service === 'lambda' && c.operation === 'AddPermission');
    expect(logged).toEqual([expect.objectContaining({ region: PRIMARY, status: 201, write: true })]);
    const read = sb.calls().find((c) => c.service === 'lambda' && c.operation === 'GetPolicy');
    expect(read?.write).toBe(false);
  });

  it('refuses a duplicate statement id and a stale revision id', async () => {
    const client = lambda(SECONDARY);
    const grant = { FunctionName: 'pre-signup', Action: 'lambda:InvokeFunction', Principal: 'cognito-idp.amazonaws.com' };
    const duplicate = await rejectionOf(client.send(new AddPermissionCommand({ ...grant, StatementId: 'cognito-invoke' })));
    expect(duplicate.name).toBe('ResourceConflictException');
    expect(duplicate.$metadata.httpStatusCode).toBe(409);
    const stale = await rejectionOf(client.send(new AddPermissionCommand({ ...grant, StatementId: 'other', RevisionId: 'not-the-current-one' })));
    expect(stale.name).toBe('PreconditionFailedException');
  });
});

describe('the wire', () => {
  it('answers an unmodelled Lambda path with UnknownOperationException, never a fake success', async () => {
    const res = await fetch(`${sb.url}/2015-03-31/functions/pre-signup/aliases`, {
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${PRIMARY}/lambda/aws4_request, SignedHeaders=host, Signature=0` },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('throttles with TooManyRequestsException 429 when a throttle fault is set', async () => {
    const res = await sandboxAdmin(sb, 'POST', 'faults', { service: 'lambda', region: SECONDARY, kind: 'throttle', count: 1 });
    expect(res.status).toBe(201);
    const err = await rejectionOf(lambda(SECONDARY).send(new GetFunctionCommand({ FunctionName: 'pre-signup' })));
    expect(err.name).toBe('TooManyRequestsException');
    expect(err.$metadata.httpStatusCode).toBe(429);
    // The burst is spent: the next call goes through.
    const ok = await lambda(SECONDARY).send(new GetFunctionCommand({ FunctionName: 'pre-signup' }));
    expect(ok.Configuration?.FunctionName).toBe('pre-signup');
  });
});
