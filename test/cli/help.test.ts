/**
 * Every subcommand's help shows the global flags it accepts as "Inherited flags", as gh does; the
 * root help lists them once as its own options (no inherited section there).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const INHERITED = ['--config <file>', '--pool <id>', '--primary <region>', '--secondary <region>', '--profile <name>', '--endpoint-url <url>', '--sandbox [url]', '--output <format>', '--yes', '--no-color', '--verbose'];

function section(help: string, title: string): string {
  const start = help.indexOf(`\n${title}\n`);
  if (start < 0) return '';
  const rest = help.slice(start + title.length + 2);
  const end = rest.search(/\n\S/);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('inherited flags in subcommand help', () => {
  it.each([['failover'], ['drift'], ['status'], ['sandbox seed'], ['keys setup']])('mrrctl %s --help lists every global flag under "Inherited flags:"', async (command) => {
    const r = await runCli([...command.split(' '), '--help']);
    expect(r.code).toBe(0);
    const inherited = section(r.stdout, 'Inherited flags:');
    const terms = inherited.split('\n').map((line) => line.trim().split(/\s{2,}/)[0]).filter((t) => t.startsWith('--'));
    expect(terms).toEqual(INHERITED);
    // The root's --version is not a flag of the subcommand.
    expect(inherited).not.toContain('--version');
  });

  it('the command options come first, then the inherited ones', async () => {
    const r = await runCli(['failover', '--help']);
    expect(r.stdout.indexOf('--to <region>')).toBeGreaterThan(-1);
    expect(r.stdout.indexOf('--to <region>')).toBeLessThan(r.stdout.indexOf('Inherited flags:'));
  });

  it('the root help has no inherited section', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).not.toContain('Inherited flags:');
    expect(r.stdout).toContain('--yes');
  });
});
