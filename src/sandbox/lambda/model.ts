/**
 * AWS Lambda, the part drift needs: read a function (code hash, runtime, handler, environment) and
 * its resource policy in one Region, plus AddPermission so a remedy can let Cognito invoke it and
 * CreateFunction (.zip) so a remedy can deploy it. Functions are seeded through the admin API or
 * created; every Region has its own set.
 */
import { randomUUID } from 'node:crypto';
import { SandboxError, type CallContext, type JsonObject, type RestRequest } from '../types.js';
import { RestParityModel, jsonResponse, type RestOperation, type RestServiceFacts } from '../parity/parity-model.js';
import { decodePageToken, encodePageToken } from '../parity/page-token.js';
import { recordsByName } from '../parity/regional-state.js';
import { rangeMessage } from '../wire/validation.js';
import { functionFromCreate } from './create-function.js';
import { configurationOf, recordFromSeed, type FunctionRecord } from './function-record.js';
import { LATEST, functionArn, notFound, resolveFunctionRef, type FunctionRef } from './function-ref.js';
import { emptyPolicy, statementFor } from './resource-policy.js';
import { UNKNOWN_OPERATION, encodeLambdaError, parseJsonBody } from './wire.js';

const API = '/2015-03-31';

interface Route {
  operation: string;
  functionName?: string;
}

/** Method + path → operation, as Lambda's router does; anything else under the API prefix is unknown. */
function routeOf(req: RestRequest): Route | null {
  if (req.path !== API && !req.path.startsWith(`${API}/`)) return null;
  const segments = req.path.slice(API.length + 1).split('/');
  if (segments[segments.length - 1] === '' && segments.length > 1) segments.pop();
  const [collection, name, sub, ...rest] = segments;
  if (collection !== 'functions' || rest.length > 0) return { operation: UNKNOWN_OPERATION };
  const method = req.method.toUpperCase();
  if (name === undefined || name === '') {
    if (method === 'GET') return { operation: 'ListFunctions' };
    return method === 'POST' ? { operation: 'CreateFunction' } : { operation: UNKNOWN_OPERATION };
  }
  if (sub === undefined && method === 'GET') return { operation: 'GetFunction', functionName: name };
  if (sub === 'configuration' && method === 'GET') {
    return { operation: 'GetFunctionConfiguration', functionName: name };
  }
  if (sub === 'policy' && method === 'GET') return { operation: 'GetPolicy', functionName: name };
  if (sub === 'policy' && method === 'POST') return { operation: 'AddPermission', functionName: name };
  return { operation: UNKNOWN_OPERATION };
}

/** The function name the path carries ('' for the collection). */
function functionNameOf(req: RestRequest): string {
  return routeOf(req)?.functionName ?? '';
}

/** Lambda's name on the wire and the errors it answers when throttled or failing. */
const LAMBDA: RestServiceFacts = {
  label: 'Lambda',
  service: 'lambda',
  throttle: { code: 'TooManyRequestsException', status: 429, message: 'Rate exceeded' },
  internalError: { code: 'ServiceException', message: 'The Lambda service encountered an internal error.' },
};

export class LambdaModel extends RestParityModel<Record<string, FunctionRecord>> {
  protected readonly operations: Record<string, RestOperation> = {
    ListFunctions: (req, ctx) => jsonResponse(200, this.listFunctions(req, ctx)),
    GetFunction: (req, ctx) => jsonResponse(200, this.getFunction(functionNameOf(req), req, ctx)),
    GetFunctionConfiguration: (req, ctx) => jsonResponse(200, this.getFunctionConfiguration(functionNameOf(req), req, ctx)),
    GetPolicy: (req, ctx) => jsonResponse(200, this.getPolicy(functionNameOf(req), req, ctx)),
    AddPermission: (req, ctx) => jsonResponse(201, this.addPermission(functionNameOf(req), req, ctx)),
    CreateFunction: (req, ctx) => jsonResponse(201, this.createFunction(req, ctx)),
  };

  constructor() {
    super(LAMBDA, recordsByName<FunctionRecord>('functions'));
  }

  operationFor(req: RestRequest): string | null {
    return routeOf(req)?.operation ?? null;
  }

  override encodeError(err: SandboxError) {
    return encodeLambdaError(err);
  }

  put(region: string, resource: JsonObject, ctx: CallContext): JsonObject {
    const inRegion = this.state.of(region);
    const previous = typeof resource.FunctionName === 'string' ? inRegion[resource.FunctionName] : undefined;
    const record = recordFromSeed(resource, ctx.accountId, ctx.now, previous);
    inRegion[record.FunctionName] = record;
    return configurationOf(record, region, ctx.accountId);
  }

  private createFunction(req: RestRequest, ctx: CallContext): JsonObject {
    const input = parseJsonBody(req.body);
    const existing = typeof input.FunctionName === 'string' ? this.state.peek(ctx.region)?.[input.FunctionName] : undefined;
    const record = functionFromCreate(input, ctx, existing);
    this.state.of(ctx.region)[record.FunctionName] = record;
    return configurationOf(record, ctx.region, ctx.accountId);
  }

  /** The function a reference names in the caller's Region and account (only `$LATEST` exists). */
  private lookup(raw: string, req: RestRequest, ctx: CallContext): { fn: FunctionRecord; ref: FunctionRef } {
    const ref = resolveFunctionRef(raw, req.query.get('Qualifier'), ctx.region, ctx.accountId);
    const fn = this.state.peek(ctx.region)?.[ref.name];
    const shownQualifier = ref.qualified ? ref.qualifier : undefined;
    if (!fn || ref.qualifier !== LATEST) throw notFound(functionArn(ctx.region, ctx.accountId, ref.name, shownQualifier));
    return { fn, ref };
  }

  private getFunctionConfiguration(raw: string, req: RestRequest, ctx: CallContext): JsonObject {
    const { fn, ref } = this.lookup(raw, req, ctx);
    return configurationOf(fn, ctx.region, ctx.accountId, ref.qualified ? ref.qualifier : undefined);
  }

  private getFunction(raw: string, req: RestRequest, ctx: CallContext): JsonObject {
    const { fn, ref } = this.lookup(raw, req, ctx);
    const location =
      `https://awslambda-${ctx.region}-tasks.s3.${ctx.region}.amazonaws.com/snapshots/` +
      `${ctx.accountId}/${fn.FunctionName}-${fn.RevisionId}`;
    return {
      Configuration: configurationOf(fn, ctx.region, ctx.accountId, ref.qualified ? ref.qualifier : undefined),
      Code: { RepositoryType: 'S3', Location: location },
    };
  }

  private getPolicy(raw: string, req: RestRequest, ctx: CallContext): JsonObject {
    const { fn } = this.lookup(raw, req, ctx);
    if (!fn.Policy || fn.Policy.Statement.length === 0) {
      throw new SandboxError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
    }
    return { Policy: JSON.stringify(fn.Policy), RevisionId: fn.RevisionId };
  }

  private addPermission(raw: string, req: RestRequest, ctx: CallContext): JsonObject {
    const ref = resolveFunctionRef(raw, req.query.get('Qualifier'), ctx.region, ctx.accountId);
    if (ref.qualified && ref.qualifier === LATEST) {
      throw new SandboxError('InvalidParameterValueException', 'We currently do not support adding policies for $LATEST.', 400);
    }
    const { fn } = this.lookup(raw, req, ctx);
    const input = parseJsonBody(req.body);
    if (typeof input.RevisionId === 'string' && input.RevisionId !== fn.RevisionId) {
      throw new SandboxError(
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. ' +
          'Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
        412,
      );
    }
    const statement = statementFor(input, functionArn(ctx.region, ctx.accountId, fn.FunctionName));
    const policy = fn.Policy ?? emptyPolicy();
    if (policy.Statement.some((s) => s.Sid === statement.Sid)) {
      throw new SandboxError(
        'ResourceConflictException',
        `The statement id (${statement.Sid}) provided already exists. ` +
          'Please provide a new statement id, or remove the existing statement.',
        409,
      );
    }
    fn.Policy = { ...policy, Statement: [...policy.Statement, statement] };
    fn.RevisionId = randomUUID();
    return { Statement: JSON.stringify(statement) };
  }

  private listFunctions(req: RestRequest, ctx: CallContext): JsonObject {
    const maxParam = req.query.get('MaxItems');
    const maxItems = maxParam === null ? 50 : Number(maxParam);
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10000) {
      throw new SandboxError('ValidationException', rangeMessage(maxParam, 'maxItems', 1, 10000), 400);
    }
    const inRegion = this.state.peek(ctx.region) ?? {};
    const names = Object.keys(inRegion).sort();
    const marker = req.query.get('Marker');
    const start = marker ? names.indexOf(decodePageToken(marker)) : 0;
    if (start < 0) throw new SandboxError('InvalidParameterValueException', 'Invalid Marker', 400);
    const page = names.slice(start, start + maxItems);
    const functions = page.map((n) => configurationOf(inRegion[n], ctx.region, ctx.accountId));
    const next = names[start + maxItems];
    return next === undefined ? { Functions: functions } : { Functions: functions, NextMarker: encodePageToken(next) };
  }
}
