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
