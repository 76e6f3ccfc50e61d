/**
 * WAFv2 in the sandbox through the real @aws-sdk/client-wafv2 over HTTP: which web ACL protects a
 * user pool in each Region, its rules, and the AssociateWebACL remedy with its same-Region rule.
 */
import {
  AssociateWebACLCommand,
  DisassociateWebACLCommand,
  GetWebACLCommand,
  GetWebACLForResourceCommand,
  ListWebACLsCommand,
  WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, sandboxClient, seedResource, startTestSandbox } from '../helpers/sandbox.js';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';

let sb: Sandbox;
let account: string;
let primaryAcl: Record<string, any>;
let secondaryAcl: Record<string, any>;

const poolArn = (region: string) => `arn:aws:cognito-idp:${region}:${account}:userpool/us-east-1_Abc123`;

const rateRule = {
  Name: 'rate-limit',
  Priority: 1,
  Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
  Action: { Block: {} },
};
const geoRule = {
  Name: 'geo-block',
  Priority: 0,
  Statement: { GeoMatchStatement: { CountryCodes: ['KP'] } },
  Action: { Block: {} },
  VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: true, MetricName: 'geo' },
};

function waf(region: string): WAFV2Client {
  return sandboxClient(WAFV2Client, sb, region);
}

beforeAll(async () => {
  sb = await startTestSandbox();
  account = sb.world.settings.accountId;
  primaryAcl = await seedResource(sb, 'wafv2', { region: PRIMARY, Name: 'pool-protection', Rules: [rateRule, geoRule], associateWith: poolArn(PRIMARY) });
  secondaryAcl = await seedResource(sb, 'wafv2', { region: SECONDARY, Name: 'pool-protection', Rules: [rateRule, geoRule], Description: 'copy' });
  await seedResource(sb, 'wafv2', { region: PRIMARY, Name: 'spare-acl', DefaultAction: { Block: {} } });
});

afterAll(async () => {
  await sb?.stop();
});

describe('GetWebACLForResource and GetWebACL', () => {
  it('returns the web ACL protecting the pool in its Region, rules in priority order', async () => {
    const out = await waf(PRIMARY).send(new GetWebACLForResourceCommand({ ResourceArn: poolArn(PRIMARY) }));
    expect(out.WebACL).toMatchObject({
      Name: 'pool-protection',
      Id: primaryAcl.Id,
      ARN: `arn:aws:wafv2:${PRIMARY}:${account}:regional/webacl/pool-protection/${primaryAcl.Id}`,
      DefaultAction: { Allow: {} },
    });
    expect(out.WebACL?.Rules?.map((r) => [r.Name, r.Priority])).toEqual([
      ['geo-block', 0],
      ['rate-limit', 1],
    ]);
    expect(out.WebACL?.Rules?.[1].VisibilityConfig).toEqual({ SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'rate-limit' });
  });

  it('answers no WebACL (not an error) for a pool without one', async () => {
    const out = await waf(SECONDARY).send(new GetWebACLForResourceCommand({ ResourceArn: `${poolArn(SECONDARY)}-unprotected` }));
    expect(out.WebACL).toBeUndefined();
  });

  it('reads a web ACL by Name/Scope/Id and by ARN, with its lock token', async () => {
    const byId = await waf(PRIMARY).send(new GetWebACLCommand({ Name: 'pool-protection', Scope: 'REGIONAL', Id: primaryAcl.Id }));
    const byArn = await waf(PRIMARY).send(new GetWebACLCommand({ ARN: primaryAcl.ARN }));
    expect(byId.WebACL).toEqual(byArn.WebACL);
    expect(byId.LockToken).toBe(primaryAcl.LockToken);
  });

  it('raises WAFNonexistentItemException for an ACL of another Region and WAFInvalidParameterException for a bad scope', async () => {
    const missing = await rejectionOf(waf(SECONDARY).send(new GetWebACLCommand({ Name: 'pool-protection', Scope: 'REGIONAL', Id: primaryAcl.Id })));
    expect(missing.name).toBe('WAFNonexistentItemException');
    const badScope = await rejectionOf(waf(PRIMARY).send(new ListWebACLsCommand({ Scope: 'GLOBAL' as never })));
    expect(badScope.name).toBe('WAFInvalidParameterException');
    expect(badScope.Field).toBe('SCOPE_VALUE');
  });

  it('lists the Region’s web ACLs a page at a time', async () => {
    const first = await waf(PRIMARY).send(new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 1 }));
    expect(first.WebACLs?.map((a) => a.Name)).toEqual(['pool-protection']);
    expect(first.NextMarker).toBeTruthy();
    const second = await waf(PRIMARY).send(new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 1, NextMarker: first.NextMarker }));
    expect(second.WebACLs?.map((a) => a.Name)).toEqual(['spare-acl']);
    expect(second.NextMarker).toBeUndefined();
    const secondary = await waf(SECONDARY).send(new ListWebACLsCommand({ Scope: 'REGIONAL' }));
    expect(secondary.WebACLs).toEqual([expect.objectContaining({ Name: 'pool-protection', Description: 'copy', Id: secondaryAcl.Id })]);
  });
});

describe('AssociateWebACL and DisassociateWebACL', () => {
  it('associates the secondary’s ACL with the secondary pool, logged as a write', async () => {
    const client = waf(SECONDARY);
    await client.send(new AssociateWebACLCommand({ WebACLArn: secondaryAcl.ARN, ResourceArn: poolArn(SECONDARY) }));
    const out = await client.send(new GetWebACLForResourceCommand({ ResourceArn: poolArn(SECONDARY) }));
    expect(out.WebACL?.ARN).toBe(secondaryAcl.ARN);
    expect(sb.calls().filter((c) => c.operation === 'AssociateWebACL')).toEqual([
      expect.objectContaining({ service: 'wafv2', region: SECONDARY, status: 200, write: true }),
    ]);
  });

  it('refuses a resource in another Region than the web ACL', async () => {
    const err = await rejectionOf(waf(PRIMARY).send(new AssociateWebACLCommand({ WebACLArn: primaryAcl.ARN, ResourceArn: poolArn(SECONDARY) })));
    expect(err.name).toBe('WAFInvalidParameterException');
    expect(err.Field).toBe('RESOURCE_ARN');
  });

  it('cannot find a web ACL of another Region', async () => {
    const err = await rejectionOf(waf(SECONDARY).send(new AssociateWebACLCommand({ WebACLArn: primaryAcl.ARN, ResourceArn: poolArn(SECONDARY) })));
    expect(err.name).toBe('WAFNonexistentItemException');
  });

  it('refuses a resource type a web ACL cannot protect', async () => {
    const err = await rejectionOf(
      waf(PRIMARY).send(new AssociateWebACLCommand({ WebACLArn: primaryAcl.ARN, ResourceArn: `arn:aws:lambda:${PRIMARY}:${account}:function:f` })),
    );
    expect(err.name).toBe('WAFInvalidParameterException');
  });

  it('disassociates, after which the pool has no web ACL', async () => {
    const client = waf(PRIMARY);
    const target = `${poolArn(PRIMARY)}-temporary`;
    await client.send(new AssociateWebACLCommand({ WebACLArn: primaryAcl.ARN, ResourceArn: target }));
    await client.send(new DisassociateWebACLCommand({ ResourceArn: target }));
    const out = await client.send(new GetWebACLForResourceCommand({ ResourceArn: target }));
    expect(out.WebACL).toBeUndefined();
  });
});

describe('the wire', () => {
  it('throttles with ThrottlingException, which the SDK treats as throttling', async () => {
    sb.world.addFault({ service: 'wafv2', kind: 'throttle', count: 1 });
    const err = await rejectionOf(waf(PRIMARY).send(new GetWebACLForResourceCommand({ ResourceArn: poolArn(PRIMARY) })));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});
