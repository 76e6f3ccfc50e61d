/**
 * Credentials are resolved once, before any Region is asked: a missing profile, an expired SSO
 * session or a role that cannot be assumed is the operator's set-up, not an outage, so it must not
 * reach the Regions as per-call failures ("both Regions UNREACHABLE", "Route 53 impaired"). The
 * provider is the one the clients sign with (credentials.ts, memoized), so nothing is resolved twice.
 * Each failure becomes exit 2 with the AWS CLI's kind of message and the command that fixes it.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from '../core/errors.js';
import { DEFAULT_PROFILE, sharedConfigFiles } from './shared-config-files.js';
import type { AwsEnv } from './target.js';

type IniSection = Record<string, string | undefined>;

export interface CredentialSource {
  /** The profile the command uses, when one is named (--profile, else AWS_PROFILE). */
  profile?: string;
  /** Which of the two named it, for the message. */
  profileFrom?: '--profile' | 'AWS_PROFILE';
}

function isSso(section: IniSection): boolean {
  return ['sso_start_url', 'sso_session', 'sso_account_id', 'sso_role_name'].some((k) => section[k] !== undefined);
}

/** The error's own words, on one line, without the SDK's class name. */
function said(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0].trim() || 'no reason given';
}

function noCredentials(files: { filepath: string; configFilepath: string }): UsageError {
  return new UsageError(
    'MRR_CREDENTIALS_E001',
    'Unable to locate credentials: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, no default profile in ' +
      `${files.configFilepath} or ${files.filepath}, no web identity, container or instance credentials. ` +
      'Next: `aws configure` (access keys), or `aws configure sso` then `aws sso login --profile NAME` and ' +
      're-run with --profile NAME (or AWS_PROFILE=NAME)',
    { reason: 'no-credentials' },
  );
}

/**
 * Resolves `provider` once and turns its failure into exit 2 naming the profile and the next step.
 * A profile named but found in neither file fails at once, without walking the rest of the chain
 * (whose last link would otherwise wait for the instance metadata service).
 */
export async function requireCredentials(env: AwsEnv, source: CredentialSource, provider: AwsCredentialIdentityProvider): Promise<void> {
  const files = sharedConfigFiles(env);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true }).catch(() => ({
    configFile: {} as Record<string, IniSection | undefined>,
    credentialsFile: {} as Record<string, IniSection | undefined>,
  }));
  const name = source.profile;
  if (name && !configFile[name] && !credentialsFile[name]) {
    throw new UsageError(
      'MRR_CREDENTIALS_E002',
      `The config profile (${name}) could not be found (named by ${source.profileFrom ?? '--profile'}; looked in ${files.configFilepath} and ${files.filepath}). ` +
        `Next: \`aws configure list-profiles\` shows the profiles there; \`aws configure sso --profile ${name}\` or \`aws configure --profile ${name}\` creates it`,
      { reason: 'profile-not-found', profile: name },
    );
  }
  try {
    await provider();
  } catch (err) {
    const profile = name ?? DEFAULT_PROFILE;
    const section: IniSection = { ...(credentialsFile[profile] ?? {}), ...(configFile[profile] ?? {}) };
    // Nothing named and no default profile: the chain found no source at all.
    if (name === undefined && configFile[profile] === undefined && credentialsFile[profile] === undefined) throw noCredentials(files);
    if (isSso(section) || /\bSSO\b/.test(said(err))) {
      throw new UsageError(
        'MRR_CREDENTIALS_E003',
        `The SSO session of profile ${profile} has expired or is not valid (${said(err)}). Next: \`aws sso login --profile ${profile}\`, then re-run`,
        { reason: 'sso-session', profile },
      );
    }
    if (section.role_arn) {
      // The SDK's words for a missing source profile are only "Could not load credentials from any providers".
      const base = section.source_profile;
      const why = base && !configFile[base] && !credentialsFile[base] ? `its source_profile ${base} is in neither file` : said(err);
      throw new UsageError(
        'MRR_CREDENTIALS_E004',
        `The role ${section.role_arn} of profile ${profile} could not be assumed: ${why}. ` +
          `Next: check its source_profile or credential_source and that they may assume the role (\`aws sts get-caller-identity --profile ${profile}\` shows the same error)`,
        { reason: 'assume-role', profile, roleArn: section.role_arn },
      );
    }
    throw new UsageError(
      'MRR_CREDENTIALS_E005',
      `The credentials of profile ${profile} could not be resolved: ${said(err)}. Next: \`aws sts get-caller-identity --profile ${profile}\` shows the same error; \`aws configure --profile ${profile}\` sets keys`,
      { reason: 'unresolved', profile },
    );
  }
}
