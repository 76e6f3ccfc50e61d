/**
 * The drift remedies an operator follows with the AWS SDK (as with the AWS CLI) against the sandbox:
 * deploy the Lambda functions (CreateFunction with a .zip), create the SES identity
 * (CreateEmailIdentity, verified after the sandbox's DNS delay), create the web ACL (CreateWebACL, a
 * copy of the primary's) and the log group in the secondary — then `drift fix` aligns the rest and
 * `drift` is clean. Real SDK clients over HTTP; virtual time.
 */
import { createHash } from 'node:crypto';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateEmailIdentityCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { CreateWebACLCommand, GetWebACLCommand, ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const P = 'us-east-1';
const S = 'eu-west-1';
const FUNCTIONS = ['demo-pre-sign-up', 'demo-custom-message', 'demo-post-confirmation'];
const LOG_GROUP = '/aws/vendedlogs/cognito/demo-users';
/** The smallest valid .zip: an end-of-central-directory record and nothing else. */
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
const ZIP_SHA256 = createHash('sha256').update(ZIP).digest('base64');

let w: SeededWorld;
beforeEach(async () => {
  w = await seededWorld(undefined, undefined, { clock: new VirtualClock() });
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: false });
  // The primary runs the very zip the operator is about to deploy (the demo seed's hash is not of a zip).
  for (const name of FUNCTIONS) {
    const r = await sandboxAdmin(w.sb, 'POST', 'resources/lambda', { region: P, FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', CodeSha256: ZIP_SHA256 });
    expect(r.status).toBe(201);
  }
});
afterEach(async () => {
  await w.stop();
});

describe('following drift’s remedies with the SDK', () => {
  it('deploys, creates and verifies in the secondary; drift fix then aligns the pool and drift is clean', async () => {
    const before = (await w.run(['drift', '--output', 'json'])).json().data.findings as Array<{ code: string; path: string; remedy: string }>;
    const remedies = before.filter((f) => ['MRR_DRIFT_E105', 'MRR_DRIFT_E202', 'MRR_DRIFT_E702'].includes(f.code));
    expect(remedies.map((f) => f.code).sort()).toEqual(['MRR_DRIFT_E105', 'MRR_DRIFT_E105', 'MRR_DRIFT_E105', 'MRR_DRIFT_E202', 'MRR_DRIFT_E702']);

    const lambda = new LambdaClient(awsClientConfig(w.sb, S));
    const ses = new SESv2Client(awsClientConfig(w.sb, S));
    const wafP = new WAFV2Client(awsClientConfig(w.sb, P));
    const wafS = new WAFV2Client(awsClientConfig(w.sb, S));
    const logs = new CloudWatchLogsClient(awsClientConfig(w.sb, S));
    try {
      for (const name of FUNCTIONS) {
        const created = await lambda.send(
          new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/demo-lambda', Code: { ZipFile: ZIP } }),
        );
        expect(created).toMatchObject({ FunctionArn: `arn:aws:lambda:${S}:123456789012:function:${name}`, CodeSha256: ZIP_SHA256, CodeSize: 22, State: 'Active' });
      }
      const identity = await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
      expect(identity).toMatchObject({ IdentityType: 'DOMAIN', VerifiedForSendingStatus: false });
      expect((await ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' }))).VerificationStatus).toBe('PENDING');
      // The DNS records "propagate" after the sandbox's dnsDelayMs.
      w.clock!.advance(w.sb.world.settings.dnsDelayMs);
      expect((await ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' }))).VerificationStatus).toBe('SUCCESS');

      const summary = (await wafP.send(new ListWebACLsCommand({ Scope: 'REGIONAL' }))).WebACLs!.find((a) => a.Name === 'demo-auth-acl')!;
      const primaryAcl = (await wafP.send(new GetWebACLCommand({ Name: summary.Name, Id: summary.Id, Scope: 'REGIONAL' }))).WebACL!;
      const acl = await wafS.send(
        new CreateWebACLCommand({ Name: primaryAcl.Name, Scope: 'REGIONAL', DefaultAction: primaryAcl.DefaultAction, Rules: primaryAcl.Rules, VisibilityConfig: primaryAcl.VisibilityConfig }),
      );
      expect(acl.Summary!.ARN).toMatch(new RegExp(`^arn:aws:wafv2:${S}:123456789012:regional/webacl/demo-auth-acl/`));
      await logs.send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
    } finally {
      for (const c of [lambda, ses, wafP, wafS, logs]) c.destroy();
    }

    const fix = await w.run(['drift', 'fix', '--yes']);
    expect(fix.code, fix.stderr).toBe(0);
    const after = (await w.run(['drift', '--output', 'json'])).json().data.findings as Array<{ code: string; path: string }>;
    // Only the TOTP notice remains (an AWS limitation); the same code runs in both Regions (no W107).
    expect(after.map((f) => [f.code, f.path])).toEqual([['MRR_DRIFT_I801', 'secondary.MfaConfig.SoftwareTokenMfaConfiguration']]);
  });

  it('refuses what Lambda, SES and WAF refuse: a second create, a package that is not a zip, a CLOUDFRONT ACL', async () => {
    const lambda = new LambdaClient(awsClientConfig(w.sb, S));
    const ses = new SESv2Client(awsClientConfig(w.sb, S));
    const waf = new WAFV2Client(awsClientConfig(w.sb, S));
    try {
      const input = { FunctionName: 'f', Runtime: 'nodejs20.x' as const, Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r' };
      const notZip = await lambda.send(new CreateFunctionCommand({ ...input, Code: { ZipFile: Buffer.from('console.log(1)') } })).catch((e) => e);
      expect(notZip).toMatchObject({ name: 'InvalidParameterValueException', message: 'Could not unzip uploaded file. Please check your file, then try to upload again.' });
      const badRole = await lambda.send(new CreateFunctionCommand({ ...input, Role: 'not-a-role', Code: { ZipFile: ZIP } })).catch((e) => e);
      expect(badRole.name).toBe('ValidationException');
      await lambda.send(new CreateFunctionCommand({ ...input, Code: { ZipFile: ZIP } }));
      expect((await lambda.send(new CreateFunctionCommand({ ...input, Code: { ZipFile: ZIP } })).catch((e) => e)).name).toBe('ResourceConflictException');
      expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'f' }))).Configuration!.CodeSha256).toBe(ZIP_SHA256);

      await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'ops@example.org' }));
      expect((await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'ops@example.org' })).catch((e) => e)).name).toBe('AlreadyExistsException');

      const base = { Name: 'acl', DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'acl' } };
      expect((await waf.send(new CreateWebACLCommand({ ...base, Scope: 'CLOUDFRONT' })).catch((e) => e)).name).toBe('WAFInvalidParameterException');
      await waf.send(new CreateWebACLCommand({ ...base, Scope: 'REGIONAL' }));
      expect((await waf.send(new CreateWebACLCommand({ ...base, Scope: 'REGIONAL' })).catch((e) => e)).name).toBe('WAFDuplicateItemException');
    } finally {
      for (const c of [lambda, ses, waf]) c.destroy();
    }
  });
});
