import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, requireTopology, type LoadConfigOptions } from '../../src/cli/config-loader.js';
import { ConfigError, ConfigErrorCode } from '../../src/core/config/config-error.js';

const TOPOLOGY_YAML = ['userPoolId: us-east-1_Ab12Cd34', 'primaryRegion: us-east-1', 'secondaryRegion: eu-west-1', ''].join('\n');

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mrrctl-config-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(cwd, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
}

function load(flags: LoadConfigOptions['flags'] = {}, env: LoadConfigOptions['env'] = {}, readFile?: LoadConfigOptions['readFile']) {
  return loadConfig({ flags, env, cwd, readFile });
}

async function loadError(promise: Promise<unknown>, code: string): Promise<ConfigError> {
  const error = await promise.then(
    () => {
      throw new Error('expected loadConfig to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).exitCode).toBe(2);
  expect((error as ConfigError).code).toBe(code);
  return error as ConfigError;
}

describe('lookup order', () => {
  it('without any file: an empty config with defaults, and requireTopology names what is missing', async () => {
    const loaded = await load();
    expect(loaded.file).toBeUndefined();
    expect(loaded.config).toEqual({
      guards: { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true },
      drift: { allow: [] },
    });
    expect(() => requireTopology(loaded)).toThrow(/^3 configuration problems:\n  userPoolId: got nothing, expected --pool <id> or userPoolId in mrrctl\.yaml/);
  });

  it('reads ./mrrctl.yaml, then ./mrrctl.yml, then ./mrrctl.json', async () => {
    await write('mrrctl.json', JSON.stringify({ primaryRegion: 'ap-south-1' }));
    expect((await load()).config.primaryRegion).toBe('ap-south-1');
    await write('mrrctl.yml', 'primaryRegion: ap-northeast-1\n');
    expect((await load()).config.primaryRegion).toBe('ap-northeast-1');
    await write('mrrctl.yaml', 'primaryRegion: ap-southeast-2\n');
    const loaded = await load();
    expect(loaded.config.primaryRegion).toBe('ap-southeast-2');
    expect(loaded.file).toBe(join(cwd, 'mrrctl.yaml'));
    expect(loaded.fileLabel).toBe('mrrctl.yaml');
  });

  it('MRRCTL_CONFIG wins over the default files (relative to cwd); an empty value is ignored', async () => {
    await write('mrrctl.yaml', 'primaryRegion: us-east-1\n');
    await write('envs/prod.yaml', 'primaryRegion: eu-west-1\n');
    expect((await load({}, { MRRCTL_CONFIG: 'envs/prod.yaml' })).config.primaryRegion).toBe('eu-west-1');
    expect((await load({}, { MRRCTL_CONFIG: '' })).config.primaryRegion).toBe('us-east-1');
  });

  it('--config wins over MRRCTL_CONFIG', async () => {
    await write('a.yaml', 'primaryRegion: us-west-2\n');
    await write('b.yaml', 'primaryRegion: eu-north-1\n');
    const loaded = await load({ config: 'b.yaml' }, { MRRCTL_CONFIG: join(cwd, 'a.yaml') });
    expect(loaded.config.primaryRegion).toBe('eu-north-1');
    expect(loaded.file).toBe(join(cwd, 'b.yaml'));
    expect(loaded.fileLabel).toBe('b.yaml');
  });

  it('a --config file that does not exist is an error naming it, even when ./mrrctl.yaml exists', async () => {
    await write('mrrctl.yaml', TOPOLOGY_YAML);
    const error = await loadError(load({ config: 'prod.yaml' }), ConfigErrorCode.unreadable);
    expect(error.message).toBe(`--config: got "prod.yaml", expected a readable config file (${join(cwd, 'prod.yaml')} does not exist)`);
  });

  it('an MRRCTL_CONFIG file that does not exist is an error naming the variable', async () => {
    const error = await loadError(load({}, { MRRCTL_CONFIG: 'gone.json' }), ConfigErrorCode.unreadable);
    expect(error.message).toBe(`MRRCTL_CONFIG: got "gone.json", expected a readable config file (${join(cwd, 'gone.json')} does not exist)`);
  });

  it('a directory is not a config file', async () => {
    await mkdir(join(cwd, 'conf'));
    const error = await loadError(load({ config: 'conf' }), ConfigErrorCode.unreadable);
    expect(error.message).toBe(`--config: got "conf", expected a readable config file (${join(cwd, 'conf')} is a directory, not a regular file)`);
  });

  it('an unreadable default file is an error, not silently skipped', async () => {
    // Injected reader: permission bits do not stop root, which CI containers often are.
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const error = await loadError(
      load({}, {}, async () => {
        throw denied;
      }),
      ConfigErrorCode.unreadable,
    );
    expect(error.message).toBe(
      `mrrctl.yaml: file: got "${join(cwd, 'mrrctl.yaml')}", expected a readable config file (${join(cwd, 'mrrctl.yaml')} is not readable: permission denied)`,
    );
  });
});

describe('file contents', () => {
  it('loads a JSON file and validates it like YAML', async () => {
    await write('good.json', JSON.stringify({ primaryRegion: 'us-east-1', key: { alias: 'alias/mrr' } }));
    const good = await load({ config: 'good.json' });
    expect(good.config.key).toEqual({ alias: 'alias/mrr' });
    expect(good.fileLabel).toBe('good.json');
    await write('topology.json', JSON.stringify({ primaryRegion: 'us-east-1', secondaryRegion: 'us-east-1' }, null, 2));
    const error = await loadError(load({ config: 'topology.json' }), ConfigErrorCode.invalid);
    expect(error.message).toBe(
      'topology.json:3:22: secondaryRegion: got "us-east-1", expected a Region other than the primary us-east-1 (primaryRegion in topology.json): replication needs a second Region',
    );
  });

  it('reports a JSON syntax error with line and column', async () => {
    await write('mrrctl.json', '{\n  "primaryRegion": "us-east-1"\n  "secondaryRegion": "eu-west-1"\n}\n');
    const error = await loadError(load(), ConfigErrorCode.syntax);
    expect(error.message).toMatch(/^mrrctl\.json:3:3: JSON syntax: got "\\"secondaryRegion\\": \\"eu-west-1\\"", expected valid JSON: /);
  });

  it('reports a YAML syntax error with line and column', async () => {
    await write('mrrctl.yaml', 'userPoolId: us-east-1_Ab12Cd34\ndns:\n  strategy: weighted\n records: {}\n');
    const error = await loadError(load(), ConfigErrorCode.syntax);
    expect(error.issues[0]).toMatchObject({ source: 'mrrctl.yaml', field: 'YAML syntax', line: 4 });
    expect(error.message).toMatch(/^mrrctl\.yaml:4:\d+: YAML syntax: got "records: \{\}", expected valid YAML: /);
  });

  it('reports unknown keys at their line', async () => {
    await write('mrrctl.yaml', `${TOPOLOGY_YAML}probe:\n  clientId: abc\n  clientSecret: hunter2\n`);
    const error = await loadError(load(), ConfigErrorCode.invalid);
    expect(error.message).toBe(
      'mrrctl.yaml:6:3: probe.clientSecret: got "<redacted>", expected no secret in the config file: ' +
        'the probe client secret comes from the MRRCTL_PROBE_CLIENT_SECRET environment variable, never the file',
    );
  });

  it('reports every problem of the file at once', async () => {
    await write(
      'mrrctl.yaml',
      ['userPoolId: us-east-1_Ab12Cd34', 'primaryRegion: us-eats-1', 'secondaryRegion: eu-west-1', 'colour: blue', 'guards:', '  cooldownSeconds: -1', ''].join('\n'),
    );
    const error = await loadError(load(), ConfigErrorCode.invalid);
    expect(error.message.split('\n')).toEqual([
      '3 configuration problems:',
      '  mrrctl.yaml:2:16: primaryRegion: got "us-eats-1", expected an AWS Region name such as us-east-1 (did you mean us-east-1?)',
      '  mrrctl.yaml:4:1: colour: got "blue", expected a known key: "colour" is not one of userPoolId, primaryRegion, secondaryRegion, key, dns, guards, probe, drift at the top level',
      '  mrrctl.yaml:6:20: guards.cooldownSeconds: got -1, expected a whole number of seconds, 0 or more',
    ]);
    expect(error.details.issues).toHaveLength(3);
  });

  it('an empty file is an empty config', async () => {
    await write('mrrctl.yaml', '# nothing yet\n');
    const loaded = await load();
    expect(loaded.file).toBe(join(cwd, 'mrrctl.yaml'));
    expect(loaded.config.guards.cooldownSeconds).toBe(1800);
  });
});

describe('flag overrides', () => {
  it('--pool, --primary and --secondary override the file and are recorded as the origin', async () => {
    await write('mrrctl.yaml', TOPOLOGY_YAML);
    const loaded = await load({ secondary: 'eu-central-1' });
    expect(requireTopology(loaded)).toEqual({ userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1', secondaryRegion: 'eu-central-1' });
    expect(loaded.origins).toEqual({
      userPoolId: { source: 'mrrctl.yaml', field: 'userPoolId' },
      primaryRegion: { source: 'mrrctl.yaml', field: 'primaryRegion' },
      secondaryRegion: { field: '--secondary' },
    });
    const all = await load({ pool: 'eu-west-2_Zz9', primary: 'eu-west-2', secondary: 'eu-west-3' });
    expect(requireTopology(all)).toEqual({ userPoolId: 'eu-west-2_Zz9', primaryRegion: 'eu-west-2', secondaryRegion: 'eu-west-3' });
  });

  it('flags alone are enough without a file', async () => {
    const loaded = await load({ pool: 'us-east-2_Q1', primary: 'us-east-2', secondary: 'us-west-2' });
    expect(requireTopology(loaded)).toEqual({ userPoolId: 'us-east-2_Q1', primaryRegion: 'us-east-2', secondaryRegion: 'us-west-2' });
  });

  it('validates flag values the same way, naming each flag', async () => {
    const error = await loadError(load({ pool: 'us-east-1-Ab12', primary: 'us-eats-1', secondary: 'EU-WEST-1' }), ConfigErrorCode.badFlag);
    expect(error.message.split('\n')).toEqual([
      '3 configuration problems:',
      '  --pool: got "us-east-1-Ab12", expected a user pool id such as us-east-1_Ab12Cd34 (<Region>_<letters and digits>, at most 55 characters)',
      '  --primary: got "us-eats-1", expected an AWS Region name such as us-east-1 (did you mean us-east-1?)',
      '  --secondary: got "EU-WEST-1", expected an AWS Region name such as us-east-1 (did you mean eu-west-1?)',
    ]);
  });

  it('reports bad flags together with the file problems', async () => {
    await write('mrrctl.yaml', 'primaryRegion: moon-1\n');
    const error = await loadError(load({ secondary: 'mars-2' }), ConfigErrorCode.invalid);
    expect(error.message.split('\n')).toEqual([
      '2 configuration problems:',
      '  --secondary: got "mars-2", expected an AWS Region name such as us-east-1',
      '  mrrctl.yaml:1:16: primaryRegion: got "moon-1", expected an AWS Region name such as us-east-1',
    ]);
  });

  it('requireTopology: a --primary that is not the pool\'s Region is an error naming both', async () => {
    await write('mrrctl.yaml', TOPOLOGY_YAML);
    const loaded = await load({ primary: 'eu-central-1' });
    expect(() => requireTopology(loaded)).toThrow(
      'mrrctl.yaml: userPoolId: got "us-east-1_Ab12Cd34", expected a pool id of the primary Region eu-central-1 (--primary); ' +
        'this pool was created in us-east-1, and the Region a pool was created in is its primary',
    );
  });

  it('requireTopology: a --secondary equal to the primary is an error', async () => {
    await write('mrrctl.yaml', TOPOLOGY_YAML);
    const loaded = await load({ secondary: 'us-east-1' });
    let caught: unknown;
    try {
      requireTopology(loaded);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).exitCode).toBe(2);
    expect((caught as ConfigError).code).toBe(ConfigErrorCode.inconsistentTopology);
    expect((caught as ConfigError).message).toBe(
      '--secondary: got "us-east-1", expected a Region other than the primary us-east-1 (primaryRegion in mrrctl.yaml): replication needs a second Region',
    );
  });
});
