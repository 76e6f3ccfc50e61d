import { closestMatch } from './suggest.js';

/**
 * AWS Region names. A name is accepted when it has the shape of a Region (partition prefix, optional
 * sub-partition, a compass direction, a number) so that Regions launched after this release still
 * work; the known list only feeds "did you mean". The direction word is what catches typos such as
 * `us-eats-1` that a looser `[a-z]+` pattern would let through. [INF] Review both on new launches.
 */
export const REGION_NAME_PATTERN =
  /^(?:af|ap|ca|cn|eu|eusc|il|me|mx|sa|us)(?:-gov|-iso[a-z]?|-de)?-(?:central|north|south|(?:north|south)?(?:east|west))-\d{1,2}$/;

export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
  'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1',
  'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1', 'eusc-de-east-1',
];

export function isRegionName(value: unknown): value is string {
  return typeof value === 'string' && REGION_NAME_PATTERN.test(value);
}

/** What a Region field expects, with a suggestion when the input looks like a typo of a known one. */
export function regionExpectation(input: unknown): string {
  const base = 'an AWS Region name such as us-east-1';
  if (typeof input !== 'string' || input === '') return base;
  const suggestion = closestMatch(input.trim(), KNOWN_REGIONS);
  return suggestion && suggestion !== input ? `${base} (did you mean ${suggestion}?)` : base;
}

/**
 * The partition of a Region name. Regions, ARNs and credentials of different partitions never mix:
 * a key in aws-cn cannot protect a pool in aws, and a replica cannot cross into GovCloud.
 */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  const iso = /^[a-z]+-(iso[a-z]?)-/.exec(region)?.[1];
  if (iso) return `aws-${iso === 'iso' ? 'iso' : `iso-${iso.slice(3)}`}`;
  return 'aws';
}

/**
 * The Regions where Cognito multi-Region replication exists, as data. Source: AWS What's New
 * "Amazon Cognito now supports multi-Region replication" (2026-06-03), quoted by a third party
 * (docs/aws-conformance.md A1) — confidence [3P]; Osaka (ap-northeast-3) was not in the launch list.
 * Every Region is in the `aws` partition. Review on each AWS launch: a Region missing here is refused
 * with exit 2 (the message names this list), which is safer than replicating into a Region (or a
 * partition) where the API does not exist.
 */
export const REPLICATION_REGIONS = {
  source: 'AWS What\'s New, "Amazon Cognito now supports multi-Region replication", 2026-06-03 (docs/aws-conformance.md A1)',
  confidence: '3P',
  partition: 'aws',
  regions: [
    'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
    'ap-south-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1',
    'ca-central-1',
    'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1',
    'sa-east-1',
  ],
} as const;

export function isMrrRegion(region: string): boolean {
  return (REPLICATION_REGIONS.regions as readonly string[]).includes(region);
}

/** The partition and Region of an ARN (`arn:aws-cn:kms:cn-north-1:…`), when it has that shape. */
export function arnParts(arn: string): { partition: string; region: string } | undefined {
  const match = /^arn:([a-z-]+):[a-z0-9-]+:([a-z0-9-]*):/.exec(arn);
  return match ? { partition: match[1], region: match[2] } : undefined;
}
