/**
 * The completion scripts' candidates: each command's own flags after the command, subcommands, and
 * values after Region and choice flags — the config's Regions when one is found, else the
 * multi-Region replication Regions. bash runs the generated script for real (COMP_WORDS → COMPREPLY);
 * zsh is not installed here, so its lookup functions (plain `case`, the same text as bash's) run under
 * bash and its wrapper is checked as text; fish is checked as its `complete` lines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const MRR_REGIONS = 'us-east-1 us-east-2 us-west-1 us-west-2 ap-south-1 ap-northeast-2 ap-southeast-1 ap-southeast-2 ap-northeast-1 ca-central-1 eu-central-1 eu-west-1 eu-west-2 eu-west-3 eu-north-1 sa-east-1';

async function script(shell: string, cwd?: string): Promise<string> {
  const r = await runCli(['completion', shell], { cwd: cwd ?? mkdtempSync(join(tmpdir(), 'mrrctl-nocfg-')) });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** What bash completes for the words typed so far (the last one is being completed). */
function bashComplete(text: string, words: string[]): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'mrrctl-completion-')), 'mrrctl.bash');
  writeFileSync(file, text);
  const array = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source '${file}'; COMP_WORDS=(mrrctl ${array}); COMP_CWORD=${words.length}; _mrrctl; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

function shellLookup(text: string, call: string): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'mrrctl-completion-')), 'lookup.sh');
  // Only the lookup functions: everything before the _mrrctl() wrapper.
  writeFileSync(file, text.slice(0, text.indexOf('_mrrctl() {')));
  const r = spawnSync('bash', ['-c', `source '${file}'; ${call}`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split(/\s+/).filter(Boolean);
}

describe('bash completion', () => {
  it('offers the commands and global flags first', async () => {
    const got = bashComplete(await script('bash'), ['fa']);
    expect(got).toEqual(['failover']);
  });

  it("completes failover's own flags after failover, with the global ones", async () => {
    const got = bashComplete(await script('bash'), ['failover', '--']);
    for (const flag of ['--to', '--dry-run', '--planned', '--force', '--reason', '--break-lock', '--plan-out', '--yes', '--output', '--sandbox']) expect(got, flag).toContain(flag);
    expect(bashComplete(await script('bash'), ['failover', '--dr'])).toEqual(['--dry-run']);
  });

  it('completes the MRR Regions after --to when no config is found', async () => {
    expect(bashComplete(await script('bash'), ['failover', '--to', '']).join(' ')).toBe(MRR_REGIONS);
    expect(bashComplete(await script('bash'), ['--output', 'json', 'failover', '--to', 'eu-w'])).toEqual(['eu-west-1', 'eu-west-2', 'eu-west-3']);
  });

  it("completes the config's Regions when the script is generated next to a config", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-cfg-'));
    writeFileSync(join(dir, 'mrrctl.yaml'), 'userPoolId: ap-southeast-2_Abc123\nprimaryRegion: ap-southeast-2\nsecondaryRegion: ap-northeast-1\n');
    const text = await script('bash', dir);
    expect(bashComplete(text, ['failover', '--to', ''])).toEqual(['ap-southeast-2', 'ap-northeast-1']);
    expect(bashComplete(text, ['--primary', ''])).toEqual(['ap-southeast-2', 'ap-northeast-1']);
  });

  it('completes subcommands, their own flags, and choices', async () => {
    const text = await script('bash');
    expect(bashComplete(text, ['sandbox', 'se'])).toEqual(['seed']);
    expect(bashComplete(text, ['sandbox', 'fault', '--reg'])).toEqual(['--region']);
    expect(bashComplete(text, ['sandbox', 'fault', '--region', 'us-east-'])).toEqual(['us-east-1', 'us-east-2']);
    expect(bashComplete(text, ['status', '--output', ''])).toEqual(['text', 'json']);
    // drift's own flags are not offered after failover.
    expect(bashComplete(text, ['failover', '--fail'])).toEqual([]);
    expect(bashComplete(text, ['drift', '--fail'])).toEqual(['--fail-on']);
  });
});

describe('zsh completion', () => {
  it('shares the lookup functions: command flags, Regions after --to', async () => {
    const text = await script('zsh');
    expect(text.startsWith('#compdef mrrctl\n')).toBe(true);
    expect(text).toContain('compdef _mrrctl mrrctl');
    expect(shellLookup(text, '_mrrctl_words failover')).toEqual(expect.arrayContaining(['--to', '--dry-run', '--planned', '--yes']));
    expect(shellLookup(text, '_mrrctl_words failover')).not.toContain('--fail-on');
    expect(shellLookup(text, "_mrrctl_values failover --to").join(' ')).toBe(MRR_REGIONS);
    expect(shellLookup(text, "_mrrctl_values 'sandbox fault' --region").join(' ')).toBe(MRR_REGIONS);
    expect(shellLookup(text, "_mrrctl_values status --output")).toEqual(['text', 'json']);
  });
});

describe('fish completion', () => {
  it("completes each command's flags under its condition, Regions after --to", async () => {
    const lines = (await script('fish')).split('\n');
    expect(lines).toContain(`complete -c mrrctl -n '__fish_seen_subcommand_from failover' -l to -x -a '${MRR_REGIONS}'`);
    expect(lines).toContain("complete -c mrrctl -n '__fish_seen_subcommand_from failover' -l dry-run");
    expect(lines).toContain("complete -c mrrctl -n '__fish_seen_subcommand_from sandbox' -a seed");
    expect(lines).toContain(`complete -c mrrctl -n '__fish_seen_subcommand_from sandbox; and __fish_seen_subcommand_from fault' -l region -x -a '${MRR_REGIONS}'`);
    expect(lines).toContain("complete -c mrrctl -l output -x -a 'text json'");
  });
});
