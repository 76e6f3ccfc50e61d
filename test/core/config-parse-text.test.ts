import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrorCode } from '../../src/core/config/config-error.js';
import { configFormatOf, parseConfigText } from '../../src/core/config/parse-text.js';
import { validateConfig } from '../../src/core/config/validate.js';

function syntaxError(text: string, source: string, format: 'yaml' | 'json'): ConfigError {
  try {
    parseConfigText(text, { source, format });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as ConfigError).code).toBe(ConfigErrorCode.syntax);
    return error as ConfigError;
  }
  throw new Error('expected a syntax error');
}

describe('configFormatOf', () => {
  it('reads .json as JSON and everything else as YAML', () => {
    expect(configFormatOf('/x/mrrctl.json')).toBe('json');
    expect(configFormatOf('PROD.JSON')).toBe('json');
    expect(configFormatOf('mrrctl.yaml')).toBe('yaml');
    expect(configFormatOf('mrrctl.yml')).toBe('yaml');
    expect(configFormatOf('topology.conf')).toBe('yaml');
  });
});

describe('YAML', () => {
  it('parses YAML into plain data, keeping dates as strings', () => {
    const { data } = parseConfigText('primaryRegion: us-east-1\ndrift:\n  allow:\n    - {path: a, reason: b, expires: 2026-12-31}\n', {
      source: 'mrrctl.yaml',
      format: 'yaml',
    });
    expect(data).toEqual({ primaryRegion: 'us-east-1', drift: { allow: [{ path: 'a', reason: 'b', expires: '2026-12-31' }] } });
  });

  it('reports a syntax error with file:line:column, the offending line and the parser reason', () => {
    const text = 'userPoolId: us-east-1_Ab12Cd34\nkey:\n  alias: alias/x: y\n';
    const error = syntaxError(text, 'mrrctl.yaml', 'yaml');
    expect(error.issues[0]).toMatchObject({ source: 'mrrctl.yaml', field: 'YAML syntax', line: 3, value: 'alias: alias/x: y' });
    expect(error.message).toMatch(
      /^mrrctl\.yaml:3:\d+: YAML syntax: got "alias: alias\/x: y", expected valid YAML: Nested mappings are not allowed in compact mappings/,
    );
  });

  it('reports a duplicate key', () => {
    const error = syntaxError('primaryRegion: us-east-1\nprimaryRegion: eu-west-1\n', 'conf/prod.yaml', 'yaml');
    expect(error.message).toBe(
      'conf/prod.yaml:2:1: YAML syntax: got "primaryRegion: eu-west-1", expected valid YAML: Map keys must be unique',
    );
  });

  it('does not echo a line that may hold a secret', () => {
    const error = syntaxError('probe:\n  clientSecret: "abc\n', 'mrrctl.yaml', 'yaml');
    expect(error.message).not.toContain('abc');
  });

  it('locates fields so validation errors carry line:column', () => {
    const text = ['userPoolId: us-east-1_Ab12Cd34', 'primaryRegion: us-eats-1', 'guards:', '  cooldwnSeconds: 5', ''].join('\n');
    const { data, locate } = parseConfigText(text, { source: 'mrrctl.yaml', format: 'yaml' });
    expect(locate(['primaryRegion'])).toEqual({ line: 2, column: 16 });
    expect(locate(['guards', 'cooldwnSeconds'], 'key')).toEqual({ line: 4, column: 3 });
    expect(locate(['guards', 'missing'])).toEqual({ line: 3, column: 1 });
    expect(() => validateConfig(data, { source: 'mrrctl.yaml', locate })).toThrow(
      [
        '2 configuration problems:',
        '  mrrctl.yaml:2:16: primaryRegion: got "us-eats-1", expected an AWS Region name such as us-east-1 (did you mean us-east-1?)',
        '  mrrctl.yaml:4:3: guards.cooldwnSeconds: got 5, expected a known key (did you mean cooldownSeconds?): "cooldwnSeconds" is not one of minUnhealthySeconds, cooldownSeconds, requireDriftClean in guards',
      ].join('\n'),
    );
  });
});

describe('JSON', () => {
  it('parses JSON and still locates fields', () => {
    const text = '{\n  "primaryRegion": "us-east-1",\n  "secondaryRegion": "eu-west-1"\n}\n';
    const { data, locate } = parseConfigText(text, { source: 'mrrctl.json', format: 'json' });
    expect(data).toEqual({ primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' });
    expect(locate(['secondaryRegion'])).toEqual({ line: 3, column: 22 });
  });

  it('reports a syntax error with file:line:column', () => {
    const text = '{\n  "primaryRegion": "us-east-1",\n}\n';
    const error = syntaxError(text, 'mrrctl.json', 'json');
    expect(error.issues[0]).toMatchObject({ source: 'mrrctl.json', field: 'JSON syntax', line: 3, column: 1, value: '}' });
    expect(error.message).toMatch(/^mrrctl\.json:3:1: JSON syntax: got "}", expected valid JSON: \S/);
  });

  it('reports a truncated file at its end', () => {
    const error = syntaxError('{\n  "primaryRegion": "us-east-1"', 'mrrctl.json', 'json');
    expect(error.issues[0]).toMatchObject({ line: 2, column: 31 });
    expect(error.message).toMatch(/^mrrctl\.json:2:31: JSON syntax: got .*, expected valid JSON: /);
  });
});
