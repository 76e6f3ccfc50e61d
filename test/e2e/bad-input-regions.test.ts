/**
 * The bad-input corpus, partitions and Regions: a topology or key of another partition (GovCloud,
 * China, ISO, the European Sovereign Cloud), a Region where Cognito MRR does not exist. Each case:
 * exit 2, the field and the partition named, nothing written (test/helpers/bad-input-corpus.ts).
 */
import { corpusContext, describeCorpus, type BadInputCase } from '../helpers/bad-input-corpus.js';

const ctx = corpusContext();
const P = 'us-east-1';
const S = 'eu-west-1';
/** The world's config with the secondary Region (and its DNS record key) replaced. */
const secondaryIs = (name: string, region: string) =>
  ctx.write(name, ctx.w.config.replace(`secondaryRegion: ${S}`, `secondaryRegion: ${region}`).replace(new RegExp(`^( {4})${S}:`, 'm'), `$1${region}:`));
const withKeyArn = (name: string, arn: string) => ctx.write(name, ctx.w.config.replace(/key:\n {2}alias: (\S+)/, `key:\n  alias: $1\n  arn: ${arn}`));
const KEY = 'key/mrk-1234abcd12ab34cd56ef1234567890ab';

const CASES: BadInputCase[] = [
  { name: 'config: secondary in GovCloud', kind: 'config', argv: () => ['--config', secondaryIs('gov.yaml', 'us-gov-west-1'), 'keys', 'setup', '--yes'], code: 2, field: 'secondaryRegion', expected: 'us-gov-west-1 is in the aws-us-gov partition' },
  { name: 'config: secondary in China', kind: 'config', argv: () => ['--config', secondaryIs('cn.yaml', 'cn-north-1'), 'replica', 'create', '--yes'], code: 2, field: 'secondaryRegion', expected: 'cn-north-1 is in the aws-cn partition' },
  { name: 'config: secondary in an ISO-B Region', kind: 'config', argv: () => ['--config', secondaryIs('isob.yaml', 'us-isob-east-1'), 'keys', 'setup', '--yes'], code: 2, field: 'secondaryRegion', expected: 'aws-iso-b partition' },
  { name: 'config: secondary in the European Sovereign Cloud', kind: 'config', argv: () => ['--config', secondaryIs('eusc.yaml', 'eusc-de-east-1'), 'keys', 'setup', '--yes'], code: 2, field: 'secondaryRegion', expected: 'aws-eusc partition' },
  { name: 'config: secondary where MRR has not launched (Osaka)', kind: 'config', argv: () => ['--config', secondaryIs('osaka.yaml', 'ap-northeast-3'), 'replica', 'create', '--yes'], code: 2, field: 'secondaryRegion', expected: 'ap-northeast-3 is not one of them' },
  { name: 'config: key.arn in the China partition', kind: 'config', argv: () => ['--config', withKeyArn('key-cn.yaml', `arn:aws-cn:kms:cn-north-1:123456789012:${KEY}`), 'keys', 'setup', '--yes'], code: 2, field: 'key.arn', expected: 'this ARN is in the aws-cn partition' },
  { name: 'config: key.arn in GovCloud', kind: 'config', argv: () => ['--config', withKeyArn('key-gov.yaml', `arn:aws-us-gov:kms:us-gov-west-1:123456789012:${KEY}`), 'keys', 'setup', '--yes'], code: 2, field: 'key.arn', expected: 'aws-us-gov partition' },
  { name: '--secondary in GovCloud', kind: 'flag', argv: () => ['--secondary', 'us-gov-west-1', 'keys', 'setup', '--yes'], code: 2, field: '--secondary', expected: 'replication cannot cross partitions' },
  { name: '--secondary in China', kind: 'flag', argv: () => ['--secondary', 'cn-northwest-1', 'replica', 'create', '--yes'], code: 2, field: '--secondary', expected: 'aws-cn partition' },
  { name: '--secondary in the ISO partition', kind: 'flag', argv: () => ['--secondary', 'us-iso-east-1', 'replica', 'create', '--yes'], code: 2, field: '--secondary', expected: 'aws-iso partition' },
  { name: '--secondary where MRR has not launched (Tel Aviv)', kind: 'flag', argv: () => ['--secondary', 'il-central-1', 'replica', 'create', '--yes'], code: 2, field: '--secondary', expected: 'il-central-1 is not one of them' },
  { name: '--secondary where MRR has not launched (UAE)', kind: 'flag', argv: () => ['--secondary', 'me-central-1', 'keys', 'setup', '--yes'], code: 2, field: '--secondary', expected: 'Cognito multi-Region replication is offered' },
  { name: '--primary and --pool both in GovCloud', kind: 'flag', argv: () => ['--primary', 'us-gov-west-1', '--pool', 'us-gov-west-1_Ab12Cd34', 'keys', 'setup', '--yes'], code: 2, field: '--primary', expected: 'it is in the aws-us-gov partition' },
  { name: '--key-arn in the China partition with commercial Regions', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--key-arn', `arn:aws-cn:kms:${P}:123456789012:${KEY}`], code: 2, field: '--key-arn', expected: 'this ARN is in the aws-cn partition' },
  { name: '--key-arn in GovCloud with commercial Regions', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--key-arn', `arn:aws-us-gov:kms:us-gov-west-1:123456789012:${KEY}`], code: 2, field: '--key-arn', expected: 'aws-us-gov partition' },
];

describeCorpus('the bad-input corpus: partitions and Regions', ctx, CASES);
