import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrorCode } from '../../src/core/config/config-error.js';
import { isRegionName, isUserPoolId, userPoolRegion } from '../../src/core/config/schema.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { InputError } from '../../src/core/errors.js';

const FILE = 'mrrctl.yaml';

/** The contract's example file, as data. */
function example(): Record<string, any> {
  return {
    userPoolId: 'us-east-1_Ab12Cd34',
    primaryRegion: 'us-east-1',
    secondaryRegion: 'eu-west-1',
    key: { alias: 'alias/cognito-mrr' },
    dns: {
      strategy: 'weighted',
      hostedZoneId: 'Z0123456789ABC',
      recordName: 'auth.example.com',
      records: {
        'us-east-1': { type: 'CNAME', value: 'primary.example.net', healthCheckId: 'hc-primary' },
        'eu-west-1': { type: 'CNAME', value: 'secondary.example.net', healthCheckId: 'hc-secondary' },
      },
    },
    guards: { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true },
    probe: { clientId: '1abcdefghij' },
    drift: {
      allow: [{ path: 'secondary.LambdaConfig.CustomMessage', reason: 'custom messages are English-only in eu-west-1' }],
    },
  };
}

function configError(data: unknown): ConfigError {
  try {
    validateConfig(data, { source: FILE });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(InputError);
    const configError = error as ConfigError;
    expect(configError.exitCode).toBe(2);
    expect(configError.code).toBe(ConfigErrorCode.invalid);
    return configError;
  }
  throw new Error('expected validateConfig to throw');
}

/** The one issue's line names the file, the field, the value and the expectation. */
function expectSingleIssue(data: unknown, field: string, value: string, expected: string | RegExp): ConfigError {
  const error = configError(data);
  expect(error.issues.map((i) => i.field)).toEqual([field]);
  expect(error.message.startsWith(`${FILE}: ${field}: got ${value}, expected `)).toBe(true);
  expect(error.message).toMatch(expected);
  expect(error.details.issues[0]).toMatchObject({ source: FILE, field });
  return error;
}

describe('validateConfig: a valid file', () => {
  it('accepts the contract example unchanged', () => {
    const config = validateConfig(example(), { source: FILE });
    expect(config.userPoolId).toBe('us-east-1_Ab12Cd34');
    expect(config.dns?.records?.['eu-west-1']).toEqual({
      type: 'CNAME',
      value: 'secondary.example.net',
      healthCheckId: 'hc-secondary',
    });
    expect(config.drift.allow[0].reason).toBe('custom messages are English-only in eu-west-1');
  });

  it('fills in the guard defaults and an empty allow list for an empty file', () => {
    expect(validateConfig(null, { source: FILE })).toEqual({
      guards: { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true },
      drift: { allow: [] },
    });
    const partial = validateConfig({ guards: { cooldownSeconds: 60 } }, { source: FILE });
    expect(partial.guards).toEqual({ minUnhealthySeconds: 180, cooldownSeconds: 60, requireDriftClean: true });
  });

  it('accepts the cognito-domain strategy with a health check and no records', () => {
    const data = example();
    data.dns = { strategy: 'cognito-domain', hostedZoneId: 'Z1', recordName: 'auth.example.com', healthCheckId: 'hc-1' };
    expect(validateConfig(data, { source: FILE }).dns?.strategy).toBe('cognito-domain');
  });
});

describe('validateConfig: unknown keys', () => {
  it('rejects an unknown top-level key and suggests the right one', () => {
    const data = { ...example(), secondaryregion: 'eu-west-2' };
    expectSingleIssue(data, 'secondaryregion', '"eu-west-2"', /a known key \(did you mean secondaryRegion\?\).*not one of userPoolId/);
  });

  it('rejects unknown keys in nested mappings, naming their full path', () => {
    const data = example();
    data.guards.cooldown = 60;
    data.dns.records['eu-west-1'].weight = 10;
    data.drift.allow[0].expiry = '2027-01-01';
    const error = configError(data);
    expect(error.issues.map((i) => i.field).sort()).toEqual([
      'dns.records.eu-west-1.weight',
      'drift.allow[0].expiry',
      'guards.cooldown',
    ]);
    expect(error.message).toContain(
      `${FILE}: guards.cooldown: got 60, expected a known key (did you mean cooldownSeconds?)`,
    );
    expect(error.message).toContain(`${FILE}: dns.records.eu-west-1.weight: got 10, expected a known key`);
    expect(error.message).toContain('(did you mean expires?)');
  });
});

describe('Region names', () => {
  it.each(['us-east-1', 'eu-west-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'il-central-1', 'eusc-de-east-1'])(
    'accepts %s',
    (name) => expect(isRegionName(name)).toBe(true),
  );
  it.each(['us-eats-1', 'US-EAST-1', 'useast1', 'us-east', 'us-east-1a', 'xx-east-1', '', 'us-east-1 '])('rejects %j', (name) =>
    expect(isRegionName(name)).toBe(false),
  );

  it('names the field, the value and suggests the closest known Region', () => {
    const data = { ...example(), primaryRegion: 'us-eats-1', userPoolId: undefined };
    expectSingleIssue(
      data,
      'primaryRegion',
      '"us-eats-1"',
      'expected an AWS Region name such as us-east-1 (did you mean us-east-1?)',
    );
  });

  it('rejects a Region of the wrong type', () => {
    expectSingleIssue({ secondaryRegion: 42 }, 'secondaryRegion', '42', /expected an AWS Region name such as us-east-1/);
  });
});

describe('user pool ids', () => {
  it('recognises <Region>_<id> and nothing else', () => {
    expect(isUserPoolId('us-east-1_Ab12Cd34')).toBe(true);
    expect(isUserPoolId('eu-west-1_x')).toBe(true);
    expect(isUserPoolId('us-east-1Ab12Cd34')).toBe(false);
    expect(isUserPoolId('us-east-1_Ab-12')).toBe(false);
    expect(isUserPoolId('nowhere-1_Ab12Cd34')).toBe(false);
    expect(isUserPoolId(`us-east-1_${'a'.repeat(46)}`)).toBe(false); // 56 characters
    expect(isUserPoolId(`us-east-1_${'a'.repeat(45)}`)).toBe(true); // 55 characters
    expect(userPoolRegion('ap-southeast-2_Xy')).toBe('ap-southeast-2');
  });

  it('reports a malformed pool id with the expected shape', () => {
    expectSingleIssue(
      { userPoolId: 'us-east-1-Ab12' },
      'userPoolId',
      '"us-east-1-Ab12"',
      /expected a user pool id such as us-east-1_Ab12Cd34 \(<Region>_<letters and digits>, at most 55 characters\)$/,
    );
  });

  it('says when the prefix is not a Region', () => {
    expectSingleIssue({ userPoolId: 'mars-1_Ab12' }, 'userPoolId', '"mars-1_Ab12"', /"mars-1" is not an AWS Region name/);
  });
});

describe('topology relations in the file', () => {
  it('rejects primary = secondary', () => {
    const data = { ...example(), secondaryRegion: 'us-east-1', dns: undefined };
    expectSingleIssue(
      data,
      'secondaryRegion',
      '"us-east-1"',
      'expected a Region other than the primary us-east-1 (primaryRegion in mrrctl.yaml)',
    );
  });

  it('rejects a pool created in another Region than the primary, naming both', () => {
    const data = { ...example(), userPoolId: 'eu-west-1_Ab12Cd34' };
    expectSingleIssue(
      data,
      'userPoolId',
      '"eu-west-1_Ab12Cd34"',
      /expected a pool id of the primary Region us-east-1 \(primaryRegion in mrrctl.yaml\); this pool was created in eu-west-1/,
    );
  });
});

describe('key', () => {
  it.each([
    ['cognito-mrr', 'missing alias/ prefix'],
    ['alias/aws/cognito', 'AWS-managed alias'],
    ['alias/bad name', 'space'],
  ])('rejects alias %j (%s)', (alias) => {
    expectSingleIssue({ key: { alias } }, 'key.alias', JSON.stringify(alias), /expected a KMS alias name such as alias\/cognito-mrr/);
  });

  it('requires the alias and checks an optional ARN', () => {
    expectSingleIssue({ key: {} }, 'key.alias', 'nothing', /expected a KMS alias name/);
    expectSingleIssue({ key: { alias: 'alias/x', arn: 'mrk-123' } }, 'key.arn', '"mrk-123"', /expected a KMS key or alias ARN/);
    const arn = 'arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab';
    expect(validateConfig({ key: { alias: 'alias/x', arn } }, { source: FILE }).key?.arn).toBe(arn);
  });
});

describe('dns', () => {
  it('weighted: requires a record for each Region', () => {
    const data = example();
    delete data.dns.records['eu-west-1'];
    expectSingleIssue(
      data,
      'dns.records.eu-west-1',
      'nothing',
      'expected a record for the secondary Region eu-west-1 (secondaryRegion in mrrctl.yaml): the weighted strategy needs one per Region',
    );
    delete data.dns.records;
    expectSingleIssue(data, 'dns.records', 'nothing', /expected a record per Region \(primary and secondary\)/);
  });

  it('weighted: rejects a record for a third Region or a non-Region key', () => {
    const data = example();
    data.dns.records['eu-west-2'] = { type: 'CNAME', value: 'x.example.net' };
    data.dns.records['eu-wset-1'] = { type: 'CNAME', value: 'y.example.net' };
    const error = configError(data);
    expect(error.message).toContain(
      `${FILE}: dns.records.eu-west-2: got "eu-west-2", expected a record for the primary us-east-1 or the secondary eu-west-1 only`,
    );
    expect(error.message).toContain(
      `${FILE}: dns.records.eu-wset-1: got "eu-wset-1", expected a Region name as the key: an AWS Region name such as us-east-1 (did you mean eu-west-1?)`,
    );
  });

  it('checks record values against their type', () => {
    const data = example();
    data.dns.records['us-east-1'] = { type: 'A', value: 'primary.example.net' };
    data.dns.records['eu-west-1'] = { type: 'MX', value: '10 mail.example.net' };
    const error = configError(data);
    expect(error.message).toContain(
      `${FILE}: dns.records.us-east-1.value: got "primary.example.net", expected an IPv4 address for an A record`,
    );
    expect(error.message).toContain(`${FILE}: dns.records.eu-west-1.type: got "MX", expected one of CNAME, A, AAAA, ALIAS`);
  });

  it('cognito-domain: requires the health check id', () => {
    const data = example();
    data.dns = { strategy: 'cognito-domain', hostedZoneId: 'Z1', recordName: 'auth.example.com' };
    expectSingleIssue(data, 'dns.healthCheckId', 'nothing', /PrimaryRoute53HealthCheckId.*cognito-domain strategy/);
  });

  it('rejects an unknown strategy, a bad zone id and a bad record name together', () => {
    const data = example();
    data.dns.strategy = 'failover';
    data.dns.hostedZoneId = 'z-lower';
    data.dns.recordName = 'auth example.com';
    const error = configError(data);
    expect(error.message.split('\n').slice(1)).toEqual([
      `  ${FILE}: dns.strategy: got "failover", expected weighted, cognito-domain or arc-routing-control`,
      `  ${FILE}: dns.hostedZoneId: got "z-lower", expected a Route 53 hosted zone id such as Z0123456789ABC`,
      `  ${FILE}: dns.recordName: got "auth example.com", expected a DNS name such as auth.example.com`,
    ]);
  });
});

describe('guards', () => {
  it('rejects negative, fractional and quoted numbers and non-booleans', () => {
    const error = configError({
      guards: { minUnhealthySeconds: -1, cooldownSeconds: '1800', requireDriftClean: 'yes' },
    });
    expect(error.message).toContain(`${FILE}: guards.minUnhealthySeconds: got -1, expected a whole number of seconds, 0 or more`);
    expect(error.message).toContain(`${FILE}: guards.cooldownSeconds: got "1800", expected a whole number of seconds, 0 or more`);
    expect(error.message).toContain(`${FILE}: guards.requireDriftClean: got "yes", expected true or false`);
    expectSingleIssue({ guards: { cooldownSeconds: 1.5 } }, 'guards.cooldownSeconds', '1.5', /whole number/);
  });
});

describe('probe', () => {
  it('rejects a client secret in the file, points at the environment variable and never echoes it', () => {
    const error = expectSingleIssue(
      { probe: { clientId: 'abc', clientSecret: 's3cr3t-value' } },
      'probe.clientSecret',
      '"<redacted>"',
      'expected no secret in the config file: the probe client secret comes from the MRRCTL_PROBE_CLIENT_SECRET environment variable, never the file',
    );
    expect(JSON.stringify(error.details)).not.toContain('s3cr3t-value');
    expect(error.message).not.toContain('s3cr3t-value');
  });

  it('hints at quoting an all-digit client id that YAML read as a number', () => {
    expectSingleIssue({ probe: { clientId: 12345 } }, 'probe.clientId', '12345', /app client id .*quote the value/);
  });
});

describe('drift.allow', () => {
  it('requires a non-empty reason', () => {
    expectSingleIssue(
      { drift: { allow: [{ path: 'secondary.LambdaConfig.PreSignUp', reason: '  ' }] } },
      'drift.allow[0].reason',
      '"  "',
      'expected a non-empty reason why this difference is expected',
    );
    expectSingleIssue({ drift: { allow: [{ path: 'x' }] } }, 'drift.allow[0].reason', 'nothing', /non-empty reason/);
  });

  it('parses expires: a date lasts through that day (UTC); a past date is still valid config', () => {
    const config = validateConfig(
      {
        drift: {
          allow: [
            { path: 'a', reason: 'r', expires: '2026-12-31' },
            { path: 'b', reason: 'r', expires: '2026-12-31T18:00:00+02:00' },
            { path: 'c', reason: 'r', expires: '2001-01-01' },
          ],
        },
      },
      { source: FILE },
    );
    expect(config.drift.allow.map((a) => a.expires?.toISOString())).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2001-01-02T00:00:00.000Z',
    ]);
  });

  it('rejects an impossible date', () => {
    expectSingleIssue(
      { drift: { allow: [{ path: 'a', reason: 'r', expires: '2026-02-30' }] } },
      'drift.allow[0].expires',
      '"2026-02-30"',
      'expected an ISO 8601 date such as 2026-12-31 or date-time such as 2026-12-31T18:00:00Z',
    );
  });
});

describe('all problems at once', () => {
  it('lists every issue on its own line and in details.issues', () => {
    const data = example();
    data.primaryRegion = 'us-eats-1';
    data.userPoolId = 'pool';
    data.key.alias = 'cognito-mrr';
    data.extra = true;
    data.guards.cooldownSeconds = -1;
    const error = configError(data);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('5 configuration problems:');
    expect(lines).toHaveLength(6);
    expect(error.details.issues.map((i) => i.field)).toEqual([
      'userPoolId',
      'primaryRegion',
      'key.alias',
      'guards.cooldownSeconds',
      'extra',
    ]);
    for (const issue of error.details.issues) {
      expect(issue).toEqual(expect.objectContaining({ field: expect.any(String), expected: expect.any(String) }));
      expect(issue).toHaveProperty('value');
    }
    expect(error.details.issues[1]).toMatchObject({ field: 'primaryRegion', value: 'us-eats-1' });
  });

  it('rejects a file that is not a mapping', () => {
    const error = configError(['us-east-1']);
    expect(error.message).toBe(
      `${FILE}: got ["us-east-1"], expected a mapping of settings such as userPoolId, primaryRegion, secondaryRegion`,
    );
  });
});
