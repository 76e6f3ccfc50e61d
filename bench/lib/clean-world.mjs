/**
 * A world a guarded failover accepts: replica ACTIVE, the Regional resources the pool uses deployed
 * in the secondary too (the rehearsal's own "deploy what the secondary lacks"), and the secondary's
 * Regional settings aligned by `mrrctl drift fix`. Also returns the probe client's secret, which
 * failover reads from MRRCTL_PROBE_CLIENT_SECRET (never from the config).
 */
import { performance } from 'node:perf_hooks';
import { dist } from './child.mjs';
import { makeReplicated } from './world.mjs';


export async function inProcessCli(w, argv, env = {}) {
  const { main } = await dist('main.js');
  const { bufferIo } = await dist('ui/io.js');
  const io = bufferIo();
  const started = performance.now();
  const code = await main([...w.sandboxArgs, ...argv], { io, cwd: w.dir, env: { PATH: process.env.PATH, NO_COLOR: '1', ...w.env, ...env } });
  return { code, ms: performance.now() - started, stdout: io.out(), stderr: io.err() };
}

export async function makeFailoverReady(w) {
  await makeReplicated(w, { activate: true });
  const { AwsClients } = await dist('aws/clients.js');
  const { deployMissing } = await dist('cli/rehearse/deploy-missing.js');
  const clients = new AwsClients({ target: { endpoint: w.sb.url, sandbox: true } });
  try {
    await deployMissing(clients, w.world, w.summary.primaryRegion, w.summary.secondaryRegion);
  } finally {
    clients.destroy();
  }
  const fix = await inProcessCli(w, ['drift', 'fix', '--yes']);
  if (fix.code !== 0) throw new Error(`bench setup: drift fix exited ${fix.code}: ${fix.stderr}${fix.stdout}`);
  const drift = await inProcessCli(w, ['drift', '--recheck-after', '0']);
  const client = await w.cognito('DescribeUserPoolClient', { UserPoolId: w.summary.userPoolId, ClientId: w.summary.m2mClientId });
  return { driftExit: drift.code, driftText: drift.stdout, probeSecret: String(client.UserPoolClient?.ClientSecret ?? '') };
}
