/**
 * The default world: every service model the sandbox ships, wired to the ones it depends on
 * (Cognito encrypts with KMS keys; CloudWatch derives Route 53 health metrics; the OIDC hosts serve
 * Cognito pools behind Route 53 health). Order matters only for readability.
 */
import { ArcClusterApi } from './arc/cluster-api.js';
import { ArcConfigApi } from './arc/config-api.js';
import { ArcStore } from './arc/store.js';
import { CloudWatchModel } from './cloudwatch/model.js';
import { CognitoModel } from './cognito/model.js';
import { FirehoseModel } from './firehose/model.js';
import { KmsModel } from './kms/model.js';
import { LambdaModel } from './lambda/model.js';
import { LogsModel } from './logs/model.js';
import { OidcEndpoint } from './oidc/endpoint.js';
import { Route53Model } from './route53/model.js';
import type { SettingsPatch } from './settings.js';
import { SesV2Model } from './sesv2/model.js';
import type { Clock } from './types.js';
import { WafV2Model } from './wafv2/model.js';
import { World } from './world.js';

export interface CreateWorldOptions {
  settings?: SettingsPatch;
  clock?: Clock;
  random?: () => number;
}

export function createWorld(options: CreateWorldOptions = {}): World {
  const kms = new KmsModel();
  const cognito = new CognitoModel({ kms });
  const arc = new ArcStore();
  const route53 = new Route53Model({ arc });
  const arcConfig = new ArcConfigApi(arc);
  arcConfig.healthChecksFor = (arn) => route53.healthChecksForRoutingControl(arn);
  const cloudwatch = new CloudWatchModel({ route53 });
  const oidc = new OidcEndpoint({ cognito, route53 });
  return new World({
    ...options,
    services: [
      cognito,
      kms,
      route53,
      cloudwatch,
      new LambdaModel(),
      new SesV2Model(),
      new WafV2Model(),
      new LogsModel(),
      new FirehoseModel(),
      new ArcClusterApi(arc),
      arcConfig,
    ],
    oidc,
  });
}
