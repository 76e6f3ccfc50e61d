/**
 * Amazon SES (API v2), the part drift needs: is an email identity (address or domain) verified in a
 * given Region? Identities are seeded through the admin API with their verification status; every
 * Region has its own set, as in SES.
 */
import { randomBytes } from 'node:crypto';
import {
  SandboxError,
  type CallContext,
  type JsonObject,
  type JsonValue,
  type Persistent,
  type RestRequest,
  type RestResponse,
  type RestService,
  type Seedable,
} from '../types.js';

const PREFIX = '/v2/email';
const IDENTITIES = `${PREFIX}/identities`;
/** Current SDKs list with POST /v2/email/list-identities; older ones with GET /v2/email/identities. */
const LIST = `${PREFIX}/list-identities`;
const UNKNOWN_OPERATION = 'UnknownOperation';

const VERIFICATION_STATUSES = ['PENDING', 'SUCCESS', 'FAILED', 'TEMPORARY_FAILURE', 'NOT_STARTED'] as const;
type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

interface IdentityRecord {
  name: string;
  type: 'EMAIL_ADDRESS' | 'DOMAIN';
  status: VerificationStatus;
  /** DKIM CNAME tokens a domain identity publishes. */
  dkimTokens: string[];
  createdMs: number;
}

type SesState = Record<string, Record<string, IdentityRecord>>;

/** Domains are case-insensitive; the local part of an address is kept as given. */
function normalise(identity: string): string {
  const at = identity.lastIndexOf('@');
  return at < 0 ? identity.toLowerCase() : identity.slice(0, at + 1) + identity.slice(at + 1).toLowerCase();
}

function json(status: number, body: JsonObject): RestResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function identityOf(req: RestRequest): string | undefined {
  if (!req.path.startsWith(`${IDENTITIES}/`)) return undefined;
  const rest = req.path.slice(IDENTITIES.length + 1);
  return rest.length > 0 && !rest.includes('/') ? rest : undefined;
}

function viewOf(record: IdentityRecord): JsonObject {
  const verified = record.status === 'SUCCESS';
  const isDomain = record.type === 'DOMAIN';
  return {
    IdentityType: record.type,
    FeedbackForwardingStatus: true,
    VerifiedForSendingStatus: verified,
    // An address identity signs with its domain's DKIM, if any; the sandbox models none for it.
    DkimAttributes: isDomain
      ? {
          SigningEnabled: true,
          Status: record.status,
          Tokens: record.dkimTokens,
          SigningAttributesOrigin: 'AWS_SES',
          NextSigningKeyLength: 'RSA_2048_BIT',
          CurrentSigningKeyLength: 'RSA_2048_BIT',
          LastKeyGenerationTimestamp: record.createdMs / 1000,
        }
      : { SigningEnabled: false, Status: 'NOT_STARTED', Tokens: [] },
    MailFromAttributes: { MailFromDomainStatus: 'NOT_STARTED', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    Policies: {},
    Tags: [],
    VerificationStatus: record.status,
  };
}

export class SesV2Model implements RestService, Persistent, Seedable {
  readonly kind = 'rest' as const;
  readonly service = 'ses';
  readonly throttle = { code: 'TooManyRequestsException', status: 429, message: 'Too many requests' };
  readonly internalError = {
    code: 'InternalServiceErrorException',
    message: "The request couldn't be processed because an error occurred with the Amazon SES API v2.",
  };

  private identities: SesState = {};

  operationFor(req: RestRequest): string | null {
    if (req.path !== PREFIX && !req.path.startsWith(`${PREFIX}/`)) return null;
    const method = req.method.toUpperCase();
    if (req.path === LIST && method === 'POST') return 'ListEmailIdentities';
    if ((req.path === IDENTITIES || req.path === `${IDENTITIES}/`) && method === 'GET') return 'ListEmailIdentities';
    if (identityOf(req) !== undefined && method === 'GET') return 'GetEmailIdentity';
    return UNKNOWN_OPERATION;
  }

  encodeError(err: SandboxError): RestResponse {
    return {
      status: err.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code },
      body: JSON.stringify({ message: err.message, ...err.extra }),
    };
  }

  handle(operation: string, req: RestRequest, ctx: CallContext): RestResponse {
    switch (operation) {
      case 'GetEmailIdentity':
        return json(200, this.getEmailIdentity(identityOf(req) ?? '', ctx));
      case 'ListEmailIdentities':
        return json(200, this.listEmailIdentities(req, ctx));
      default:
        throw new SandboxError('UnknownOperationException', `No SESv2 operation is modelled for ${req.method} ${req.path}`, 404);
    }
  }

  /** Seed {EmailIdentity, VerificationStatus? (default SUCCESS)}; re-seeding replaces the status. */
  put(region: string, resource: JsonObject, ctx: CallContext): JsonObject {
    const raw = resource.EmailIdentity;
    if (typeof raw !== 'string' || raw.length === 0 || raw.includes('/')) {
      throw new SandboxError('BadRequestException', 'seed: EmailIdentity is required (an email address or a domain)', 400);
    }
    const status = (resource.VerificationStatus ?? 'SUCCESS') as VerificationStatus;
    if (!VERIFICATION_STATUSES.includes(status)) {
      throw new SandboxError('BadRequestException', `seed: VerificationStatus must be one of ${VERIFICATION_STATUSES.join(', ')}`, 400);
    }
    const name = normalise(raw);
    const inRegion = (this.identities[region] ??= {});
    const previous = inRegion[name];
    inRegion[name] = {
      name,
      type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
      status,
      dkimTokens: previous?.dkimTokens ?? [0, 1, 2].map(() => randomBytes(16).toString('hex')),
      createdMs: previous?.createdMs ?? ctx.now,
    };
    return { EmailIdentity: name, ...viewOf(inRegion[name]) };
  }

  snapshot(): JsonValue {
    return structuredClone({ identities: this.identities }) as unknown as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    const identities = (snapshot as JsonObject | null)?.identities;
    this.identities = identities && typeof identities === 'object' ? (structuredClone(identities) as SesState) : {};
  }

  private getEmailIdentity(identity: string, ctx: CallContext): JsonObject {
    const record = this.identities[ctx.region]?.[normalise(identity)];
    if (!record) throw new SandboxError('NotFoundException', `Email identity ${identity} does not exist.`, 404);
    return viewOf(record);
  }

  private listEmailIdentities(req: RestRequest, ctx: CallContext): JsonObject {
    // The POST form carries its input in the body; the legacy GET form in the query string.
    let input: JsonObject = {};
    if (req.method.toUpperCase() === 'POST' && req.body) {
      try {
        input = JSON.parse(req.body) as JsonObject;
      } catch {
        throw new SandboxError('BadRequestException', 'Could not parse request body into json', 400);
      }
    } else {
      input = { NextToken: req.query.get('NextToken') ?? undefined, PageSize: req.query.get('PageSize') ?? undefined };
    }
    const pageSize = input.PageSize === undefined ? 100 : Number(input.PageSize);
    if (!Number.isInteger(pageSize) || pageSize < 0 || pageSize > 1000) {
      throw new SandboxError('BadRequestException', 'PageSize must be between 0 and 1000', 400);
    }
    const filter = (input.Filter ?? {}) as Record<string, string>;
    const records = Object.values(this.identities[ctx.region] ?? {})
      .filter((r) => !filter.IDENTITY_NAME_CONTAINS || r.name.includes(filter.IDENTITY_NAME_CONTAINS))
      .filter((r) => !filter.IDENTITY_TYPE || r.type === filter.IDENTITY_TYPE)
      .filter((r) => !filter.VERIFICATION_STATUS || r.status === filter.VERIFICATION_STATUS)
      .sort((a, b) => a.name.localeCompare(b.name));
    const start = typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
    if (!Number.isInteger(start) || start < 0) throw new SandboxError('BadRequestException', 'Invalid NextToken', 400);
    const size = pageSize === 0 ? 100 : pageSize;
    const page = records.slice(start, start + size).map((r) => ({
      IdentityType: r.type,
      IdentityName: r.name,
      SendingEnabled: r.status === 'SUCCESS',
      VerificationStatus: r.status,
    }));
    const body: JsonObject = { EmailIdentities: page };
    if (start + size < records.length) body.NextToken = Buffer.from(String(start + size)).toString('base64url');
    return body;
  }
}
