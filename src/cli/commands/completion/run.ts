/**
 * The body of `mrrctl completion <shell>` (loaded by ../completion.ts when the command runs, not for
 * its --help): the script is generated from the command tree alone (the wiring of every command, see
 * registrarsFor in ../../program.ts), never from the commands' bodies.
 */
import type { Command, Option } from 'commander';
import type { CommandContext } from '../../../app/context.js';
import { REPLICATION_REGIONS } from '../../../core/config/regions.js';
import { InputError } from '../../../core/errors.js';
import type { CommandResult } from '../../../ui/output.js';
import { renderCompletion, SHELLS, type CompletionCommand, type CompletionSpec, type Shell } from '../../../ui/completion.js';

/** A flag whose value is a Region (`--to <region>`, `--region <region>`, `--primary <region>`…). */
function takesRegion(option: Option): boolean {
  return /<region>|\[region\]/.test(option.flags);
}

function valuesOf(options: readonly Option[], regions: string[]): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const o of options) {
    if (!o.long) continue;
    if (o.argChoices && o.argChoices.length > 0) values[o.long] = [...o.argChoices];
    else if (takesRegion(o)) values[o.long] = regions;
  }
  return values;
}

function describe(cmd: Command, path: string, regions: string[]): CompletionCommand {
  return {
    path,
    subcommands: cmd.commands.map((c) => c.name()),
    flags: cmd.options.map((o) => o.long).filter((l): l is string => Boolean(l)),
    values: valuesOf(cmd.options, regions),
  };
}

export function completionSpec(program: Command, regions: string[]): CompletionSpec {
  const commands: CompletionCommand[] = [];
  for (const cmd of program.commands) {
    commands.push(describe(cmd, cmd.name(), regions));
    for (const sub of cmd.commands) commands.push(describe(sub, `${cmd.name()} ${sub.name()}`, regions));
  }
  return {
    commands,
    globalFlags: program.options.map((o) => o.long).filter((l): l is string => Boolean(l) && l !== '--version'),
    globalValues: valuesOf(program.options, regions),
  };
}

/**
 * The Regions offered after a Region flag: the config's two when a config (or --primary/--secondary)
 * names them where the script is generated, else every Region that offers multi-Region replication.
 */
async function completionRegions(ctx: CommandContext): Promise<string[]> {
  try {
    const t = await ctx.topology();
    return [t.primaryRegion, t.secondaryRegion];
  } catch {
    return [...REPLICATION_REGIONS.regions];
  }
}

export async function runCompletion(ctx: CommandContext, program: Command, shell: string): Promise<CommandResult> {
  if (!SHELLS.includes(shell as Shell)) {
    throw new InputError('MRR_INPUT_E002', 'arguments', 'shell', shell, SHELLS.join(' | '));
  }
  const script = renderCompletion(shell as Shell, completionSpec(program, await completionRegions(ctx)));
  return { command: 'completion', ok: true, data: { shell, script }, diagnostics: [], text: [script] };
}
