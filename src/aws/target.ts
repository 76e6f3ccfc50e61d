/**
 * Where AWS calls go: real AWS (the SDK's own endpoint resolution, which honours AWS_ENDPOINT_URL and
 * AWS_ENDPOINT_URL_<SERVICE>), an explicit --endpoint-url, or the embedded sandbox. Light: no SDK import.
 */
import { InputError } from '../core/errors.js';
import type { GlobalFlags } from '../cli/global-flags.js';

export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4566';

export interface AwsTarget {
  /** Explicit endpoint for every service; undefined = the SDK resolves it. */
  endpoint?: string;
  /** True when talking to the embedded sandbox (dummy credentials, HTTPS probes mapped to it). */
  sandbox: boolean;
  profile?: string;
}

function checkUrl(field: string, value: string): string {
  const source = field.startsWith('--') ? 'flags' : 'environment';
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputError('MRR_INPUT_E010', source, field, value, 'an http(s) URL such as http://127.0.0.1:4566');
  }
  return value.replace(/\/+$/, '');
}

export function resolveAwsTarget(
  flags: Pick<GlobalFlags, 'sandbox' | 'endpointUrl' | 'profile'>,
  env: Record<string, string | undefined>,
): AwsTarget {
  if (flags.sandbox && flags.endpointUrl) {
    throw new InputError('MRR_INPUT_E011', 'flags', '--endpoint-url', flags.endpointUrl, 'not both --sandbox and --endpoint-url (pick one endpoint)');
  }
  if (flags.sandbox) {
    const url = typeof flags.sandbox === 'string' ? flags.sandbox : (env.MRRCTL_SANDBOX_URL ?? DEFAULT_SANDBOX_URL);
    const field = typeof flags.sandbox === 'string' ? '--sandbox' : env.MRRCTL_SANDBOX_URL ? 'MRRCTL_SANDBOX_URL' : '--sandbox';
    return { endpoint: checkUrl(field, url), sandbox: true, profile: flags.profile };
  }
  if (flags.endpointUrl) return { endpoint: checkUrl('--endpoint-url', flags.endpointUrl), sandbox: false, profile: flags.profile };
  return { sandbox: false, profile: flags.profile };
}
