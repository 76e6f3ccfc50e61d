/**
 * What an HTTPS probe of a pool's OIDC endpoints observed, as plain data (JSON output, journal-safe).
 * Results never carry a token or a secret: a token probe reports only non-secret claims.
 * The implementation is src/aws/oidc-probe.ts; the core receives the probes through OidcProbes.
 */

export interface ProbeError {
  /** e.g. TimeoutError, ConnectionError, HostNotFound, HttpError, InvalidJson, invalid_client. */
  name: string;
  message: string;
}

export interface HttpProbe {
  /** The real (https) URL probed, never the sandbox-mapped one. */
  url: string;
  ok: boolean;
  /** The HTTP status, when a response arrived. */
  status?: number;
  latencyMs: number;
  error?: ProbeError;
}

export interface DiscoveryProbe extends HttpProbe {
  issuer?: string;
  jwksUri?: string;
  tokenEndpoint?: string;
}

export interface JwksProbe extends HttpProbe {
  keyCount: number;
  kids: string[];
}

/** The claims of an access token worth showing: no signature, no token. */
export interface TokenClaims {
  iss?: string;
  client_id?: string;
  token_use?: string;
  scope?: string;
  exp?: number;
}

export interface TokenProbe extends HttpProbe {
  claims?: TokenClaims;
}

export interface TokenVerification {
  ok: boolean;
  claims?: TokenClaims;
  error?: ProbeError;
}

/** A client_credentials token request followed by verification of the token it returned. */
export interface ClientCredentialsCheck {
  token: TokenProbe;
  /** Absent when no token came back. */
  verification?: TokenVerification;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/** The probes the issuer (and health) logic needs, bound to a target (AWS or the sandbox). */
export interface OidcProbes {
  fetchDiscovery(url: string): Promise<DiscoveryProbe>;
  fetchJwks(url: string): Promise<JwksProbe>;
  /** Requests a token and verifies it against `expect`; the token itself never leaves the probe. */
  checkClientCredentials(
    tokenUrl: string,
    credentials: ClientCredentials,
    expect: { issuer: string; jwksUrl: string },
  ): Promise<ClientCredentialsCheck>;
}
