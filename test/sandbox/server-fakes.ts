/**
 * Worlds for the server/admin/faults tests. They use the real KMS, Lambda, Route 53 and CloudWatch
 * models (awsJson1_1, restJson1, restXml, awsJson1_0) and two stand-ins where the point is the
 * SERVER's routing rather than a model's behaviour: a Cognito-shaped service that answers any pool
 * id with the Region it was served in (the real model has no unsigned InitiateAuth, and quota tests
 * need calls that succeed without setting up pools), and an OIDC handler that echoes what it got.
 */
import { CloudWatchModel } from '../../src/sandbox/cloudwatch/model.js';
import { KmsModel } from '../../src/sandbox/kms/model.js';
import { LambdaModel } from '../../src/sandbox/lambda/model.js';
import { Route53Model } from '../../src/sandbox/route53/model.js';
import { SandboxError, type CallContext, type Clock, type JsonObject, type JsonService } from '../../src/sandbox/types.js';
import { World, type OidcHandler } from '../../src/sandbox/world.js';
import { manualSandboxClock } from '../helpers/sandbox.js';

export function echoCognito(): JsonService {
  return {
    kind: 'json',
    targetPrefix: 'AWSCognitoIdentityProviderService',
    service: 'cognito',
    throttle: { code: 'TooManyRequestsException', status: 400, message: 'Too many requests' },
    handle(operation: string, input: JsonObject, ctx: CallContext): JsonObject {
      if (operation === 'DescribeUserPool') return { UserPool: { Id: input.UserPoolId, Name: `served-in-${ctx.region}` } };
      if (operation === 'InitiateAuth') return { AuthenticationResult: { AccessToken: `token-from-${ctx.region}` } };
      throw new SandboxError('UnknownOperationException', `no ${operation}`);
    },
  };
}

export const echoOidc: OidcHandler = {
  async handle(host, req, ctx) {
    if (!req.path.endsWith('/.well-known/jwks.json')) return null;
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys: [], host, path: req.path, query: req.query.toString(), region: ctx.region }),
    };
  },
};

export function testWorld(options: { clock?: Clock; random?: () => number } = {}): World {
  const route53 = new Route53Model();
  return new World({
    services: [new KmsModel(), new LambdaModel(), echoCognito(), route53, new CloudWatchModel({ route53 })],
    oidc: echoOidc,
    ...options,
  });
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2026-06-10T12:00:00Z')): Clock & { advance(ms: number): void } {
  return manualSandboxClock(start);
}
