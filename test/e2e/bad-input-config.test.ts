/**
 * The bad-input corpus, config files (hostile and careless): limits on size, depth, aliases and list
 * length, duplicate keys, files that are not regular files, secrets in messages, values too long to
 * echo. Each case: exit 2, the field named, nothing written (test/helpers/bad-input-corpus.ts).
 */
import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusContext, describeCorpus, runCase, type BadInputCase } from '../helpers/bad-input-corpus.js';

const ctx = corpusContext();
const conf = (name: string, text: string) => ctx.write(name, text);
/** The world's config with one edit. */
const edited = (edit: (yaml: string) => string) => edit(ctx.w.config);
const withProbeKey = (key: string, value: string) =>
  edited((y) => y.replace(/probe:\n {2}clientId: (\S+)/, `probe:\n  clientId: $1\n  ${key}: ${value}`));
const fifo = (name: string) => {
  rmSync(ctx.file(name), { force: true });
  execFileSync('mkfifo', [ctx.file(name)]);
  return ctx.file(name);
};

const LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'userPoolId: *i',
].join('\n');
const SECRET = 'hunter2-do-not-print';
const HUGE = 'x'.repeat(600_000);

const CASES: BadInputCase[] = [
  { name: 'JSON with a duplicate top-level key', kind: 'config', argv: () => ['--config', conf('dup.json', '{"userPoolId": "us-east-1_Ab12Cd34", "primaryRegion": "us-east-1", "primaryRegion": "eu-west-1"}'), 'keys', 'setup', '--yes'], code: 2, field: 'dup.json:1', expected: 'each key once per object' },
  { name: 'JSON with a duplicate nested key', kind: 'config', argv: () => ['--config', conf('dup-nested.json', '{\n  "guards": {\n    "cooldownSeconds": 1800,\n    "cooldownSeconds": 0\n  }\n}\n'), 'keys', 'setup', '--yes'], code: 2, field: 'dup-nested.json:4', expected: 'each key once per object' },
  { name: 'YAML with a duplicate key', kind: 'config', argv: () => ['--config', conf('dup.yaml', `${ctx.w.config}primaryRegion: eu-west-1\n`), 'keys', 'setup', '--yes'], code: 2, field: 'dup.yaml', expected: 'Map keys must be unique' },
  { name: 'billion laughs (YAML alias bomb)', kind: 'config', argv: () => ['--config', conf('laughs.yaml', LAUGHS), 'keys', 'setup', '--yes'], code: 2, field: 'YAML aliases', expected: 'at most 100 alias expansions', maxStderr: 2000 },
  { name: 'JSON nested 200 000 deep', kind: 'config', argv: () => ['--config', conf('deep.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`), 'keys', 'setup', '--yes'], code: 2, field: 'nesting', expected: 'nested at most 32 deep' },
  { name: 'YAML flow nested 200 000 deep', kind: 'config', argv: () => ['--config', conf('deep.yaml', `drift: ${'{a: '.repeat(200_000)}1${'}'.repeat(200_000)}`), 'keys', 'setup', '--yes'], code: 2, field: 'nesting', expected: 'nested at most 32 deep' },
  { name: 'YAML block nested 40 deep', kind: 'config', argv: () => ['--config', conf('deep-block.yaml', Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n'), 'keys', 'setup', '--yes'], code: 2, field: 'nesting', expected: 'nested at most 32 deep' },
  { name: 'config file over 1 MiB', kind: 'config', argv: () => ['--config', conf('big.yaml', `${ctx.w.config}# ${'padding '.repeat(140_000)}\n`), 'keys', 'setup', '--yes'], code: 2, field: '--config', expected: 'at most 1048576 bytes' },
  { name: 'drift.allow with 501 entries', kind: 'config', argv: () => ['--config', conf('allow-many.yaml', `${ctx.w.config}drift:\n  allow:\n${Array.from({ length: 501 }, (_, i) => `    - { path: p${i}, reason: r }`).join('\n')}\n`), 'keys', 'setup', '--yes'], code: 2, field: 'drift.allow', expected: 'at most 500 entries', maxStderr: 3000 },
  { name: 'a 600 000-character value is clipped', kind: 'config', argv: () => ['--config', conf('long.yaml', edited((y) => y.replace(/userPoolId: \S+/, `userPoolId: ${HUGE}`))), 'keys', 'setup', '--yes'], code: 2, field: 'userPoolId', expected: '(600000 characters)', absent: ['x'.repeat(101)], maxStderr: 2000 },
  { name: 'a long unknown key value is clipped', kind: 'config', argv: () => ['--config', conf('long-unknown.yaml', `${ctx.w.config}notes: ${'y'.repeat(5000)}\n`), 'keys', 'setup', '--yes'], code: 2, field: 'notes', expected: '(5000 characters)', absent: ['y'.repeat(101)] },
  { name: 'a JSON syntax error on a 300 000-character line is clipped', kind: 'config', argv: () => ['--config', conf('long-line.json', `{"userPoolId": "${'z'.repeat(300_000)}",,}`), 'keys', 'setup', '--yes'], code: 2, field: 'JSON syntax', expected: 'characters)', absent: ['z'.repeat(101)] },
  { name: 'many bad entries: the first 20 listed', kind: 'config', argv: () => ['--config', conf('allow-bad.yaml', `${ctx.w.config}drift:\n  allow:\n${Array.from({ length: 300 }, (_, i) => `    - { path: p${i} }`).join('\n')}\n`), 'keys', 'setup', '--yes'], code: 2, field: 'drift.allow[0].reason', expected: 'and 280 more', maxStderr: 6000 },
  { name: '--config is a FIFO', kind: 'config', argv: () => ['--config', fifo('pipe.yaml'), 'keys', 'setup', '--yes'], code: 2, field: '--config', expected: 'is a FIFO (named pipe), not a regular file' },
  { name: '--config is /dev/zero', kind: 'config', argv: () => ['--config', '/dev/zero', 'keys', 'setup', '--yes'], code: 2, field: '--config', expected: 'is a device, not a regular file' },
  { name: '--config is /dev/null', kind: 'config', argv: () => ['--config', '/dev/null', 'replica', 'create', '--yes'], code: 2, field: '--config', expected: 'is a device, not a regular file' },
  { name: '--config is a symlink to /dev/zero', kind: 'config', argv: () => { rmSync(ctx.file('zero.yaml'), { force: true }); symlinkSync('/dev/zero', ctx.file('zero.yaml')); return ['--config', ctx.file('zero.yaml'), 'keys', 'setup', '--yes']; }, code: 2, field: '--config', expected: 'is a device' },
  { name: 'probe.clientSecert (misspelt) is not echoed', kind: 'config', argv: () => ['--config', conf('secert.yaml', withProbeKey('clientSecert', SECRET)), 'keys', 'setup', '--yes'], code: 2, field: 'probe.clientSecert', expected: 'MRRCTL_PROBE_CLIENT_SECRET', absent: [SECRET] },
  { name: 'probe.password is not echoed', kind: 'config', argv: () => ['--config', conf('password.yaml', withProbeKey('password', SECRET)), 'keys', 'setup', '--yes'], code: 2, field: 'probe.password', expected: '<redacted>', absent: [SECRET] },
  { name: 'top-level secret is not echoed', kind: 'config', argv: () => ['--config', conf('top-secret.yaml', `${ctx.w.config}secret: ${SECRET}\n`), 'keys', 'setup', '--yes'], code: 2, field: 'secret', expected: '<redacted>', absent: [SECRET] },
  { name: 'top-level apiKey is not echoed', kind: 'config', argv: () => ['--config', conf('apikey.yaml', `${ctx.w.config}apiKey: ${SECRET}\n`), 'keys', 'setup', '--yes'], code: 2, field: 'apiKey', expected: '<redacted>', absent: [SECRET] },
  { name: 'api_kee (misspelt) is not echoed', kind: 'config', argv: () => ['--config', conf('apikee.yaml', `${ctx.w.config}api_kee: ${SECRET}\n`), 'keys', 'setup', '--yes'], code: 2, field: 'api_kee', expected: '<redacted>', absent: [SECRET] },
  { name: 'key.privateKey is not echoed', kind: 'config', argv: () => ['--config', conf('private.yaml', edited((y) => y.replace(/key:\n {2}alias: (\S+)/, `key:\n  alias: $1\n  privateKey: ${SECRET}`))), 'keys', 'setup', '--yes'], code: 2, field: 'key.privateKey', expected: '<redacted>', absent: [SECRET] },
  { name: 'dns.tokn (misspelt token) is not echoed', kind: 'config', argv: () => ['--config', conf('tokn.yaml', edited((y) => y.replace(/dns:\n/, `dns:\n  tokn: ${SECRET}\n`))), 'keys', 'setup', '--yes'], code: 2, field: 'dns.tokn', expected: '<redacted>', absent: [SECRET] },
  { name: 'a secret inside a list under a misspelt key is not echoed', kind: 'config', argv: () => ['--config', conf('passwrds.yaml', `${ctx.w.config}passwrds: [${SECRET}]\n`), 'keys', 'setup', '--yes'], code: 2, field: 'passwrds', expected: '<redacted>', absent: [SECRET] },
  { name: 'a YAML syntax error on a line with a secret key is not echoed', kind: 'config', argv: () => ['--config', conf('secret-syntax.yaml', `clientSecert: "${SECRET}\nprimaryRegion: [\n`), 'keys', 'setup', '--yes'], code: 2, field: 'YAML syntax', expected: 'valid YAML', absent: [SECRET] },
  { name: 'a JSON syntax error on a line with a password is not echoed', kind: 'config', argv: () => ['--config', conf('secret-syntax.json', `{"pasword": "${SECRET}",,}`), 'keys', 'setup', '--yes'], code: 2, field: 'JSON syntax', expected: 'valid JSON', absent: [SECRET] },
  { name: 'JSON config whose top level is a list', kind: 'config', argv: () => ['--config', conf('list.json', '["us-east-1"]'), 'keys', 'setup', '--yes'], code: 2, field: 'list.json', expected: 'a mapping of settings' },
  { name: 'JSON config that is a bare string', kind: 'config', argv: () => ['--config', conf('string.json', '"mrrctl"'), 'keys', 'setup', '--yes'], code: 2, field: 'string.json', expected: 'a mapping of settings' },
  { name: 'drift.allow reason that is a number', kind: 'config', argv: () => ['--config', conf('reason-number.yaml', `${ctx.w.config}drift:\n  allow:\n    - { path: a.b, reason: 42 }\n`), 'keys', 'setup', '--yes'], code: 2, field: 'drift.allow[0].reason', expected: 'quote the value' },
  { name: 'dns.ttl out of range', kind: 'config', argv: () => ['--config', conf('ttl.yaml', edited((y) => y.replace(/dns:\n/, 'dns:\n  ttl: 99999999999\n'))), 'keys', 'setup', '--yes'], code: 2, field: 'dns.ttl', expected: 'from 0 to 2147483647' },
  { name: 'guards.minUnhealthySeconds negative', kind: 'config', argv: () => ['--config', conf('minunhealthy.yaml', edited((y) => y.replace(/minUnhealthySeconds: \d+/, 'minUnhealthySeconds: -1'))), 'keys', 'setup', '--yes'], code: 2, field: 'guards.minUnhealthySeconds', expected: '0 or more' },
  { name: 'guards.requireDriftClean not a boolean', kind: 'config', argv: () => ['--config', conf('driftclean.yaml', edited((y) => y.replace(/requireDriftClean: \w+/, 'requireDriftClean: maybe'))), 'keys', 'setup', '--yes'], code: 2, field: 'guards.requireDriftClean', expected: 'true or false' },
  { name: 'dns.strategy unknown', kind: 'config', argv: () => ['--config', conf('strategy.yaml', edited((y) => y.replace(/strategy: \S+/, 'strategy: roundrobin'))), 'keys', 'setup', '--yes'], code: 2, field: 'dns.strategy', expected: 'weighted, cognito-domain or arc-routing-control' },
  { name: 'dns record A with a name for a value', kind: 'config', argv: () => ['--config', conf('a-record.yaml', edited((y) => y.replace(/type: CNAME/, 'type: A'))), 'keys', 'setup', '--yes'], code: 2, field: '.value', expected: 'an IPv4 address' },
  // ── the same, named by the environment ─────────────────────────────────────────────────────────────
  { name: 'MRRCTL_CONFIG is /dev/zero', kind: 'environment', argv: () => ['keys', 'setup', '--yes'], env: () => ({ MRRCTL_CONFIG: '/dev/zero' }), code: 2, field: 'MRRCTL_CONFIG', expected: 'is a device, not a regular file' },
  { name: 'MRRCTL_CONFIG is a directory', kind: 'environment', argv: () => ['keys', 'setup', '--yes'], env: () => ({ MRRCTL_CONFIG: ctx.bad }), code: 2, field: 'MRRCTL_CONFIG', expected: 'is a directory' },
  { name: 'MRRCTL_CONFIG names a file over 1 MiB', kind: 'environment', argv: () => ['replica', 'create', '--yes'], env: () => ({ MRRCTL_CONFIG: conf('env-big.yaml', `${ctx.w.config}# ${'z'.repeat(1_100_000)}\n`) }), code: 2, field: 'MRRCTL_CONFIG', expected: 'at most 1048576 bytes' },
  { name: 'MRRCTL_CONFIG names JSON with a duplicate key', kind: 'environment', argv: () => ['keys', 'setup', '--yes'], env: () => ({ MRRCTL_CONFIG: conf('env-dup.json', '{"secondaryRegion": "eu-west-1", "secondaryRegion": "us-west-2"}') }), code: 2, field: 'env-dup.json', expected: 'each key once per object' },
  { name: 'MRRCTL_CONFIG names a FIFO', kind: 'environment', argv: () => ['keys', 'setup', '--yes'], env: () => ({ MRRCTL_CONFIG: fifo('env-corpus.fifo') }), code: 2, field: 'MRRCTL_CONFIG', expected: 'FIFO (named pipe)' },
];

describeCorpus('the bad-input corpus: config files', ctx, CASES);

describe('a config problem from the environment', () => {
  it('MRRCTL_CONFIG naming a FIFO is refused without hanging', async () => {
    const path = fifo('env-pipe.yaml');
    const since = ctx.w.lastSeq();
    const r = await runCase(ctx, { name: 'env fifo', kind: 'environment', argv: () => ['keys', 'setup', '--yes'], env: () => ({ MRRCTL_CONFIG: path }), code: 2, field: 'MRRCTL_CONFIG', expected: 'FIFO' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('MRRCTL_CONFIG: got');
    expect(r.stderr).toContain('is a FIFO (named pipe), not a regular file');
    expect(ctx.w.writesSince(since)).toEqual([]);
  });
});
