/**
 * The credentials chain fed from the command's environment: keys, then the named profile in the files
 * the environment names, never process.env. The network links (container, instance metadata) are
 * switched off through the environment, as an operator would.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialsFrom } from '../../src/aws/credentials.js';

/** A home without ~/.aws, and no instance metadata service to fall back on. */
function bareEnv(): Record<string, string> {
  return { HOME: mkdtempSync(join(tmpdir(), 'mrrctl-credentials-')), AWS_EC2_METADATA_DISABLED: 'true' };
}

function credentialsFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mrrctl-credentials-')), 'credentials');
  writeFileSync(path, text);
  return path;
}

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_SESSION_TOKEN: 'env-token' };
const PROFILES = '[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops-secret\n';

describe('credentialsFrom', () => {
  it("uses the environment's keys and session token when no profile is named", async () => {
    expect(await credentialsFrom({ ...bareEnv(), ...KEYS }, undefined)()).toEqual({ accessKeyId: 'AKIDFROMENV', secretAccessKey: 'env-secret', sessionToken: 'env-token' });
  });

  it('uses a named profile from the credentials file the environment names, over keys in the environment', async () => {
    const env = { ...bareEnv(), ...KEYS, AWS_SHARED_CREDENTIALS_FILE: credentialsFile(PROFILES) };
    expect(await credentialsFrom(env, 'ops')()).toMatchObject({ accessKeyId: 'AKIDOPS', secretAccessKey: 'ops-secret' });
  });

  it('falls back to the default profile when there are no keys and no profile is named', async () => {
    const env = { ...bareEnv(), AWS_SHARED_CREDENTIALS_FILE: credentialsFile(PROFILES) };
    expect(await credentialsFrom(env, undefined)()).toMatchObject({ accessKeyId: 'AKIDDEFAULT', secretAccessKey: 'default-secret' });
  });

  it('finds nothing when the environment has nothing, even with keys and a profile in process.env', async () => {
    const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SHARED_CREDENTIALS_FILE'] as const;
    const saved = names.map((name) => [name, process.env[name]] as const);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDPROCESS', AWS_SECRET_ACCESS_KEY: 'process-secret', AWS_SHARED_CREDENTIALS_FILE: credentialsFile(PROFILES) });
    try {
      await expect(credentialsFrom(bareEnv(), undefined)()).rejects.toThrow('Could not load credentials from any providers');
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('resolves once for every client of a command', async () => {
    const provider = credentialsFrom({ ...bareEnv(), ...KEYS }, undefined);
    expect(await provider()).toBe(await provider());
  });
});
