/**
 * Amazon SES (API v2), the part drift needs: is an email identity (address or domain) verified in a
 * given Region? Identities are seeded through the admin API with their verification status, or
 * created with CreateEmailIdentity (what a drift remedy asks for); every Region has its own set.
 */
import { randomBytes } from 'node:crypto';
import { SandboxError, type CallContext, type JsonObject, type RestRequest } from '../types.js';
import { RestParityModel, jsonResponse, type RestOperation, type RestServiceFacts } from '../parity/parity-model.js';
import { decodePageToken, encodePageToken } from '../parity/page-token.js';
import { recordsByName } from '../parity/regional-state.js';

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
  /**
   * Created through CreateEmailIdentity: PENDING until this instant, then SUCCESS. Verification
   * happens outside SES (DKIM records, a click on a link); the sandbox stands in for it after the
   * `dnsDelayMs` setting. [INF] a sandbox convention, not an AWS claim.
   */
  verifiesAtMs?: number;
}

/** The status at `now`: a created identity verifies by itself once its time has come. */
function statusAt(record: IdentityRecord, now: number): VerificationStatus {
  return record.verifiesAtMs !== undefined && now >= record.verifiesAtMs ? 'SUCCESS' : record.status;
}

/** Domains are case-insensitive; the local part of an address is kept as given. */
function normalise(identity: string): string {
  const at = identity.lastIndexOf('@');
  return at < 0 ? identity.toLowerCase() : identity.slice(0, at + 1) + identity.slice(at + 1).toLowerCase();
}

function identityOf(req: RestRequest): string | undefined {
  if (!req.path.startsWith(`${IDENTITIES}/`)) return undefined;
  const rest = req.path.slice(IDENTITIES.length + 1);
  return rest.length > 0 && !rest.includes('/') ? rest : undefined;
}

function viewOf(stored: IdentityRecord, now: number): JsonObject {
  const record = { ...stored, status: statusAt(stored, now) };
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

/** SES's name on the wire; it throttles with its own TooManyRequestsException. */
const SES: RestServiceFacts = {
  label: 'SESv2',
  service: 'ses',
  throttle: { code: 'TooManyRequestsException', status: 429, message: 'Too many requests' },
  internalError: {
    code: 'InternalServiceErrorException',
    message: "The request couldn't be processed because an error occurred with the Amazon SES API v2.",
  },
};

export class SesV2Model extends RestParityModel<Record<string, IdentityRecord>> {
  protected readonly operations: Record<string, RestOperation> = {
    GetEmailIdentity: (req, ctx) => jsonResponse(200, this.getEmailIdentity(identityOf(req) ?? '', ctx)),
    CreateEmailIdentity: (req, ctx) => jsonResponse(200, this.createEmailIdentity(req, ctx)),
    ListEmailIdentities: (req, ctx) => jsonResponse(200, this.listEmailIdentities(req, ctx)),
  };

  constructor() {
    super(SES, recordsByName<IdentityRecord>('identities'));
  }

  operationFor(req: RestRequest): string | null {
    if (req.path !== PREFIX && !req.path.startsWith(`${PREFIX}/`)) return null;
    const method = req.method.toUpperCase();
    if (req.path === LIST && method === 'POST') return 'ListEmailIdentities';
    if ((req.path === IDENTITIES || req.path === `${IDENTITIES}/`) && method === 'GET') return 'ListEmailIdentities';
    if ((req.path === IDENTITIES || req.path === `${IDENTITIES}/`) && method === 'POST') return 'CreateEmailIdentity';
    if (identityOf(req) !== undefined && method === 'GET') return 'GetEmailIdentity';
    return UNKNOWN_OPERATION;
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
    const inRegion = this.state.of(region);
    const previous = inRegion[name];
    inRegion[name] = {
      name,
      type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
      status,
      dkimTokens: previous?.dkimTokens ?? [0, 1, 2].map(() => randomBytes(16).toString('hex')),
      createdMs: previous?.createdMs ?? ctx.now,
    };
    return { EmailIdentity: name, ...viewOf(inRegion[name], ctx.now) };
  }

  /** CreateEmailIdentity {EmailIdentity}: PENDING, verified after `dnsDelayMs` (see verifiesAtMs). */
  private createEmailIdentity(req: RestRequest, ctx: CallContext): JsonObject {
    let input: JsonObject;
    try {
      input = JSON.parse(req.body || '{}') as JsonObject;
    } catch {
      throw new SandboxError('BadRequestException', 'Could not parse request body into json', 400);
    }
    const raw = input.EmailIdentity;
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > 320 || /[/\s]/.test(raw)) {
      throw new SandboxError('BadRequestException', 'EmailIdentity must be an email address or a domain name.', 400);
    }
    const name = normalise(raw);
    const inRegion = this.state.of(ctx.region);
    if (inRegion[name]) throw new SandboxError('AlreadyExistsException', `Email identity ${name} already exist.`, 400);
    inRegion[name] = {
      name,
      type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
      status: 'PENDING',
      dkimTokens: [0, 1, 2].map(() => randomBytes(16).toString('hex')),
      createdMs: ctx.now,
      verifiesAtMs: ctx.now + ctx.settings.dnsDelayMs,
    };
    const view = viewOf(inRegion[name], ctx.now);
    return { IdentityType: view.IdentityType, VerifiedForSendingStatus: view.VerifiedForSendingStatus, DkimAttributes: view.DkimAttributes };
  }

  private getEmailIdentity(identity: string, ctx: CallContext): JsonObject {
    const record = this.state.peek(ctx.region)?.[normalise(identity)];
    if (!record) throw new SandboxError('NotFoundException', `Email identity ${identity} does not exist.`, 404);
    return viewOf(record, ctx.now);
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
    const records = Object.values(this.state.peek(ctx.region) ?? {})
      .filter((r) => !filter.IDENTITY_NAME_CONTAINS || r.name.includes(filter.IDENTITY_NAME_CONTAINS))
      .filter((r) => !filter.IDENTITY_TYPE || r.type === filter.IDENTITY_TYPE)
      .filter((r) => !filter.VERIFICATION_STATUS || statusAt(r, ctx.now) === filter.VERIFICATION_STATUS)
      .sort((a, b) => a.name.localeCompare(b.name));
    const start = typeof input.NextToken === 'string' ? Number(decodePageToken(input.NextToken)) : 0;
    if (!Number.isInteger(start) || start < 0) throw new SandboxError('BadRequestException', 'Invalid NextToken', 400);
    const size = pageSize === 0 ? 100 : pageSize;
    const page = records.slice(start, start + size).map((r) => ({
      IdentityType: r.type,
      IdentityName: r.name,
      SendingEnabled: statusAt(r, ctx.now) === 'SUCCESS',
      VerificationStatus: statusAt(r, ctx.now),
    }));
    const body: JsonObject = { EmailIdentities: page };
    if (start + size < records.length) body.NextToken = encodePageToken(start + size);
    return body;
  }
}
