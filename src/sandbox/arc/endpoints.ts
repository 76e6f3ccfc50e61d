/**
 * How an ARC cluster's five Regional endpoints live on the sandbox's one port. Each endpoint is a
 * path: `<sandbox>/_arc/<cluster id>/<Region>/v1`. The path names the Region (faults and the call log
 * use it), and the SDK client built with `{ endpoint: url, region }` signs for that same Region, as it
 * would against a real endpoint; a call whose SigV4 scope names another Region is refused.
 */

export const ARC_PATH_PREFIX = '/_arc/';

/**
 * The five Regions a sandbox cluster's endpoints are in: those of the DescribeCluster example in the
 * ARC API reference ("Describe a cluster"). Both demo Regions are among them, so a primary-Region
 * outage leaves four endpoints, and one more Region down still leaves three (ARC's promise).
 */
export const ARC_ENDPOINT_REGIONS = ['us-east-1', 'ap-southeast-2', 'eu-west-1', 'us-west-2', 'ap-northeast-1'] as const;

/** The control-config API is answered in us-west-2 only (aws-conformance G3). */
export const ARC_CONFIG_REGION = 'us-west-2';

export interface ArcEndpointPath {
  clusterId: string;
  region: string;
  /** What follows `/v1` (the awsJson1_0 POST goes to `/v1/` or `/v1`). */
  rest: string;
}

const ENDPOINT_PATH = /^\/_arc\/([A-Za-z0-9-]{1,64})\/([a-z]{2}(?:-[a-z]+)+-\d{1,2})\/v1(\/.*)?$/;

/** `/_arc/<cluster>/<Region>/v1[/…]` → its parts; undefined when the path is not an endpoint's. */
export function parseArcEndpointPath(pathname: string): ArcEndpointPath | undefined {
  const match = ENDPOINT_PATH.exec(pathname);
  return match ? { clusterId: match[1], region: match[2], rest: match[3] ?? '/' } : undefined;
}

/** The endpoint URL as DescribeCluster lists it (`base` without a trailing slash). */
export function arcEndpointUrl(base: string, clusterId: string, region: string): string {
  return `${base.replace(/\/+$/, '')}${ARC_PATH_PREFIX}${clusterId}/${region}/v1`;
}
