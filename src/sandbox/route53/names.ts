/**
 * DNS names as Route 53 stores and orders them: lower case, fully qualified with a trailing dot,
 * `*` kept literally inside and written back as the escape `\052`, ordered by reversed labels.
 */
import { SandboxError } from '../types.js';

/** `WWW.Example.com` → `www.example.com.`; `\052.example.com` → `*.example.com.` */
export function normaliseName(raw: unknown, field = 'Name'): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new SandboxError('InvalidInput', `Invalid request: Missing field '${field}'.`);
  }
  const unescaped = raw.trim().replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const lower = unescaped.toLowerCase();
  const name = lower.endsWith('.') ? lower : `${lower}.`;
  if (name.length > 255 || name.split('.').slice(0, -1).some((label) => label.length === 0 || label.length > 63)) {
    throw new SandboxError('InvalidDomainName', `${raw} is not a valid domain name.`);
  }
  return name;
}

/** The name as Route 53 writes it in answers (`*` escaped). */
export function displayName(name: string): string {
  return name.replace(/\*/g, '\\052');
}

export function isWithinZone(name: string, zoneName: string): boolean {
  return name === zoneName || name.endsWith(`.${zoneName}`);
}

function reversedLabels(name: string): string[] {
  return name.split('.').filter(Boolean).reverse();
}

/** Route 53's listing order: by DNS name with the labels reversed (`com.example.www`). */
export function compareNames(a: string, b: string): number {
  const left = reversedLabels(a);
  const right = reversedLabels(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

const REGION_IN_HOST = /(?:^|[.-])((?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?[a-z]+-\d{1,2})(?=$|[.-])/;

/**
 * The AWS Region an endpoint host names (the first Region name in it), and the service label before
 * it when the host is an `amazonaws.com` endpoint: `cognito-idp.us-east-1.amazonaws.com` →
 * { region: us-east-1, service: cognito-idp }; `us-east-1.auth.example.net` → { region: us-east-1 }.
 */
export function regionOfHost(host: string | undefined): { region?: string; service?: string } {
  if (!host) return {};
  const name = host.toLowerCase().replace(/\.$/, '');
  const match = REGION_IN_HOST.exec(name);
  if (!match) return {};
  const region = match[1];
  const labels = name.split('.');
  const index = labels.indexOf(region);
  // The UPDATED issuer host (issuer-cognito-idp.<region>...) is served by Cognito as well.
  const service = name.endsWith('.amazonaws.com') && index > 0 ? labels[index - 1].replace(/^issuer-/, '') : undefined;
  return { region, ...(service ? { service } : {}) };
}
