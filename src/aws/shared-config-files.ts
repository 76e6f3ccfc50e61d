/**
 * Where the shared AWS config and credentials files are, decided from the command's environment
 * (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, HOME) instead of the SDK's look at process.env.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AwsEnv } from './target.js';

/** Named as the SDK's shared-ini loader and credential providers name them, so they pass straight in. */
export interface SharedConfigFiles {
  /** The credentials file. */
  filepath: string;
  /** The config file. */
  configFilepath: string;
}

/** The SDK's own rule: a profile named nowhere is "default". */
export const DEFAULT_PROFILE = 'default';

function homeOf(env: AwsEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  // An environment without any home variable: the account's home directory, as the SDK does.
  return homedir();
}

/** `~/x` resolved against the environment's home, as the SDK resolves it against its own. */
function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

export function sharedConfigFiles(env: AwsEnv): SharedConfigFiles {
  const home = homeOf(env);
  return {
    filepath: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), home),
    configFilepath: expandHome(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), home),
  };
}
