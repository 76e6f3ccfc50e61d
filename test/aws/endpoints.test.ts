/**
 * Where each service's calls go, decided from the command's environment and the config file it
 * names — the SDK's rules for configured endpoints, never reading process.env.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointFor } from '../../src/aws/endpoints.js';
import type { AwsTarget } from '../../src/aws/target.js';

const AWS: AwsTarget = { sandbox: false };
const home = mkdtempSync(join(tmpdir(), 'mrrctl-endpoints-'));
/** An environment whose HOME has no ~/.aws: only what a test adds counts. */
const bare = { HOME: home };

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mrrctl-endpoints-')), 'config');
  writeFileSync(path, text);
  return path;
}

describe('endpointFor', () => {
  it('takes --endpoint-url (the target) over anything in the environment', async () => {
    const env = { ...bare, AWS_ENDPOINT_URL: 'http://127.0.0.1:1111' };
    expect(await endpointFor({ endpoint: 'http://127.0.0.1:2222', sandbox: false }, 'KMS', env)).toBe('http://127.0.0.1:2222');
  });

  it('takes AWS_ENDPOINT_URL_<SERVICE ID> over AWS_ENDPOINT_URL, the service id in upper case with underscores', async () => {
    const env = {
      ...bare,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1111',
      AWS_ENDPOINT_URL_ROUTE_53: 'http://127.0.0.1:5353',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:4444',
    };
    expect(await endpointFor(AWS, 'Route 53', env)).toBe('http://127.0.0.1:5353');
    expect(await endpointFor(AWS, 'Cognito Identity Provider', env)).toBe('http://127.0.0.1:4444');
    expect(await endpointFor(AWS, 'KMS', env)).toBe('http://127.0.0.1:1111');
  });

  it('is undefined (the Regional endpoint) when nothing is configured, whatever process.env says', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9999';
    try {
      expect(await endpointFor(AWS, 'KMS', bare)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });

  it("reads the profile's services section, then its endpoint_url, from the config file the environment names", async () => {
    const path = configFile(
      ['[profile ops]', 'services = local', 'endpoint_url = http://127.0.0.1:7000', '', '[services local]', 'kms =', '  endpoint_url = http://127.0.0.1:7001', ''].join('\n'),
    );
    const env = { ...bare, AWS_CONFIG_FILE: path };
    const ops: AwsTarget = { sandbox: false, profile: 'ops' };
    expect(await endpointFor(ops, 'KMS', env)).toBe('http://127.0.0.1:7001');
    expect(await endpointFor(ops, 'Route 53', env)).toBe('http://127.0.0.1:7000');
    // The environment's variable wins over the profile.
    expect(await endpointFor(ops, 'KMS', { ...env, AWS_ENDPOINT_URL_KMS: 'http://127.0.0.1:7002' })).toBe('http://127.0.0.1:7002');
    // Another profile has none of it.
    expect(await endpointFor(AWS, 'KMS', env)).toBeUndefined();
  });

  it('ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile says so, the variable first', async () => {
    const path = configFile(['[default]', 'endpoint_url = http://127.0.0.1:7000', 'ignore_configured_endpoint_urls = true', ''].join('\n'));
    const env = { ...bare, AWS_CONFIG_FILE: path, AWS_ENDPOINT_URL: 'http://127.0.0.1:1111' };
    expect(await endpointFor(AWS, 'KMS', env)).toBeUndefined();
    expect(await endpointFor(AWS, 'KMS', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toBe('http://127.0.0.1:1111');
    expect(await endpointFor(AWS, 'KMS', { ...bare, AWS_ENDPOINT_URL: 'http://127.0.0.1:1111', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE' })).toBeUndefined();
  });
});
