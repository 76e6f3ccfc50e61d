/**
 * The credentials that sign a command's AWS calls, resolved from the command's environment (the one
 * injected into main(); process.env only when run from a shell). The SDK's default chain would read
 * process.env itself, so a test's environment would not count and a test could reach the instance
 * metadata service unnoticed. This is that chain, in the SDK's order, fed from the injected environment:
 *   1. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) — unless a profile is named;
 *   2. the profile (--profile, else AWS_PROFILE, else "default") in AWS_SHARED_CREDENTIALS_FILE /
 *      AWS_CONFIG_FILE (default under HOME): keys, assumed roles, SSO, credential_process;
 *   3. web identity: AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN (AWS_ROLE_SESSION_NAME);
 *   4. the container credentials endpoint: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI;
 *   5. the EC2 instance metadata service, unless AWS_EC2_METADATA_DISABLED.
 * Each provider package is loaded only when its link is reached.
 */
import { chain, CredentialsProviderError, memoize } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { DEFAULT_PROFILE, sharedConfigFiles } from './shared-config-files.js';
import type { AwsEnv } from './target.js';

/** The SDK's own margin: credentials that expire within five minutes are fetched again. */
const REFRESH_MARGIN_MS = 5 * 60_000;

function skip(reason: string): never {
  throw new CredentialsProviderError(reason, { tryNextLink: true });
}

function staticKeys(env: AwsEnv): AwsCredentialIdentity {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) skip('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set');
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}) };
}

/**
 * The providers below fall back to process.env for every option left undefined, so an unset
 * variable is passed as '' (unset, for them) rather than undefined.
 */
function envValue(env: AwsEnv, name: string): string {
  return env[name] ?? '';
}

export function credentialsFrom(env: AwsEnv, profile: string | undefined): AwsCredentialIdentityProvider {
  const files = sharedConfigFiles(env);
  const links: AwsCredentialIdentityProvider[] = [
    async () => (profile ? skip(`the profile ${profile} is named, so the environment's keys are not used`) : staticKeys(env)),
    async () => {
      const { fromIni } = await import('@aws-sdk/credential-provider-ini');
      return fromIni({ profile: profile ?? DEFAULT_PROFILE, ...files })();
    },
    async () => {
      const webIdentityTokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE;
      const roleArn = env.AWS_ROLE_ARN;
      if (!webIdentityTokenFile || !roleArn) skip('no web identity token file and role');
      const { fromTokenFile } = await import('@aws-sdk/credential-provider-web-identity');
      return fromTokenFile({ webIdentityTokenFile, roleArn, roleSessionName: env.AWS_ROLE_SESSION_NAME || undefined })();
    },
    async () => {
      if (!env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI && !env.AWS_CONTAINER_CREDENTIALS_FULL_URI) skip('no container credentials endpoint');
      const { fromHttp } = await import('@aws-sdk/credential-provider-http');
      return fromHttp({
        awsContainerCredentialsRelativeUri: envValue(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'),
        awsContainerCredentialsFullUri: envValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI'),
        awsContainerAuthorizationToken: envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN'),
        awsContainerAuthorizationTokenFile: envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'),
      })();
    },
    async () => {
      const disabled = env.AWS_EC2_METADATA_DISABLED;
      if (disabled && disabled !== 'false') skip('AWS_EC2_METADATA_DISABLED is set');
      const { fromInstanceMetadata } = await import('@smithy/credential-provider-imds');
      return fromInstanceMetadata()();
    },
    async () => {
      throw new CredentialsProviderError('Could not load credentials from any providers', { tryNextLink: false });
    },
  ];
  // One resolution shared by every client of the command (an assumed role is assumed once).
  return memoize(
    chain(...links),
    (c) => c.expiration !== undefined && c.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS,
    (c) => c.expiration !== undefined,
  );
}
