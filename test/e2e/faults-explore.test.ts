import { it } from 'vitest';
import { spawn } from 'node:child_process';
import { main } from '../../src/main.js';
import { bufferIo } from '../../src/ui/io.js';
import { systemClock } from '../../src/cli/context.js';
import { BIN } from '../helpers/run-cli.js';
import { failoverWorld } from '../core/failover/sandbox-world.js';
import type { CallRecord } from '../../src/sandbox/types.js';

const show = (label: string, r: any) => console.log(`\n===== ${label} code=${r.code}\n--stdout\n${r.stdout.slice(0, 3000)}\n--stderr\n${r.stderr.slice(-2500)}`);

it('explore', async () => {
  const fw = await failoverWorld({ activate: true, guards: { cooldownSeconds: 0 } });
  const { sb } = fw.w;
  const argv = ['--sandbox', sb.url, 'failover', '--to', fw.secondary, '--yes', '--planned', '--reason', 'crash drill', '--timeout', '5'];
  const child = spawn(process.execPath, [BIN, ...argv], { cwd: fw.w.dir, env: { PATH: process.env.PATH, HOME: fw.w.dir, MRRCTL_JOURNAL: fw.w.journal, ...fw.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = ''; child.stderr.on('data', (d) => (err += d));
  let n = 0;
  const log = sb.world.callLog;
  const orig = log.record.bind(log);
  log.record = (input) => {
    const r: CallRecord = orig(input);
    if (r.operation === 'ChangeResourceRecordSets' && r.status === 200 && ++n === 2) child.kill('SIGKILL');
    return r;
  };
  const code = await new Promise((res) => child.on('close', (c, s) => res(`${c} ${s}`)));
  log.record = orig;
  console.log('child', code, err.slice(-1500));
  console.log(await fw.weights(), await fw.txt('_mrrctl-lock'), await fw.txt('_mrrctl-history'));
  let r = await fw.w.run(['failover', '--to', fw.secondary, '--yes', '--planned', '--reason', 'rerun'], { env: fw.env }); show('rerun', r);
  const io = bufferIo({});
  const later = { now: () => new Date(Date.now() + 400_000), sleep: systemClock.sleep };
  const c2 = await main(['--sandbox', sb.url, 'failover', '--to', fw.secondary, '--yes', '--planned', '--reason', 'rerun', '--break-lock'], { io, env: { HOME: fw.w.dir, MRRCTL_JOURNAL: fw.w.journal, ...fw.env }, cwd: fw.w.dir, clock: later });
  show('break-lock later', { code: c2, stdout: io.out(), stderr: io.err() });
  console.log(await fw.weights(), await fw.txt('_mrrctl-lock'), await fw.txt('_mrrctl-history'));
  const io2 = bufferIo({});
  const c3 = await main(['--sandbox', sb.url, 'failover', '--to', fw.primary, '--yes', '--planned', '--reason', 'back', '--break-lock'], { io: io2, env: { HOME: fw.w.dir, MRRCTL_JOURNAL: fw.w.journal, ...fw.env }, cwd: fw.w.dir, clock: later });
  show('failback break-lock later', { code: c3, stdout: io2.out(), stderr: io2.err() });
  console.log(await fw.weights(), await fw.txt('_mrrctl-lock'), await fw.txt('_mrrctl-history'));
  await fw.stop();
}, 120_000);
