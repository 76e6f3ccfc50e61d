/**
 * Where AWS calls go: real AWS (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL or the profile's
 * endpoint_url when set: endpoints.ts), an explicit --endpoint-url, or the embedded sandbox; and
 * which shared-config profile signs them. Light: no SDK import.
 */
import { InputError } from '../core/errors.js';

/**
 * A command's environment, as injected into main() (process.env only when run from a shell). AWS
 * settings are read from here and nowhere else, so a test's environment is the one that counts.
 */
export type AwsEnv = Readonly<Record<string, string | undefined>>;

/** The global flags that choose the target (a narrow view of the CLI's flags). */
export interface AwsTargetFlags {
  /** `--sandbox` alone → true; `--sandbox URL` → the URL. */
  sandbox?: string | boolean;
  endpointUrl?: string;
  profile?: string;
}

export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4566';

export interface AwsTarget {
  /** Explicit endpoint for every service; undefined = the SDK resolves it. */
  endpoint?: string;
  /** True when talking to the embedded sandbox (dummy credentials, HTTPS probes mapped to it). */
  sandbox: boolean;
  /** The shared-config profile: --profile, else AWS_PROFILE from the command's environment. */
  profile?: string;
}

/**
 * A configured endpoint must be an http(s) URL: `ftp://x` would otherwise fail later, per call, as a
 * network error. Returns the URL as given; `example` shows the operator what was expected.
 */
export function requireHttpUrl(field: string, value: string, example: string): string {
  const source = field.startsWith('--') ? 'flags' : 'environment';
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputError('MRR_INPUT_E010', source, field, value, `an http(s) URL such as ${example}`);
  }
  return value;
}

function checkUrl(field: string, value: string): string {
  return requireHttpUrl(field, value, 'http://127.0.0.1:4566').replace(/\/+$/, '');
}

/**
 * Host names of AWS's own endpoints, in every partition. A sandbox URL naming one would send the
 * sandbox's dummy-credential calls — and its resets and faults — to AWS.
 */
const AWS_ENDPOINT_SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn', '.api.aws', '.on.aws', '.amazonaws.eu', '.c2s.ic.gov', '.sc2s.sgov.gov', '.cloud.adc-e.uk', '.csp.hci.ic.gov'];

export function isAwsEndpointHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return AWS_ENDPOINT_SUFFIXES.some((suffix) => host.endsWith(suffix) || host === suffix.slice(1));
}

function checkSandboxUrl(field: string, value: string): string {
  const url = checkUrl(field, value);
  if (isAwsEndpointHost(new URL(url).hostname)) {
    const source = field.startsWith('--') ? 'flags' : 'environment';
    throw new InputError('MRR_INPUT_E012', source, field, value, 'the URL of a local sandbox such as http://127.0.0.1:4566, not an AWS endpoint (to use AWS, leave out --sandbox)');
  }
  return url;
}

export function resolveAwsTarget(flags: AwsTargetFlags, env: AwsEnv): AwsTarget {
  if (flags.sandbox && flags.endpointUrl) {
    throw new InputError('MRR_INPUT_E011', 'flags', '--endpoint-url', flags.endpointUrl, 'not both --sandbox and --endpoint-url (pick one endpoint)');
  }
  if (flags.sandbox) {
    const url = typeof flags.sandbox === 'string' ? flags.sandbox : (env.MRRCTL_SANDBOX_URL ?? DEFAULT_SANDBOX_URL);
    const field = typeof flags.sandbox === 'string' ? '--sandbox' : env.MRRCTL_SANDBOX_URL ? 'MRRCTL_SANDBOX_URL' : '--sandbox';
    return { endpoint: checkSandboxUrl(field, url), sandbox: true, profile: flags.profile };
  }
  // An empty AWS_PROFILE counts as unset, as it does for the SDK.
  const profile = flags.profile || env.AWS_PROFILE || undefined;
  if (flags.endpointUrl) return { endpoint: checkUrl('--endpoint-url', flags.endpointUrl), sandbox: false, profile };
  return { sandbox: false, profile };
}
