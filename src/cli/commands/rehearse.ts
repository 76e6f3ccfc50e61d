/** `mrrctl rehearse`: the whole runbook as a game day on an ephemeral sandbox, with a timeline. */
import type { Command } from 'commander';
import { REHEARSAL_SCENARIOS } from '../../core/rehearse/runbook.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { RehearseFlags } from './rehearse/run.js';

export function registerRehearse(program: Command, hooks: ProgramHooks): void {
  program
    .command('rehearse')
    .description('run the whole runbook as a game day on an ephemeral sandbox, with a timeline')
    .option('--scenario <name>', `the game day to run: ${REHEARSAL_SCENARIOS.join(' or ')}`, 'default')
    .option('--report <file>', 'write a Markdown report (timeline, findings, plans)')
    .option('--keep', 'leave the sandbox running afterwards to explore (Ctrl-C to stop)')
    .option('--window <seconds>', "the rehearsal config's anti-flap window and cooldown", '3')
    .addHelpText('after', '\nExamples:\n  mrrctl rehearse --report gameday.md\n  mrrctl rehearse --scenario region-outage --report region-outage.md')
    .action(
      // The runner, the sandbox and the report load only when the command runs (./rehearse/run.ts).
      actionFor<RehearseFlags>(hooks, async (ctx, _args, flags) => (await import('./rehearse/run.js')).runRehearse(ctx, flags)),
    );
}
