/**
 * The endpoint of one service's calls, decided here from the command's environment so the SDK never
 * looks at process.env for it (its clients are built with ignoreConfiguredEndpointUrls). The order is
 * the SDK's own for configured endpoints:
 *   --endpoint-url / --sandbox (the target), else
 *   AWS_ENDPOINT_URL_<SERVICE ID>, then AWS_ENDPOINT_URL, else
 *   the profile's `services` section, then its endpoint_url in the shared config file, else
 *   undefined: the SDK's Regional endpoint.
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's ignore_configured_endpoint_urls) turns the
 * configured ones off, as it does for the SDK.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import { DEFAULT_PROFILE, sharedConfigFiles } from './shared-config-files.js';
import { requireHttpUrl, type AwsEnv, type AwsTarget } from './target.js';

const AWS_EXAMPLE = 'https://cognito-idp.us-east-1.amazonaws.com';

type IniSection = Record<string, string | undefined>;

/** `true`/`false` in either case; anything else is unset, as the SDK's boolean settings read it. */
function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** `Cognito Identity Provider` → `COGNITO_IDENTITY_PROVIDER` (env) or `cognito_identity_provider` (config file). */
function serviceKey(sdkServiceId: string): string {
  return sdkServiceId.split(' ').join('_');
}

function fromEnv(sdkServiceId: string, env: AwsEnv): string | undefined {
  const specific = `AWS_ENDPOINT_URL_${serviceKey(sdkServiceId).toUpperCase()}`;
  if (env[specific]) return requireHttpUrl(specific, env[specific], AWS_EXAMPLE);
  return env.AWS_ENDPOINT_URL ? requireHttpUrl('AWS_ENDPOINT_URL', env.AWS_ENDPOINT_URL, AWS_EXAMPLE) : undefined;
}

function fromConfigFile(sdkServiceId: string, profile: IniSection, configFile: Record<string, IniSection | undefined>): string | undefined {
  if (profile.services) {
    const section = configFile[`services.${profile.services}`];
    const url = section?.[`${serviceKey(sdkServiceId).toLowerCase()}.endpoint_url`];
    if (url) return url;
  }
  return profile.endpoint_url || undefined;
}

/**
 * @param sdkServiceId the SDK client's serviceId (`KMS`, `Route 53`, `Cognito Identity Provider`...),
 *   which names its AWS_ENDPOINT_URL_<SERVICE> variable.
 */
export async function endpointFor(target: AwsTarget, sdkServiceId: string, env: AwsEnv): Promise<string | undefined> {
  if (target.endpoint) return target.endpoint;
  const ignoredByEnv = flag(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS);
  if (ignoredByEnv === true) return undefined;
  const { configFile } = await loadSharedConfigFiles(sharedConfigFiles(env));
  const profile: IniSection = configFile[target.profile ?? DEFAULT_PROFILE] ?? {};
  // The variable, when set either way, wins over the profile's setting, as for the SDK.
  if (ignoredByEnv === undefined && flag(profile.ignore_configured_endpoint_urls) === true) return undefined;
  return fromEnv(sdkServiceId, env) ?? fromConfigFile(sdkServiceId, profile, configFile);
}
