/**
 * The terminal experience, end to end: the real executable under a real pseudo-terminal (util-linux
 * `script`) against the sandbox, compared with the same command piped. On the terminal: the
 * typed-Region prompt, colour, and a live region that redraws; piped: no prompt (exit 5 naming
 * --yes) and not one escape sequence. Needs `npm run build` (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CognitoIdentityProviderClient, UpdateUserPoolReplicaCommand } from '@aws-sdk/client-cognito-identity-provider';
import { BIN, runCliProcess, type CliRun } from '../helpers/run-cli.js';
import { awsClientConfig } from '../helpers/sandbox.js';
import { replicaStatus, setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

const SCRIPT = '/usr/bin/script';
const ESC = /\u001b\[/;
/** Text without escape sequences, to read what the operator reads. */
const unstyled = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

let w: SeededWorld;
beforeAll(async () => {
  w = await seededWorld();
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: true });
});
afterAll(async () => {
  await w?.stop();
});

/** What the child sees: only what we pass (no CI, no NO_COLOR from the test runner's environment). */
function childEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: w.dir, MRRCTL_JOURNAL: w.journal, TERM: 'xterm-256color', SHELL: '/bin/sh' };
}

interface PtyRun {
  code: number;
  output: string;
}

/**
 * Runs `mrrctl --sandbox URL ...argv` under `script`, so stdin, stdout and stderr are one terminal.
 * `input` is typed into the terminal at start; `whenShown` sends keys once the output shows a text.
 */
function runInPty(argv: string[], opts: { input?: string; whenShown?: { text: string; keys: string } } = {}): Promise<PtyRun> {
  // exec: no shell stays between script and mrrctl to take the Ctrl-C itself.
  const command = `exec ${[process.execPath, BIN, '--sandbox', w.sb.url, ...argv].map(quote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qefc', command, '/dev/null'], { cwd: w.dir, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (d) => {
      output += d;
      if (opts.whenShown && !sent && output.includes(opts.whenShown.text)) {
        sent = true;
        child.stdin.end(opts.whenShown.keys);
      }
    });
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
    if (opts.input !== undefined) child.stdin.write(opts.input);
    if (!opts.whenShown) child.stdin.end();
  });
}

/** Each test states the replica status it starts from (set through the SDK), so any one can run alone. */
async function replicaIs(status: 'ACTIVE' | 'INACTIVE'): Promise<void> {
  if ((await replicaStatus(w)) === status) return;
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, w.summary.primaryRegion));
  await cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId: w.summary.userPoolId, RegionName: w.summary.secondaryRegion, Status: status }));
  for (let i = 0; i < 200 && (await replicaStatus(w)) !== status; i++) await new Promise((r) => setTimeout(r, 25));
  expect(await replicaStatus(w)).toBe(status);
}

function runPiped(argv: string[], stdin?: string): Promise<CliRun> {
  return runCliProcess(['--sandbox', w.sb.url, ...argv], { cwd: w.dir, env: childEnv(), stdin });
}

describe.skipIf(!existsSync(SCRIPT))('on a terminal and piped', () => {
  it('piped: no prompt, exit 5 naming --yes, nothing written, and not one escape sequence', async () => {
    await replicaIs('ACTIVE');
    const since = w.lastSeq();
    const r = await runPiped(['replica', 'deactivate'], 'eu-west-1\n');
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('--yes');
    expect(r.stderr).not.toContain('Type the Region');
    expect(r.stdout + r.stderr).not.toMatch(ESC);
    // The plan is still shown, as plain lines grouped by Region.
    expect(r.stderr).toMatch(/^us-east-1 \(primary\)$/m);
    expect(r.stderr).toContain('[DESTRUCTIVE]');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('on a terminal: coloured plan, the typed-Region prompt, live progress, and the change applied', async () => {
    await replicaIs('ACTIVE');
    const r = await runInPty(['replica', 'deactivate'], { input: 'eu-west-1\n' });
    expect(r.code).toBe(0);
    expect(r.output).toContain('Type the Region');
    expect(r.output).toContain('This plan has 1 destructive step.');
    expect(r.output).toContain('✓ confirmed');
    // Colour (red badge for the destructive step, green ✓) and a live region that erases and redraws.
    expect(r.output).toContain('\u001b[31m\u001b[7m\u001b[1m DESTRUCTIVE ');
    expect(r.output).toMatch(/\u001b\[32m\u001b\[1m✓\u001b\[22m\u001b\[39m 1\/1 deactivate the replica in eu-west-1/);
    expect(r.output).toContain('\u001b[2K\u001b[1A');
    expect(r.output).toContain('Applied 1 step(s)');
    expect(await replicaStatus(w)).toBe('INACTIVE');
  });

  it('status: the dashboard side by side on a terminal; --watch refreshes until Ctrl-C and exits 0; piped --watch is refused', async () => {
    const once = await runInPty(['status']);
    expect(once.code).toBe(0);
    const row = once.output.split('\n').find((l) => l.includes('us-east-1') && l.includes('eu-west-1') && l.includes('PRIMARY'));
    expect(row).toMatch(/│.*us-east-1.*PRIMARY.*│.*│.*eu-west-1.*SECONDARY.*│/);

    const watch = await runInPty(['status', '--watch', '--interval', '1'], { whenShown: { text: 'refreshed', keys: '\u0003' } });
    expect(watch.code).toBe(0);
    expect(watch.output).toContain('Ctrl-C to stop');

    // Without a terminal (in-process, buffers for streams) --watch is refused before anything is read.
    const since = w.lastSeq();
    const piped = await w.run(['status', '--watch']);
    expect(w.sb.calls().filter((c) => c.seq > since)).toEqual([]);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('--watch refreshes the dashboard in place and needs a terminal');
    expect(piped.stdout).toBe('');
  });

  it('a terminal whose stdin takes no raw mode is asked with a line: a wrong Region changes nothing, the right one applies', async () => {
    // In-process with TTY-flagged buffers: ink renders into the stderr buffer, the answer is read as a line.
    await replicaIs('ACTIVE');
    const since = w.lastSeq();
    const wrong = await w.run(['replica', 'deactivate'], { tty: true, stdin: 'us-east-1\n' });
    expect(wrong.code).toBe(5);
    expect(unstyled(wrong.stderr)).toContain('? replica deactivate for');
    expect(unstyled(wrong.stderr)).toContain('Type the Region "eu-west-1" to confirm:');
    expect(wrong.stderr).toContain('[MRR_CONFIRM_E002]');
    expect(w.writesSince(since)).toEqual([]);

    const right = await w.run(['replica', 'deactivate'], { tty: true, stdin: 'eu-west-1\n' });
    expect(right.code).toBe(0);
    expect(unstyled(right.stderr)).toContain('✓ 1/1 deactivate the replica in eu-west-1');
    expect(right.stdout).toContain('Applied 1 step(s)');
    expect(await replicaStatus(w)).toBe('INACTIVE');
  });
});
