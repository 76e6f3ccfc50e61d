/** `mrrctl completion bash|zsh|fish`: a completion script built from the program's own commands. */
import type { Command } from 'commander';
import { SHELLS } from '../../ui/completion-shells.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';

export function registerCompletion(program: Command, hooks: ProgramHooks): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .addHelpText(
      'after',
      '\nRegions after --to, --region, --primary… are the config\'s when one is found where the script is\n' +
        'generated, else every Region that offers multi-Region replication.\n' +
        '\nExample:\n  mrrctl completion bash > /etc/bash_completion.d/mrrctl\n  mrrctl completion zsh > "${fpath[1]}/_mrrctl"',
    )
    .action(
      // The script templates and the Region list load only when the command runs (./completion/run.ts).
      actionFor(hooks, async (ctx, [shell]) => (await import('./completion/run.js')).runCompletion(ctx, program, shell)),
    );
}
