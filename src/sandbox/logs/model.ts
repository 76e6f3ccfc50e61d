/**
 * Amazon CloudWatch Logs, the part drift needs: does a log group (a Cognito log-delivery
 * destination) exist in a Region? DescribeLogGroups reads; CreateLogGroup/DeleteLogGroup let a test
 * or an operator make one. Every Region has its own log groups.
 */
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import { COMMON_THROTTLING, JsonParityModel, type JsonOperation, type JsonServiceFacts } from '../parity/parity-model.js';
import { decodePageToken, encodePageToken } from '../parity/page-token.js';
import { recordsByName } from '../parity/regional-state.js';
import { notNullMessage, patternMessage, rangeMessage } from '../wire/validation.js';

interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
}

const NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
/** The only retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
const RETENTION_DAYS = new Set([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]);

function invalid(message: string): SandboxError {
  return new SandboxError('InvalidParameterException', message, 400);
}

function checkName(name: unknown, member = 'logGroupName'): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw invalid(notNullMessage(member));
  }
  if (!NAME.test(name)) throw invalid(patternMessage(name, member, '[\\.\\-_/#A-Za-z0-9]+'));
  return name;
}

/** `arn` carries the `:*` suffix (the log streams); `logGroupArn` is the group itself. */
function arnOf(region: string, accountId: string, name: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
}

/** A log group identifier is a name or an ARN (with or without the trailing `:*`). */
function nameFromIdentifier(identifier: string, region: string, accountId: string): string | undefined {
  if (!identifier.startsWith('arn:')) return identifier;
  const prefix = `arn:aws:logs:${region}:${accountId}:log-group:`;
  if (!identifier.startsWith(prefix)) return undefined;
  const rest = identifier.slice(prefix.length);
  return rest.endsWith(':*') ? rest.slice(0, -2) : rest;
}

/** CloudWatch Logs' X-Amz-Target prefix, name and errors. */
const LOGS: JsonServiceFacts = {
  targetPrefix: 'Logs_20140328',
  service: 'logs',
  throttle: COMMON_THROTTLING,
  internalError: { code: 'ServiceUnavailableException', message: 'The service cannot complete the request.' },
};

export class LogsModel extends JsonParityModel<Record<string, LogGroupRecord>> {
  protected readonly operations: Record<string, JsonOperation> = {
    DescribeLogGroups: (input, ctx) => this.describeLogGroups(input, ctx),
    CreateLogGroup: (input, ctx) => this.createLogGroup(input, ctx),
    DeleteLogGroup: (input, ctx) => this.deleteLogGroup(input, ctx),
  };

  constructor() {
    super(LOGS, recordsByName<LogGroupRecord>('groups'));
  }

  /** Seed {logGroupName, retentionInDays?}; re-seeding updates the retention and keeps creationTime. */
  put(region: string, resource: JsonObject, ctx: CallContext): JsonObject {
    const name = checkName(resource.logGroupName);
    const retention = resource.retentionInDays;
    if (retention !== undefined && !RETENTION_DAYS.has(retention)) {
      throw invalid(`seed: retentionInDays must be one of ${[...RETENTION_DAYS].join(', ')}`);
    }
    const inRegion = this.state.of(region);
    const record: LogGroupRecord = { logGroupName: name, creationTime: inRegion[name]?.creationTime ?? ctx.now };
    if (retention !== undefined) record.retentionInDays = retention;
    inRegion[name] = record;
    return this.view(record, region, ctx.accountId);
  }

  private view(record: LogGroupRecord, region: string, accountId: string): JsonObject {
    const logGroupArn = arnOf(region, accountId, record.logGroupName);
    const view: JsonObject = {
      logGroupName: record.logGroupName,
      creationTime: record.creationTime,
      metricFilterCount: 0,
      arn: `${logGroupArn}:*`,
      storedBytes: 0,
      logGroupClass: 'STANDARD',
      logGroupArn,
      deletionProtectionEnabled: false,
    };
    if (record.retentionInDays !== undefined) view.retentionInDays = record.retentionInDays;
    return view;
  }

  private describeLogGroups(input: JsonObject, ctx: CallContext): JsonObject {
    const { logGroupNamePrefix: prefix, logGroupNamePattern: pattern, logGroupIdentifiers: identifiers } = input;
    if (prefix !== undefined && pattern !== undefined) {
      throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined)) {
      throw invalid('logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern.');
    }
    if (prefix !== undefined) checkName(prefix, 'logGroupNamePrefix');
    if (identifiers !== undefined && (!Array.isArray(identifiers) || identifiers.length < 1 || identifiers.length > 50)) {
      throw invalid('logGroupIdentifiers must list 1 to 50 log group names or ARNs.');
    }
    const limit = input.limit === undefined ? 50 : input.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw invalid(rangeMessage(limit, 'limit', 1, 50));
    }
    let wanted: Set<string> | undefined;
    if (identifiers !== undefined) {
      wanted = new Set<string>();
      for (const id of identifiers as unknown[]) {
        const name = typeof id === 'string' ? nameFromIdentifier(id, ctx.region, ctx.accountId) : undefined;
        if (name !== undefined) wanted.add(name);
      }
    }
    const needle = typeof pattern === 'string' ? pattern.toLowerCase() : undefined;
    const matching = Object.values(this.state.peek(ctx.region) ?? {})
      .filter((g) => prefix === undefined || g.logGroupName.startsWith(prefix))
      .filter((g) => needle === undefined || g.logGroupName.toLowerCase().includes(needle))
      .filter((g) => wanted === undefined || wanted.has(g.logGroupName))
      .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : a.logGroupName > b.logGroupName ? 1 : 0));

    let start = 0;
    if (input.nextToken !== undefined) {
      const after = typeof input.nextToken === 'string' ? decodePageToken(input.nextToken) : '';
      start = matching.findIndex((g) => g.logGroupName === after);
      if (start < 0) throw invalid('The specified nextToken is invalid.');
    }
    const page = matching.slice(start, start + limit);
    const answer: JsonObject = { logGroups: page.map((g) => this.view(g, ctx.region, ctx.accountId)) };
    const next = matching[start + limit];
    if (next) answer.nextToken = encodePageToken(next.logGroupName);
    return answer;
  }

  private createLogGroup(input: JsonObject, ctx: CallContext): JsonObject {
    const name = checkName(input.logGroupName);
    const inRegion = this.state.of(ctx.region);
    if (inRegion[name]) throw new SandboxError('ResourceAlreadyExistsException', 'The specified log group already exists', 400);
    inRegion[name] = { logGroupName: name, creationTime: ctx.now };
    return {};
  }

  private deleteLogGroup(input: JsonObject, ctx: CallContext): JsonObject {
    const name = checkName(input.logGroupName);
    const inRegion = this.state.peek(ctx.region);
    if (!inRegion?.[name]) throw new SandboxError('ResourceNotFoundException', 'The specified log group does not exist.', 400);
    delete inRegion[name];
    return {};
  }
}
