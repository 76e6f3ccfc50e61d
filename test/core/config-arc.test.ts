import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrorCode } from '../../src/core/config/config-error.js';
import { parseConfigText } from '../../src/core/config/parse-text.js';
import { requireTopology } from '../../src/core/config/topology.js';
import { validateConfig } from '../../src/core/config/validate.js';

const FILE = 'mrrctl.yaml';
const CLUSTER = 'arn:aws:route53-recovery-control::111122223333:cluster/4c2b1f9e-0000-4000-8000-000000000001';
const RC_PRIMARY = 'arn:aws:route53-recovery-control::111122223333:controlpanel/cp0001/routingcontrol/rc0001';
const RC_SECONDARY = 'arn:aws:route53-recovery-control::111122223333:controlpanel/cp0001/routingcontrol/rc0002';

const YAML = `userPoolId: us-east-1_Ab12Cd34
primaryRegion: us-east-1
secondaryRegion: eu-west-1
dns:
  strategy: arc-routing-control
  hostedZoneId: Z0123456789ABC
  recordName: auth.example.com
  arc:
    clusterArn: ${CLUSTER}
    endpoints:
      - { region: us-east-1, url: https://host-aaaaaa.us-east-1.example.aws/v1 }
      - { region: eu-west-1, url: https://host-bbbbbb.eu-west-1.example.aws/v1 }
    routingControls:
      us-east-1: ${RC_PRIMARY}
      eu-west-1: ${RC_SECONDARY}
    safetyRules: [at-least-one-on]
`;

function arcExample(): Record<string, any> {
  return {
    userPoolId: 'us-east-1_Ab12Cd34',
    primaryRegion: 'us-east-1',
    secondaryRegion: 'eu-west-1',
    dns: {
      strategy: 'arc-routing-control',
      hostedZoneId: 'Z0123456789ABC',
      recordName: 'auth.example.com',
      arc: { clusterArn: CLUSTER, routingControls: { 'us-east-1': RC_PRIMARY, 'eu-west-1': RC_SECONDARY } },
    },
  };
}

function configError(data: unknown): ConfigError {
  try {
    validateConfig(data, { source: FILE });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    return error as ConfigError;
  }
  throw new Error('expected validateConfig to throw');
}

describe('dns.strategy arc-routing-control', () => {
  it('parses the documented YAML, endpoints and safety rules included', () => {
    const { data, locate } = parseConfigText(YAML, { source: FILE, format: 'yaml' });
    const config = validateConfig(data, { source: FILE, locate });
    expect(config.dns).toEqual({
      strategy: 'arc-routing-control',
      hostedZoneId: 'Z0123456789ABC',
      recordName: 'auth.example.com',
      arc: {
        clusterArn: CLUSTER,
        endpoints: [
          { region: 'us-east-1', url: 'https://host-aaaaaa.us-east-1.example.aws/v1' },
          { region: 'eu-west-1', url: 'https://host-bbbbbb.eu-west-1.example.aws/v1' },
        ],
        routingControls: { 'us-east-1': RC_PRIMARY, 'eu-west-1': RC_SECONDARY },
        safetyRules: ['at-least-one-on'],
      },
    });
  });

  it('needs neither records nor healthCheckId; endpoints are optional and safetyRules default to []', () => {
    const config = validateConfig(arcExample(), { source: FILE });
    expect(config.dns?.arc?.safetyRules).toEqual([]);
    expect(config.dns?.arc?.endpoints).toBeUndefined();
    expect(config.dns?.records).toBeUndefined();
  });

  it('accepts a local http endpoint (the sandbox)', () => {
    const data = arcExample();
    data.dns.arc.endpoints = [{ region: 'us-west-2', url: 'http://127.0.0.1:4566/arc/us-west-2/v1' }];
    expect(validateConfig(data, { source: FILE }).dns?.arc?.endpoints?.[0].url).toBe('http://127.0.0.1:4566/arc/us-west-2/v1');
  });

  it('requires dns.arc, naming what it holds', () => {
    const data = arcExample();
    delete data.dns.arc;
    const error = configError(data);
    expect(error.message).toBe(
      `${FILE}: dns.arc: got nothing, expected a mapping with clusterArn and routingControls (one routing control ARN per Region) for the arc-routing-control strategy`,
    );
  });

  it('refuses dns.arc with another strategy', () => {
    const data = arcExample();
    data.dns.strategy = 'weighted';
    data.dns.records = {
      'us-east-1': { type: 'CNAME', value: 'primary.example.net' },
      'eu-west-1': { type: 'CNAME', value: 'secondary.example.net' },
    };
    const error = configError(data);
    expect(error.issues.map((i) => i.field)).toEqual(['dns.arc']);
    expect(error.issues[0].expected).toBe(
      'no arc mapping with the weighted strategy: dns.arc is read only with strategy arc-routing-control (remove it, or change dns.strategy)',
    );
  });

  it('rejects malformed ARNs, URLs and lists with field, value and expectation', () => {
    const data = arcExample();
    data.dns.arc.clusterArn = 'arn:aws:route53-recovery-control::111122223333:controlpanel/cp0001';
    data.dns.arc.routingControls['eu-west-1'] = 'rc0002';
    data.dns.arc.endpoints = [{ region: 'us-east-1', url: 'ftp://host/v1' }];
    data.dns.arc.safetyRules = [''];
    const error = configError(data);
    const lines = error.message.split('\n').slice(1);
    expect(lines).toEqual([
      `  ${FILE}: dns.arc.clusterArn: got "arn:aws:route53-recovery-control::111122223333:controlpanel/cp0001", expected an ARC cluster ARN such as arn:aws:route53-recovery-control::111122223333:cluster/<id>`,
      `  ${FILE}: dns.arc.endpoints[0].url: got "ftp://host/v1", expected a cluster endpoint URL such as https://host-aaaaaa.us-east-1.example.aws/v1 (at most 128 characters, no query)`,
      `  ${FILE}: dns.arc.routingControls.eu-west-1: got "rc0002", expected a routing control ARN such as arn:aws:route53-recovery-control::111122223333:controlpanel/<id>/routingcontrol/<id>`,
      `  ${FILE}: dns.arc.safetyRules[0]: got "", expected a safety rule name (1–64 characters)`,
    ]);
  });

  it('allows 1 to 5 endpoints, in distinct Regions, and names unknown keys', () => {
    const endpoint = (region: string) => ({ region, url: `https://host.${region}.example.aws/v1` });
    const data = arcExample();
    data.dns.arc.endpoints = [];
    expect(configError(data).message).toBe(
      `${FILE}: dns.arc.endpoints: got [], expected between 1 and 5 cluster endpoints (a cluster has five)`,
    );
    data.dns.arc.endpoints = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'ap-northeast-1', 'eu-central-1'].map(endpoint);
    expect(configError(data).issues[0]).toMatchObject({ field: 'dns.arc.endpoints', expected: 'between 1 and 5 cluster endpoints (a cluster has five)' });
    data.dns.arc.endpoints = [endpoint('us-east-1'), endpoint('us-west-2'), { ...endpoint('us-east-1'), url: 'https://other.example.aws/v1' }];
    expect(configError(data).message).toBe(
      `${FILE}: dns.arc.endpoints[2].region: got "us-east-1", expected a Region not listed yet: dns.arc.endpoints[0] is already the us-east-1 endpoint (a cluster has one endpoint per Region)`,
    );
    data.dns.arc.endpoints = [{ region: 'us-east-1', url: 'https://h.example.aws/v1', Endpoint: 'x' }];
    expect(configError(data).issues[0]).toMatchObject({ field: 'dns.arc.endpoints[0].Endpoint', expected: expect.stringContaining('is not one of region, url in dns.arc.endpoints[0]') });
    data.dns.arc.endpoints = undefined;
    data.dns.arc.safetyRule = ['x'];
    expect(configError(data).issues[0].expected).toBe(
      'a known key (did you mean safetyRules?): "safetyRule" is not one of clusterArn, endpoints, routingControls, safetyRules in dns.arc',
    );
  });

  it('needs exactly one routing control per topology Region, each its own', () => {
    const data = arcExample();
    delete data.dns.arc.routingControls['eu-west-1'];
    data.dns.arc.routingControls['eu-west-2'] = RC_SECONDARY;
    const error = configError(data);
    expect(error.message.split('\n').slice(1)).toEqual([
      `  ${FILE}: dns.arc.routingControls.eu-west-2: got "eu-west-2", expected a routing control for the primary us-east-1 or the secondary eu-west-1 only`,
      `  ${FILE}: dns.arc.routingControls.eu-west-1: got nothing, expected the routing control ARN of the secondary Region eu-west-1 (secondaryRegion in ${FILE}): the arc-routing-control strategy needs one per Region`,
    ]);
    const same = arcExample();
    same.dns.arc.routingControls['eu-west-1'] = RC_PRIMARY;
    expect(configError(same).message).toBe(
      `${FILE}: dns.arc.routingControls.eu-west-1: got "${RC_PRIMARY}", expected a routing control of its own: the same ARN is given for us-east-1, and one switch cannot route two Regions`,
    );
  });

  it('checks the routing controls again after --secondary overrode the file', () => {
    const config = validateConfig(arcExample(), { source: FILE });
    const error = (() => {
      try {
        requireTopology({
          config: { ...config, secondaryRegion: 'eu-central-1' },
          fileLabel: FILE,
          origins: { secondaryRegion: { field: '--secondary' } },
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected requireTopology to throw');
    })();
    expect(error.code).toBe(ConfigErrorCode.inconsistentTopology);
    expect(error.issues.map((i) => `${i.field}: ${i.expected}`)).toEqual([
      'dns.arc.routingControls.eu-west-1: a routing control for the primary us-east-1 or the secondary eu-central-1 only',
      'dns.arc.routingControls.eu-central-1: the routing control ARN of the secondary Region eu-central-1 (--secondary): the arc-routing-control strategy needs one per Region',
    ]);
  });
});
