/** The runbook's three phases, each through its own command: keys, issuer, replica. */
import { check, cli, type Scenario } from './step.js';

export const phases: Scenario = {
  id: 'phases',
  title: 'phases: keys setup → issuer switch → replica create → replica activate',
  steps: [
    cli('preflight names what is missing before phase 1', ['preflight'], 3),
    cli('phase 1: keys setup', ['keys', 'setup', '--yes'], 0),
    cli('keys verify', ['keys', 'verify'], 0),
    cli('phase 2: issuer switch', ['issuer', 'switch', '--yes'], 0),
    cli('issuer status shows UPDATED', ['issuer', 'status'], 0, (e, r) => check(JSON.stringify(e.data).includes('UPDATED'), r, 'the issuer is not UPDATED')),
    cli('phase 3a: replica create --wait', ['replica', 'create', '--wait', '--yes'], 0),
    cli('phase 3b: replica activate', ['replica', 'activate', '--yes'], 0),
    cli('replica list shows the secondary ACTIVE', ['replica', 'list'], 0, (e, r) => check(JSON.stringify(e.data).includes('ACTIVE'), r, 'no ACTIVE replica listed')),
  ],
};
