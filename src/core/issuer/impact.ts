/**
 * The impact of an issuer switch, computed before anything changes: which issuer and JWKS URLs apps
 * validate today and after the switch, and every app client whose tokens will carry the new `iss`.
 * Mobile apps (custom URL schemes) are flagged: they need a store release, which takes days.
 */
import type { AppClient } from '../ports/cognito.js';
import { issuerUrl, jwksUrl, type IssuerType, type PoolLocation } from './urls.js';

export interface IssuerEndpoints {
  region: string;
  issuer: string;
  jwks: string;
}

export type ClientKind = 'mobile' | 'machine' | 'web' | 'direct';

export interface ClientImpact {
  clientId: string;
  name: string;
  kind: ClientKind;
  oauthFlows: string[];
  hasSecret: boolean;
  /** Hosts of the http(s) callback URLs, and `scheme://` for custom schemes. */
  callbackHosts: string[];
  logoutHosts: string[];
  /** Custom schemes (e.g. `myapp://`): a native app that needs a store release to change. */
  mobileSchemes: string[];
}

export interface IssuerImpact {
  userPoolId: string;
  primaryRegion: string;
  /** null when the pool's issuer type could not be read: unknown, never assumed ORIGINAL. */
  from: IssuerType | null;
  to: IssuerType;
  /** False when the pool already uses `to`: nothing changes for any app. True when `from` is unknown. */
  changes: boolean;
  before: IssuerEndpoints[];
  after: IssuerEndpoints[];
  clients: ClientImpact[];
  summary: { clients: number; mobile: number; machine: number };
}

export interface ImpactInput {
  pool: PoolLocation;
  /** Regions that host the pool (the primary, and the secondary once a replica exists). */
  regions: string[];
  /** null when it could not be read. */
  from: IssuerType | null;
  to: IssuerType;
  clients: AppClient[];
}

const WEB_SCHEMES = new Set(['http:', 'https:']);

interface UrlHost {
  host: string;
  mobileScheme?: string;
}

/** `https://app.example.com/cb` → app.example.com; `myapp://cb` → myapp:// (mobile). */
export function hostOfRedirect(raw: string): UrlHost {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { host: raw };
  }
  if (WEB_SCHEMES.has(url.protocol)) return { host: url.host };
  // `myapp://callback` and `com.example.app:/callback` (RFC 8252 private-use scheme) alike.
  const scheme = `${url.protocol}//`;
  return { host: scheme, mobileScheme: scheme };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function kindOf(flows: string[], mobile: boolean, callbacks: number): ClientKind {
  if (mobile) return 'mobile';
  if (flows.length > 0 && flows.every((f) => f === 'client_credentials')) return 'machine';
  if (callbacks > 0) return 'web';
  return 'direct';
}

export function clientImpact(client: AppClient): ClientImpact {
  const callbacks = (client.CallbackURLs ?? []).map(hostOfRedirect);
  const logouts = (client.LogoutURLs ?? []).map(hostOfRedirect);
  const mobileSchemes = unique([...callbacks, ...logouts].flatMap((h) => (h.mobileScheme ? [h.mobileScheme] : [])));
  const oauthFlows = [...(client.AllowedOAuthFlows ?? [])];
  return {
    clientId: client.ClientId ?? '',
    name: client.ClientName ?? '',
    kind: kindOf(oauthFlows, mobileSchemes.length > 0, callbacks.length),
    oauthFlows,
    hasSecret: client.HasSecret === true,
    callbackHosts: unique(callbacks.map((h) => h.host)),
    logoutHosts: unique(logouts.map((h) => h.host)),
    mobileSchemes,
  };
}

function endpoints(type: IssuerType, pool: PoolLocation, regions: string[]): IssuerEndpoints[] {
  return regions.map((region) => {
    const issuer = issuerUrl(type, pool, region);
    return { region, issuer, jwks: jwksUrl(issuer) };
  });
}

export function buildIssuerImpact(input: ImpactInput): IssuerImpact {
  const clients = input.clients
    .map(clientImpact)
    .sort((a, b) => a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId));
  return {
    userPoolId: input.pool.userPoolId,
    primaryRegion: input.pool.primaryRegion,
    from: input.from,
    to: input.to,
    changes: input.from !== input.to,
    // Unknown issuer, unknown URLs: none are listed rather than the ORIGINAL ones guessed.
    before: input.from === null ? [] : endpoints(input.from, input.pool, input.regions),
    after: endpoints(input.to, input.pool, input.regions),
    clients,
    summary: {
      clients: clients.length,
      mobile: clients.filter((c) => c.kind === 'mobile').length,
      machine: clients.filter((c) => c.kind === 'machine').length,
    },
  };
}

/** "3 app clients (1 mobile)": the phrase the confirmation and the report share. */
export function impactSummary(impact: IssuerImpact): string {
  const { clients, mobile } = impact.summary;
  return `${clients} app client${clients === 1 ? '' : 's'} (${mobile} mobile)`;
}
