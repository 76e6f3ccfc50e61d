/**
 * "Report what can be read": a read that fails after the SDK's retries (a Region down, a throttling
 * storm, a 5xx, access denied) does not end a read-only report. It becomes one finding —
 * "unreadable: <service> <operation> in <Region>: <code>: <message>, re-run after recovery" — and
 * the report goes on with everything else. preflight, keys verify, drift, replica list and issuer
 * status share this one type; each decides which of its checks an unread value leaves unknown.
 *
 * Only AWS call failures become findings: a bug (TypeError), an interrupt, a usage error or a
 * credentials error still ends the command as before (credentials are not an outage).
 */

/** Where a read went: the SDK client's service name (cognito-idp, kms, route53, lambda…), operation and Region. */
export interface ReadSite {
  service: string;
  operation: string;
  region: string;
}

export interface UnreadableFinding extends ReadSite {
  status: 'unreadable';
  /** The error's code (its name, else its errno code) and message: never a credential. */
  error: { code: string; message: string };
  /** The one line every output shows. */
  message: string;
}

/** Errors that are the caller's setup, not an outage: they keep ending the command (exit 2 / 1 as mapped). */
const NOT_AN_OUTAGE = new Set(['CredentialsProviderError', 'TokenProviderError', 'AbortError']);
/** Node socket errors of a Region that does not answer (when no SDK metadata was attached). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $mrrctlOrigin?: ReadSite;
  $fault?: string;
}

/** Is this a failed AWS read (after retries) rather than a bug, an interrupt or a setup error? */
export function isReadFailure(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as AwsLikeError;
  if (NOT_AN_OUTAGE.has(e.name ?? '')) return false;
  // mrrctl's own errors (usage, conflict…) carry a code of the MRR_ registry: never swallowed.
  if (typeof e.code === 'string' && e.code.startsWith('MRR_')) return false;
  return Boolean(e.$metadata || e.$mrrctlOrigin || e.$fault || NETWORK_CODES.has(e.code ?? ''));
}

// Access key ids and anything shaped key=value whose key names a secret or a signature.
const ACCESS_KEY = /\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;
const SECRET_PAIR = /\b(Signature|Credential|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|SecretAccessKey|SessionToken|aws_secret_access_key|aws_session_token|Authorization)(\s*[=:]\s*)[^\s,;&"']+/gi;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_MESSAGE = 240;

/** An AWS error message fit for every output: credentials redacted, control characters shown escaped, one line, clipped. */
export function safeErrorText(text: string): string {
  const cleaned = text
    .replace(ACCESS_KEY, '[REDACTED]')
    .replace(SECRET_PAIR, (_m, key: string, sep: string) => `${key}${sep}[REDACTED]`)
    .replace(/\r?\n/g, ' ')
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .trim();
  return cleaned.length > MAX_MESSAGE ? `${cleaned.slice(0, MAX_MESSAGE - 1)}…` : cleaned;
}

export function unreadableLine(site: ReadSite, error: { code: string; message: string }): string {
  const what = error.message ? `${error.code}: ${error.message}` : error.code;
  return `unreadable: ${site.service} ${site.operation} in ${site.region}: ${what}, re-run after recovery`;
}

/** The finding for a failed read; the error's own origin (the call that failed) wins over the caller's site. */
export function unreadableFrom(err: unknown, site: ReadSite): UnreadableFinding {
  const e = (err ?? {}) as AwsLikeError;
  const where = e.$mrrctlOrigin ?? site;
  const generic = !e.name || e.name === 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = safeErrorText(generic ? (e.code ?? (status ? `HTTP ${status}` : 'Error')) : e.name!);
  const message = safeErrorText(e.message ?? '');
  const error = { code, message: message === code ? '' : message };
  const at = { service: where.service, operation: where.operation, region: where.region };
  return { status: 'unreadable', ...at, error, message: unreadableLine(at, error) };
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; unreadable: UnreadableFinding };

/**
 * Collects what could not be read during one command. `attempt` runs a read and turns a failed AWS
 * read into a finding (kept here, once per distinct line); anything else is re-thrown.
 */
export class ReadLog {
  readonly items: UnreadableFinding[] = [];

  constructor(private readonly signal?: AbortSignal) {}

  async attempt<T>(site: ReadSite, read: () => Promise<T>): Promise<Attempt<T>> {
    try {
      return { ok: true, value: await read() };
    } catch (err) {
      if (this.signal?.aborted || !isReadFailure(err)) throw err;
      const unreadable = unreadableFrom(err, site);
      this.record(unreadable);
      return { ok: false, unreadable };
    }
  }

  /**
   * The first Region that answers, in order (the primary, then the other Region where the API allows
   * it). Every Region that failed is recorded; `region` says which one answered.
   */
  async first<T>(regions: readonly string[], site: Omit<ReadSite, 'region'>, read: (region: string) => Promise<T>): Promise<FirstAnswer<T>> {
    const failed: UnreadableFinding[] = [];
    for (const region of regions) {
      const a = await this.attempt({ ...site, region }, () => read(region));
      if (a.ok) return { ok: true, value: a.value, region, failed };
      failed.push(a.unreadable);
    }
    return { ok: false, failed };
  }

  record(u: UnreadableFinding): void {
    if (!this.items.some((x) => x.message === u.message)) this.items.push(u);
  }
}

export type FirstAnswer<T> = { ok: true; value: T; region: string; failed: UnreadableFinding[] } | { ok: false; failed: UnreadableFinding[] };
