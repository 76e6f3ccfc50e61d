/**
 * Amazon Data Firehose, the part drift needs: does a delivery stream (a Cognito log-delivery
 * destination) exist and is it ACTIVE in a Region? Streams are seeded through the admin API; every
 * Region has its own. Only DirectPut streams, with an optional S3 destination, are modelled.
 */
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import { COMMON_THROTTLING, JsonParityModel, type JsonOperation, type JsonServiceFacts } from '../parity/parity-model.js';
import { recordsByName } from '../parity/regional-state.js';
import { patternMessage, rangeMessage } from '../wire/validation.js';

interface StreamRecord {
  DeliveryStreamName: string;
  createdMs: number;
  /** The S3 bucket records land in, when the seed names one. */
  BucketARN?: string;
  RoleARN?: string;
}

const NAME = /^[a-zA-Z0-9_.-]{1,64}$/;

function invalidArgument(message: string): SandboxError {
  return new SandboxError('InvalidArgumentException', message, 400);
}

function checkName(name: unknown, member: string): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalidArgument(patternMessage(name, member, '[a-zA-Z0-9_.-]+'));
  }
  return name;
}

function streamArn(region: string, accountId: string, name: string): string {
  return `arn:aws:firehose:${region}:${accountId}:deliverystream/${name}`;
}

function destinationsOf(stream: StreamRecord, accountId: string): JsonObject[] {
  if (!stream.BucketARN) return [];
  return [
    {
      DestinationId: 'destinationId-000000000001',
      ExtendedS3DestinationDescription: {
        RoleARN: stream.RoleARN ?? `arn:aws:iam::${accountId}:role/firehose-delivery-role`,
        BucketARN: stream.BucketARN,
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        CompressionFormat: 'UNCOMPRESSED',
        EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
        S3BackupMode: 'Disabled',
      },
    },
  ];
}

/** Firehose's X-Amz-Target prefix, name and errors. */
const FIREHOSE: JsonServiceFacts = {
  targetPrefix: 'Firehose_20150804',
  service: 'firehose',
  // Firehose's control plane throttles with the common ThrottlingException ("Rate exceeded").
  throttle: COMMON_THROTTLING,
  internalError: {
    code: 'ServiceUnavailableException',
    message: 'The service is unavailable. Back off and retry the operation.',
  },
};

export class FirehoseModel extends JsonParityModel<Record<string, StreamRecord>> {
  protected readonly operations: Record<string, JsonOperation> = {
    DescribeDeliveryStream: (input, ctx) => this.describe(input, ctx),
    ListDeliveryStreams: (input, ctx) => this.list(input, ctx),
  };

  constructor() {
    super(FIREHOSE, recordsByName<StreamRecord>('streams'));
  }

  /** Seed {DeliveryStreamName, BucketARN?, RoleARN?}; re-seeding replaces the destination. */
  put(region: string, resource: JsonObject, ctx: CallContext): JsonObject {
    const name = checkName(resource.DeliveryStreamName, 'deliveryStreamName');
    for (const key of ['BucketARN', 'RoleARN'] as const) {
      if (resource[key] !== undefined && (typeof resource[key] !== 'string' || !resource[key].startsWith('arn:'))) {
        throw invalidArgument(`seed: ${key} must be an ARN`);
      }
    }
    const inRegion = this.state.of(region);
    const record: StreamRecord = { DeliveryStreamName: name, createdMs: inRegion[name]?.createdMs ?? ctx.now };
    if (resource.BucketARN) record.BucketARN = resource.BucketARN;
    if (resource.RoleARN) record.RoleARN = resource.RoleARN;
    inRegion[name] = record;
    return this.description(record, region, ctx.accountId);
  }

  private description(stream: StreamRecord, region: string, accountId: string): JsonObject {
    return {
      DeliveryStreamName: stream.DeliveryStreamName,
      DeliveryStreamARN: streamArn(region, accountId, stream.DeliveryStreamName),
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
      DeliveryStreamType: 'DirectPut',
      VersionId: '1',
      CreateTimestamp: stream.createdMs / 1000,
      Destinations: destinationsOf(stream, accountId),
      HasMoreDestinations: false,
    };
  }

  private describe(input: JsonObject, ctx: CallContext): JsonObject {
    const name = checkName(input.DeliveryStreamName, 'deliveryStreamName');
    const stream = this.state.peek(ctx.region)?.[name];
    if (!stream) {
      throw new SandboxError('ResourceNotFoundException', `Firehose ${name} under account ${ctx.accountId} not found.`, 400);
    }
    return { DeliveryStreamDescription: this.description(stream, ctx.region, ctx.accountId) };
  }

  private list(input: JsonObject, ctx: CallContext): JsonObject {
    const limit = input.Limit === undefined ? 10 : input.Limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10000) {
      throw invalidArgument(rangeMessage(limit, 'limit', 1, 10000));
    }
    const type = input.DeliveryStreamType;
    // Only DirectPut streams exist here, so any other type filter lists nothing.
    const names = type === undefined || type === 'DirectPut' ? Object.keys(this.state.peek(ctx.region) ?? {}).sort() : [];
    const after = input.ExclusiveStartDeliveryStreamName;
    const remaining = typeof after === 'string' ? names.filter((n) => n > after) : names;
    return { DeliveryStreamNames: remaining.slice(0, limit), HasMoreDeliveryStreams: remaining.length > limit };
  }
}
