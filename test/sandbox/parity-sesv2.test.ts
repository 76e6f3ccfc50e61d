/**
 * SES v2 in the sandbox through the real @aws-sdk/client-sesv2 over HTTP: is the pool's email
 * source a verified identity in each Region?
 */
import { GetEmailIdentityCommand, ListEmailIdentitiesCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, sandboxClient, seedResource, startTestSandbox } from '../helpers/sandbox.js';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const PRIMARY = 'us-east-1';
const SECONDARY = 'eu-west-1';

let sb: Sandbox;

function ses(region: string): SESv2Client {
  return sandboxClient(SESv2Client, sb, region);
}

beforeAll(async () => {
  sb = await startTestSandbox();
  await seedResource(sb, 'ses', { region: PRIMARY, EmailIdentity: 'no-reply@example.com' });
  await seedResource(sb, 'ses', { region: PRIMARY, EmailIdentity: 'example.com' });
  await seedResource(sb, 'ses', { region: PRIMARY, EmailIdentity: 'alerts@example.org', VerificationStatus: 'FAILED' });
  await seedResource(sb, 'ses', { region: SECONDARY, EmailIdentity: 'no-reply@example.com', VerificationStatus: 'PENDING' });
});

afterAll(async () => {
  await sb?.stop();
});

describe('GetEmailIdentity', () => {
  it('reports a verified address identity as ready to send', async () => {
    const out = await ses(PRIMARY).send(new GetEmailIdentityCommand({ EmailIdentity: 'no-reply@example.com' }));
    expect(out).toMatchObject({
      IdentityType: 'EMAIL_ADDRESS',
      VerificationStatus: 'SUCCESS',
      VerifiedForSendingStatus: true,
      FeedbackForwardingStatus: true,
    });
  });

  it('reports a domain identity with DKIM following its verification', async () => {
    const out = await ses(PRIMARY).send(new GetEmailIdentityCommand({ EmailIdentity: 'EXAMPLE.com' }));
    expect(out.IdentityType).toBe('DOMAIN');
    expect(out.DkimAttributes).toMatchObject({ SigningEnabled: true, Status: 'SUCCESS' });
    expect(out.DkimAttributes?.Tokens).toHaveLength(3);
    expect(out.DkimAttributes?.LastKeyGenerationTimestamp).toBeInstanceOf(Date);
  });

  it('keeps verification per Region: the same address is only pending in the secondary', async () => {
    const out = await ses(SECONDARY).send(new GetEmailIdentityCommand({ EmailIdentity: 'no-reply@example.com' }));
    expect(out.VerificationStatus).toBe('PENDING');
    expect(out.VerifiedForSendingStatus).toBe(false);
  });

  it('raises NotFoundException (404) for an identity that exists only in another Region', async () => {
    const err = await rejectionOf(ses(SECONDARY).send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' })));
    expect(err.name).toBe('NotFoundException');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });
});

describe('ListEmailIdentities', () => {
  it('pages with PageSize and NextToken through the Region’s identities', async () => {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await ses(PRIMARY).send(new ListEmailIdentitiesCommand({ PageSize: 2, NextToken: token }));
      names.push(...(page.EmailIdentities ?? []).map((i) => i.IdentityName!));
      token = page.NextToken;
    } while (token);
    expect(names).toEqual(['alerts@example.org', 'example.com', 'no-reply@example.com']);
  });

  it('filters by verification status and reports whether sending is enabled', async () => {
    const out = await ses(PRIMARY).send(new ListEmailIdentitiesCommand({ Filter: { VERIFICATION_STATUS: 'FAILED' } }));
    expect(out.EmailIdentities).toEqual([
      { IdentityType: 'EMAIL_ADDRESS', IdentityName: 'alerts@example.org', SendingEnabled: false, VerificationStatus: 'FAILED' },
    ]);
  });
});

describe('the wire', () => {
  it('throttles with TooManyRequestsException 429 when a throttle fault is set', async () => {
    sb.world.addFault({ service: 'ses', kind: 'throttle', count: 1 });
    const err = await rejectionOf(ses(PRIMARY).send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' })));
    expect(err.name).toBe('TooManyRequestsException');
    expect(err.$metadata.httpStatusCode).toBe(429);
  });

  it('answers an unmodelled SES v2 path with UnknownOperationException', async () => {
    const res = await fetch(`${sb.url}/v2/email/configuration-sets`, {
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${PRIMARY}/ses/aws4_request, SignedHeaders=host, Signature=0` },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});
