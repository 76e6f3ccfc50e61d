import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrorCode } from '../../src/core/config/config-error.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { requireTopology, type LoadedConfig } from '../../src/core/config/topology.js';

function loaded(data: Record<string, unknown>, extra: Partial<LoadedConfig> = {}): LoadedConfig {
  return { config: validateConfig(data, { source: 'mrrctl.yaml' }), origins: {}, ...extra };
}

function topologyError(input: LoadedConfig): ConfigError {
  try {
    requireTopology(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    return error as ConfigError;
  }
  throw new Error('expected requireTopology to throw');
}

describe('requireTopology', () => {
  it('returns the pool and both Regions', () => {
    const input = loaded(
      { userPoolId: 'us-east-1_Ab12', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' },
      { file: '/w/mrrctl.yaml', fileLabel: 'mrrctl.yaml' },
    );
    expect(requireTopology(input)).toEqual({ userPoolId: 'us-east-1_Ab12', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' });
  });

  it('names every missing value with the flag and the key to set', () => {
    const error = topologyError(loaded({ primaryRegion: 'us-east-1' }, { file: '/w/prod.yaml', fileLabel: 'prod.yaml' }));
    expect(error.code).toBe(ConfigErrorCode.missingTopology);
    expect(error.message).toBe(
      [
        '2 configuration problems:',
        '  userPoolId: got nothing, expected --pool <id> or userPoolId in prod.yaml',
        '  secondaryRegion: got nothing, expected --secondary <region> or secondaryRegion in prod.yaml',
      ].join('\n'),
    );
  });

  it('says no file was found when there is none', () => {
    const error = topologyError(loaded({}));
    expect(error.issues.map((i) => i.field)).toEqual(['userPoolId', 'primaryRegion', 'secondaryRegion']);
    expect(error.issues[0].expected).toBe(
      '--pool <id> or userPoolId in mrrctl.yaml (no config file was found: --config, MRRCTL_CONFIG, ./mrrctl.yaml, ./mrrctl.yml, ./mrrctl.json)',
    );
  });

  it('rejects primary = secondary after flags, naming the flags', () => {
    // No file: both Regions came from flags, which the file validation never saw.
    const input = loaded(
      {},
      { origins: { userPoolId: { field: '--pool' }, primaryRegion: { field: '--primary' }, secondaryRegion: { field: '--secondary' } } },
    );
    const config = { ...input.config, userPoolId: 'us-east-1_Ab12', primaryRegion: 'us-east-1', secondaryRegion: 'us-east-1' };
    const error = topologyError({ ...input, config });
    expect(error.code).toBe(ConfigErrorCode.inconsistentTopology);
    expect(error.message).toBe(
      '--secondary: got "us-east-1", expected a Region other than the primary us-east-1 (--primary): replication needs a second Region',
    );
  });

  it('rejects a pool whose Region prefix is not the primary, naming both origins', () => {
    // The file is consistent; --pool moves the pool to another Region.
    const input = loaded(
      { userPoolId: 'us-east-1_Ab12', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' },
      {
        file: '/w/mrrctl.yaml',
        fileLabel: 'mrrctl.yaml',
        origins: { userPoolId: { field: '--pool' }, primaryRegion: { source: 'mrrctl.yaml', field: 'primaryRegion' } },
      },
    );
    const error = topologyError({ ...input, config: { ...input.config, userPoolId: 'eu-west-1_Ab12' } });
    expect(error.message).toBe(
      '--pool: got "eu-west-1_Ab12", expected a pool id of the primary Region us-east-1 (primaryRegion in mrrctl.yaml); ' +
        'this pool was created in eu-west-1, and the Region a pool was created in is its primary',
    );
  });

  it('rejects weighted DNS records that no longer cover the secondary chosen by flag', () => {
    const input = loaded(
      {
        userPoolId: 'us-east-1_Ab12',
        primaryRegion: 'us-east-1',
        secondaryRegion: 'eu-west-1',
        dns: {
          strategy: 'weighted',
          hostedZoneId: 'Z1',
          recordName: 'auth.example.com',
          records: { 'us-east-1': { type: 'CNAME', value: 'a.example.net' }, 'eu-west-1': { type: 'CNAME', value: 'b.example.net' } },
        },
      },
      { file: '/w/mrrctl.yaml', fileLabel: 'mrrctl.yaml', origins: { secondaryRegion: { field: '--secondary' } } },
    );
    const error = topologyError({ ...input, config: { ...input.config, secondaryRegion: 'eu-central-1' } });
    expect(error.message.split('\n')).toEqual([
      '2 configuration problems:',
      '  mrrctl.yaml: dns.records.eu-west-1: got "eu-west-1", expected a record for the primary us-east-1 or the secondary eu-central-1 only',
      '  mrrctl.yaml: dns.records.eu-central-1: got nothing, expected a record for the secondary Region eu-central-1 (--secondary): the weighted strategy needs one per Region',
    ]);
  });
});
