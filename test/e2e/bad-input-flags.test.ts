/**
 * The bad-input corpus, flags: a value flag repeated with different values (commander would keep the
 * last, and a failover would become a failback), and numbers out of their range (an absurd fault
 * latency, a cost for 10^26 users, a timeout no timer can hold). Each case: exit 2 naming the flag and
 * both values or the range, nothing written (test/helpers/bad-input-corpus.ts).
 */
import { describe, expect, it } from 'vitest';
import { corpusContext, describeCorpus, type BadInputCase } from '../helpers/bad-input-corpus.js';

const ctx = corpusContext();
const P = 'us-east-1';
const S = 'eu-west-1';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/mrk-';

const CASES: BadInputCase[] = [
  { name: 'failover --to twice, different Regions', kind: 'flag', argv: () => ['failover', '--to', S, '--to', P, '--yes', '--reason', 'r'], code: 2, field: '--to', expected: '"eu-west-1" and "us-east-1"' },
  { name: 'failover --to=… twice, different Regions', kind: 'flag', argv: () => ['failover', `--to=${P}`, `--to=${S}`, '--yes'], code: 2, field: '--to', expected: 'given twice with different values' },
  { name: 'failover --reason twice, different', kind: 'flag', argv: () => ['failover', '--to', S, '--reason', 'drill', '--reason', 'outage', '--yes'], code: 2, field: '--reason', expected: '"drill" and "outage"' },
  { name: 'canary --percent twice, different', kind: 'flag', argv: () => ['canary', '--to', S, '--percent', '5', '--percent', '50', '--reason', 'r', '--yes'], code: 2, field: '--percent', expected: '"5" and "50"' },
  { name: 'issuer switch --to twice, different', kind: 'flag', argv: () => ['issuer', 'switch', '--to', 'UPDATED', '--to', 'ORIGINAL', '--yes'], code: 2, field: '--to', expected: '"UPDATED" and "ORIGINAL"' },
  { name: 'global --primary twice, different', kind: 'flag', argv: () => ['--primary', P, 'keys', 'setup', '--primary', 'us-west-2', '--yes'], code: 2, field: '--primary', expected: '"us-east-1" and "us-west-2"' },
  { name: 'global --secondary twice, different', kind: 'flag', argv: () => ['--secondary', S, '--secondary', 'eu-west-2', 'replica', 'create', '--yes'], code: 2, field: '--secondary', expected: 'given twice' },
  { name: 'global --pool twice, different', kind: 'flag', argv: () => ['--pool', 'us-east-1_Aaaa1111', '--pool', 'us-east-1_Bbbb2222', 'keys', 'setup', '--yes'], code: 2, field: '--pool', expected: 'given twice' },
  { name: 'global --config twice, different', kind: 'flag', argv: () => ['--config', 'a.yaml', '--config', 'b.yaml', 'keys', 'setup', '--yes'], code: 2, field: '--config', expected: '"a.yaml" and "b.yaml"' },
  { name: '--timeout twice, different', kind: 'flag', argv: () => ['keys', 'setup', '--timeout', '60', '--timeout', '600', '--yes'], code: 2, field: '--timeout', expected: 'given twice' },
  { name: '--key-arn twice, different', kind: 'flag', argv: () => ['keys', 'setup', '--key-arn', `${KEY}1`, '--key-arn', `${KEY}2`, '--yes'], code: 2, field: '--key-arn', expected: 'given twice' },
  { name: 'apply --max-age twice, different', kind: 'flag', argv: () => ['apply', ctx.file('none.plan'), '--max-age', '60', '--max-age', '61', '--yes'], code: 2, field: '--max-age', expected: 'given twice' },
  { name: 'cost --mau twice, different', kind: 'flag', argv: () => ['cost', '--mau', '1000', '--mau', '2000'], code: 2, field: '--mau', expected: '"1000" and "2000"' },
  { name: 'drift --format twice, different', kind: 'flag', argv: () => ['drift', '--format', 'json', '--format', 'sarif'], code: 2, field: '--format', expected: 'given twice' },
  { name: 'sandbox fault --ms 99999999999', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'latency', '--ms', '99999999999'], code: 2, field: '--ms', expected: 'from 1 to 600000' },
  { name: 'sandbox fault --ms 0', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'latency', '--ms', '0'], code: 2, field: '--ms', expected: 'from 1 to 600000' },
  { name: 'sandbox fault --ms 1.5', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'latency', '--ms', '1.5'], code: 2, field: '--ms', expected: 'a whole number of milliseconds' },
  { name: 'sandbox fault --ratio 0', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'error', '--ratio', '0'], code: 2, field: '--ratio', expected: 'greater than 0 and at most 1' },
  { name: 'sandbox fault --ratio 1.5', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'error', '--ratio', '1.5'], code: 2, field: '--ratio', expected: 'at most 1' },
  { name: 'sandbox fault --ratio negative', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'error', '--ratio=-0.5'], code: 2, field: '--ratio', expected: 'greater than 0' },
  { name: 'sandbox fault --count 0', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'throttle', '--count', '0'], code: 2, field: '--count', expected: 'from 1 to 1000000' },
  { name: 'sandbox fault --count 2.5', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'throttle', '--count', '2.5'], code: 2, field: '--count', expected: 'a whole number' },
  { name: 'sandbox fault --count 1e9', kind: 'flag', argv: () => ['sandbox', 'fault', '--region', P, '--kind', 'throttle', '--count', '1000000000'], code: 2, field: '--count', expected: 'from 1 to 1000000' },
  { name: 'cost --mau 1e26 written out', kind: 'flag', argv: () => ['cost', '--mau', '1'.padEnd(27, '0')], code: 2, field: '--mau', expected: 'at most 10000000000' },
  { name: 'cost --mau 1e26 in exponent form', kind: 'flag', argv: () => ['cost', '--mau', '1e26'], code: 2, field: '--mau', expected: 'a whole number of 0 or more' },
  { name: 'cost --m2m-tokens too many', kind: 'flag', argv: () => ['cost', '--mau', '1000', '--m2m-tokens', '99999999999999999'], code: 2, field: '--m2m-tokens', expected: 'at most 1000000000000' },
  { name: 'cost --mau with a fraction', kind: 'flag', argv: () => ['cost', '--mau', '10.5'], code: 2, field: '--mau', expected: 'a whole number' },
  { name: '--timeout beyond 7 days', kind: 'flag', argv: () => ['keys', 'setup', '--yes', '--timeout', '99999999999'], code: 2, field: '--timeout', expected: 'at most 604800' },
  { name: 'apply --max-age beyond 7 days', kind: 'flag', argv: () => ['apply', ctx.file('none.plan'), '--yes', '--max-age', '99999999'], code: 2, field: '--max-age', expected: 'at most 604800' },
  { name: 'drift --recheck-after an hour and more', kind: 'flag', argv: () => ['drift', '--recheck-after', '99999'], code: 2, field: '--recheck-after', expected: 'at most 3600' },
  { name: 'sandbox start --latency a minute and more', kind: 'flag', sandbox: false, argv: () => ['sandbox', 'start', '--port', '0', '--latency', '9999999'], code: 2, field: '--latency', expected: 'at most 60000' },
  { name: 'sandbox start --replica-delay an hour and more', kind: 'flag', sandbox: false, argv: () => ['sandbox', 'start', '--port', '0', '--replica-delay', '99999'], code: 2, field: '--replica-delay', expected: 'at most 3600' },
];

describeCorpus('the bad-input corpus: flags', ctx, CASES);

describe('repeats that are fine', () => {
  it('the same value twice is one value', async () => {
    const r = await ctx.w.run(['cost', '--mau', '1000', '--mau', '1000']);
    expect(r.code, r.stderr).toBe(0);
  });
  it('a collecting flag repeats: drift --report twice', async () => {
    const r = await ctx.w.run(['drift', '--report', `json:${ctx.file('a.json')}`, '--report', `sarif:${ctx.file('a.sarif')}`]);
    expect(r.stderr).not.toContain('given twice');
    expect([0, 3]).toContain(r.code);
  });
});
