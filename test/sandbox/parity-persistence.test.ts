/**
 * The parity resources survive the world's snapshot/restore (what `--state FILE` writes and reads):
 * seeded in one sandbox, restored into a fresh one, read back through the real SDK clients.
 */
import { DescribeLogGroupsCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { AddPermissionCommand, GetFunctionCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { afterEach, describe, expect, it } from 'vitest';
import { awsClientConfig, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const REGION = 'eu-west-1';
const running: Sandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sb) => sb.stop()));
});

async function start(): Promise<Sandbox> {
  const sb = await startTestSandbox();
  running.push(sb);
  return sb;
}

async function readAll(sb: Sandbox, poolArn: string) {
  const config = awsClientConfig(sb, REGION);
  const fn = await new LambdaClient(config).send(new GetFunctionCommand({ FunctionName: 'pre-signup' }));
  const policy = await new LambdaClient(config).send(new GetPolicyCommand({ FunctionName: 'pre-signup' }));
  const identity = await new SESv2Client(config).send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' }));
  const acl = await new WAFV2Client(config).send(new GetWebACLForResourceCommand({ ResourceArn: poolArn }));
  const groups = await new CloudWatchLogsClient(config).send(new DescribeLogGroupsCommand({}));
  const stream = await new FirehoseClient(config).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'AWSLogs-x' }));
  return {
    fn: fn.Configuration,
    policy: policy.Policy,
    identity: identity.VerificationStatus,
    acl: acl.WebACL,
    groups: groups.logGroups,
    stream: stream.DeliveryStreamDescription,
  };
}

describe('parity resources across snapshot/restore', () => {
  it('read back identically from a fresh sandbox restored from the snapshot', async () => {
    const first = await start();
    const account = first.world.settings.accountId;
    const poolArn = `arn:aws:cognito-idp:${REGION}:${account}:userpool/us-east-1_Abc123`;
    first.world.put('lambda', REGION, {
      FunctionName: 'pre-signup',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      CodeSha256: 'aGFzaA==',
      Environment: { Variables: { STAGE: 'prod' } },
    });
    await sandboxClient(LambdaClient, first, REGION).send(
      new AddPermissionCommand({ FunctionName: 'pre-signup', StatementId: 'cognito', Action: 'lambda:InvokeFunction', Principal: 'cognito-idp.amazonaws.com', SourceArn: poolArn }),
    );
    first.world.put('ses', REGION, { EmailIdentity: 'example.com', VerificationStatus: 'PENDING' });
    first.world.put('wafv2', REGION, { Name: 'acl', associateWith: poolArn });
    first.world.put('logs', REGION, { logGroupName: '/aws/cognito/x', retentionInDays: 7 });
    first.world.put('firehose', REGION, { DeliveryStreamName: 'AWSLogs-x' });
    const before = await readAll(first, poolArn);

    const second = await start();
    second.world.restore(JSON.parse(JSON.stringify(first.world.snapshot())));
    const after = await readAll(second, poolArn);

    expect(after).toEqual(before);
    expect(after.fn?.Environment?.Variables).toEqual({ STAGE: 'prod' });
    expect(JSON.parse(after.policy!).Statement[0].Sid).toBe('cognito');
    expect(after.identity).toBe('PENDING');
    expect(after.acl?.Name).toBe('acl');
  });
});
