/**
 * CloudWatch Logs and Firehose in the sandbox through the real SDK clients over HTTP: does the
 * log-delivery destination (a log group or a delivery stream) exist in each Region?
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeDeliveryStreamCommand, FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, sandboxClient, seedResource, startTestSandbox } from '../helpers/sandbox.js';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';
const GROUP = '/aws/cognito/userpool/us-east-1_Abc123';

let sb: Sandbox;
let account: string;

const logs = (region: string) => sandboxClient(CloudWatchLogsClient, sb, region);
const firehose = (region: string) => sandboxClient(FirehoseClient, sb, region);

beforeAll(async () => {
  sb = await startTestSandbox();
  account = sb.world.settings.accountId;
  await seedResource(sb, 'logs', { region: PRIMARY, logGroupName: GROUP, retentionInDays: 30 });
  await seedResource(sb, 'logs', { region: PRIMARY, logGroupName: '/aws/lambda/pre-signup' });
  await seedResource(sb, 'firehose', { region: PRIMARY, DeliveryStreamName: 'AWSLogs-cognito', BucketARN: 'arn:aws:s3:::cognito-logs' });
  await seedResource(sb, 'firehose', { region: PRIMARY, DeliveryStreamName: 'AWSLogs-other' });
});

afterAll(async () => {
  await sb?.stop();
});

describe('CloudWatch Logs', () => {
  it('describes a log group by prefix with its ARNs and retention', async () => {
    const out = await logs(PRIMARY).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/cognito/' }));
    expect(out.logGroups).toEqual([
      expect.objectContaining({
        logGroupName: GROUP,
        arn: `arn:aws:logs:${PRIMARY}:${account}:log-group:${GROUP}:*`,
        logGroupArn: `arn:aws:logs:${PRIMARY}:${account}:log-group:${GROUP}`,
        retentionInDays: 30,
      }),
    ]);
    expect(typeof out.logGroups?.[0].creationTime).toBe('number');
  });

  it('finds a log group by the ARN a log-delivery configuration carries, only in its Region', async () => {
    const arn = `arn:aws:logs:${PRIMARY}:${account}:log-group:${GROUP}`;
    const here = await logs(PRIMARY).send(new DescribeLogGroupsCommand({ logGroupIdentifiers: [arn] }));
    expect(here.logGroups?.map((g) => g.logGroupName)).toEqual([GROUP]);
    const there = await logs(SECONDARY).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/cognito/' }));
    expect(there.logGroups).toEqual([]);
  });

  it('pages with limit and nextToken', async () => {
    const first = await logs(PRIMARY).send(new DescribeLogGroupsCommand({ limit: 1 }));
    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/cognito/userpool/us-east-1_Abc123']);
    const second = await logs(PRIMARY).send(new DescribeLogGroupsCommand({ limit: 1, nextToken: first.nextToken }));
    expect(second.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/pre-signup']);
    expect(second.nextToken).toBeUndefined();
  });

  it('creates a log group in the secondary, refuses a duplicate, deletes it, refuses a second delete', async () => {
    const client = logs(SECONDARY);
    await client.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    const listed = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }));
    expect(listed.logGroups?.[0].logGroupArn).toBe(`arn:aws:logs:${SECONDARY}:${account}:log-group:${GROUP}`);
    expect((await rejectionOf(client.send(new CreateLogGroupCommand({ logGroupName: GROUP })))).name).toBe('ResourceAlreadyExistsException');
    await client.send(new DeleteLogGroupCommand({ logGroupName: GROUP }));
    expect((await rejectionOf(client.send(new DeleteLogGroupCommand({ logGroupName: GROUP })))).name).toBe('ResourceNotFoundException');
    const writes = sb.calls().filter((c) => c.service === 'logs' && c.write);
    expect(writes.map((c) => [c.operation, c.status])).toEqual([
      ['CreateLogGroup', 200],
      ['CreateLogGroup', 400],
      ['DeleteLogGroup', 200],
      ['DeleteLogGroup', 400],
    ]);
  });

  it('refuses a malformed name and a prefix combined with a pattern', async () => {
    const client = logs(PRIMARY);
    expect((await rejectionOf(client.send(new CreateLogGroupCommand({ logGroupName: 'has spaces' })))).name).toBe('InvalidParameterException');
    const both = await rejectionOf(client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws', logGroupNamePattern: 'cognito' })));
    expect(both.name).toBe('InvalidParameterException');
  });

  it('throttles with ThrottlingException', async () => {
    sb.world.addFault({ service: 'logs', kind: 'throttle', count: 1 });
    const err = await rejectionOf(logs(PRIMARY).send(new DescribeLogGroupsCommand({})));
    expect(err.name).toBe('ThrottlingException');
  });
});

describe('Firehose', () => {
  it('describes an ACTIVE delivery stream with its ARN and S3 destination', async () => {
    const out = await firehose(PRIMARY).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'AWSLogs-cognito' }));
    expect(out.DeliveryStreamDescription).toMatchObject({
      DeliveryStreamName: 'AWSLogs-cognito',
      DeliveryStreamARN: `arn:aws:firehose:${PRIMARY}:${account}:deliverystream/AWSLogs-cognito`,
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamType: 'DirectPut',
      HasMoreDestinations: false,
    });
    expect(out.DeliveryStreamDescription?.CreateTimestamp).toBeInstanceOf(Date);
    expect(out.DeliveryStreamDescription?.Destinations?.[0].ExtendedS3DestinationDescription?.BucketARN).toBe('arn:aws:s3:::cognito-logs');
  });

  it('raises ResourceNotFoundException for a stream that exists only in another Region', async () => {
    const err = await rejectionOf(firehose(SECONDARY).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'AWSLogs-cognito' })));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it('lists stream names a page at a time', async () => {
    const first = await firehose(PRIMARY).send(new ListDeliveryStreamsCommand({ Limit: 1 }));
    expect(first).toMatchObject({ DeliveryStreamNames: ['AWSLogs-cognito'], HasMoreDeliveryStreams: true });
    const rest = await firehose(PRIMARY).send(new ListDeliveryStreamsCommand({ ExclusiveStartDeliveryStreamName: 'AWSLogs-cognito' }));
    expect(rest).toMatchObject({ DeliveryStreamNames: ['AWSLogs-other'], HasMoreDeliveryStreams: false });
    const secondary = await firehose(SECONDARY).send(new ListDeliveryStreamsCommand({}));
    expect(secondary.DeliveryStreamNames).toEqual([]);
  });
});
