/** The SDK-backed read ports for a command's AWS access, built once per command. */
import { SdkCognitoReader } from '../aws/cognito-reader.js';
import { SdkKmsReader } from '../aws/kms-reader.js';
import { SdkRoute53Reader } from '../aws/route53-reader.js';
import type { AwsAccess } from './aws-context.js';

export function readersFor(aws: AwsAccess) {
  return {
    cognito: new SdkCognitoReader(aws.clients),
    kms: new SdkKmsReader(aws.clients),
    route53: new SdkRoute53Reader(aws.clients),
  };
}
