/**
 * The one URL mapping between real HTTPS URLs (issuer, discovery, JWKS, token endpoint, custom
 * domains) and the sandbox: `https://HOST/PATH?Q` ⇄ `<sandbox>/_https/HOST/PATH?Q`.
 * Pure, so it lives in core: the CLI's HTTPS probes (src/aws) map URLs into the sandbox and the
 * sandbox maps them back, and neither may import the other.
 */

export const HTTPS_PATH_PREFIX = '/_https/';

/** `https://HOST/PATH?Q` → `${sandboxBase}/_https/HOST/PATH?Q`. Throws for a non-HTTPS URL. */
export function toSandboxUrl(httpsUrl: string, sandboxBase: string): string {
  const url = new URL(httpsUrl);
  if (url.protocol !== 'https:') {
    throw new Error(`only https:// URLs are mapped to the sandbox, got ${JSON.stringify(httpsUrl)}`);
  }
  const base = sandboxBase.replace(/\/+$/, '');
  return `${base}${HTTPS_PATH_PREFIX}${url.host}${url.pathname}${url.search}`;
}

/**
 * The inverse, from a sandbox request path (with its query): `/_https/HOST/PATH?Q` →
 * `https://HOST/PATH?Q`; null when the path is not a mapped one.
 */
export function fromSandboxPath(pathWithQuery: string): string | null {
  if (!pathWithQuery.startsWith(HTTPS_PATH_PREFIX)) return null;
  const rest = pathWithQuery.slice(HTTPS_PATH_PREFIX.length);
  const hostEnd = rest.search(/[/?]/);
  const host = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) return null;
  const tail = hostEnd === -1 ? '/' : rest.slice(hostEnd);
  return `https://${host.toLowerCase()}${tail.startsWith('?') ? `/${tail}` : tail}`;
}
