/** `mrrctl completion bash|zsh|fish`: a completion script built from the program's own commands. */
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { renderCompletion, SHELLS, type Shell } from '../../ui/completion.js';

function commandTree(program: Command): Record<string, string[]> {
  const tree: Record<string, string[]> = {};
  for (const cmd of program.commands) {
    tree[cmd.name()] = cmd.commands.map((c) => c.name());
  }
  return tree;
}

function globalFlagNames(program: Command): string[] {
  return program.options.map((o) => o.long).filter((l): l is string => Boolean(l));
}

export function registerCompletion(program: Command, hooks: ProgramHooks): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .addHelpText('after', '\nExample:\n  mrrctl completion bash > /etc/bash_completion.d/mrrctl\n  mrrctl completion zsh > "${fpath[1]}/_mrrctl"')
    .action(
      actionFor(hooks, async (_ctx, [shell]) => {
        if (!SHELLS.includes(shell as Shell)) {
          throw new InputError('MRR_INPUT_E002', 'arguments', 'shell', shell, SHELLS.join(' | '));
        }
        const script = renderCompletion(shell as Shell, commandTree(program), globalFlagNames(program));
        return { command: 'completion', ok: true, data: { shell, script }, diagnostics: [], text: [script] };
      }),
    );
}
