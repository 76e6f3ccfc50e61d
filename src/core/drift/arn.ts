/**
 * ARNs compared with understanding: the same resource in two Regions differs only in the Region
 * field, so "equal modulo Region" is how a secondary's setting is matched to the primary's.
 */

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: unknown): ParsedArn | undefined {
  if (typeof value !== 'string' || !value.startsWith('arn:')) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, account, ...rest] = parts;
  return { partition, service, region, account, resource: rest.join(':') };
}

export function regionOfArn(value: unknown): string | undefined {
  return parseArn(value)?.region || undefined;
}

/** The same ARN in another Region; values that are not ARNs (or carry no Region) come back unchanged. */
export function arnInRegion(value: string, region: string): string {
  const arn = parseArn(value);
  if (!arn || !arn.region) return value;
  return ['arn', arn.partition, arn.service, region, arn.account, arn.resource].join(':');
}

/** Equal, or ARNs that differ only by Region. */
export function sameModuloRegion(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const pa = parseArn(a);
  const pb = parseArn(b);
  if (!pa || !pb) return false;
  return pa.partition === pb.partition && pa.service === pb.service && pa.account === pb.account && pa.resource === pb.resource;
}

/** The last part of a resource: `function:name` → name, `identity/example.com` → example.com. */
export function resourceName(value: string): string {
  const arn = parseArn(value);
  if (!arn) return value;
  const resource = arn.resource;
  if (arn.service === 'lambda') return resource.replace(/^function:/, '').split(':')[0];
  if (arn.service === 'logs') return resource.replace(/^log-group:/, '').replace(/:\*$/, '');
  const slash = resource.indexOf('/');
  return slash >= 0 ? resource.slice(slash + 1) : resource;
}

/**
 * The same multi-Region KMS key: related multi-Region keys share their key id (`mrk-…`) and differ
 * only in the ARN's Region (aws-conformance B5), so a secondary may report its Regional replica's ARN. A
 * single-Region key has no counterpart elsewhere: only the identical ARN is the same key.
 */
export function sameMultiRegionKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const pa = parseArn(a);
  const pb = parseArn(b);
  if (!pa || !pb || pa.service !== 'kms' || pb.service !== 'kms') return false;
  return pa.resource.startsWith('key/mrk-') && sameModuloRegion(a, b);
}
