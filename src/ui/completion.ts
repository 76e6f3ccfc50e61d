/**
 * Shell completion scripts for bash, zsh and fish, generated from the command tree: the commands and
 * their subcommands, each command's own flags after it (with the global ones), and values after the
 * flags that take a known set — Regions after `--to`/`--region`/`--primary`/… (the config's when one
 * was found when the script was generated, else the multi-Region replication Regions), and a flag's
 * choices (`--output text json`). bash and zsh share the same two lookup functions (plain `case`).
 */
import type { Shell } from './completion-shells.js';

export { SHELLS, type Shell } from './completion-shells.js';

export interface CompletionCommand {
  /** `failover`, or `sandbox seed` for a subcommand. */
  path: string;
  subcommands: string[];
  /** The command's own long flags (`--to`, `--dry-run`). */
  flags: string[];
  /** Candidates for a flag's value, by flag. */
  values: Record<string, string[]>;
}

export interface CompletionSpec {
  commands: CompletionCommand[];
  globalFlags: string[];
  /** Candidates for a global flag's value (`--output`, `--primary`). */
  globalValues: Record<string, string[]>;
}

/** Names here are commander's: letters, digits, dashes. Anything else is dropped, never quoted into a script. */
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const safe = (words: string[]) => words.filter((w) => SAFE.test(w.replace(/^--/, '')));

function topLevel(spec: CompletionSpec): string[] {
  return safe(spec.commands.filter((c) => !c.path.includes(' ')).map((c) => c.path)).sort();
}

/** `_mrrctl_words KEY` (the words after a command path; "" = top level) and `_mrrctl_values KEY FLAG`. */
function lookupFunctions(spec: CompletionSpec): string[] {
  const globals = safe(spec.globalFlags).join(' ');
  const lines = ['_mrrctl_words() {', '  case "$1" in', `    "") echo "${topLevel(spec).join(' ')} ${globals}" ;;`];
  for (const c of spec.commands) {
    if (!SAFE.test(c.path.replace(/ /g, '-'))) continue;
    lines.push(`    "${c.path}") echo "${[...safe(c.subcommands), ...safe(c.flags)].join(' ')} ${globals}" ;;`);
  }
  lines.push(`    *) echo "${globals}" ;;`, '  esac', '}', '_mrrctl_values() {', '  case "$1|$2" in');
  for (const c of spec.commands) {
    for (const [flag, values] of Object.entries(c.values)) {
      if (SAFE.test(flag.replace(/^--/, '')) && SAFE.test(c.path.replace(/ /g, '-'))) lines.push(`    "${c.path}|${flag}") echo "${safe(values).join(' ')}" ;;`);
    }
  }
  for (const [flag, values] of Object.entries(spec.globalValues)) {
    if (SAFE.test(flag.replace(/^--/, ''))) lines.push(`    *"|${flag}") echo "${safe(values).join(' ')}" ;;`);
  }
  lines.push('  esac', '}', '_mrrctl_subcommands() {', '  case "$1" in');
  for (const c of spec.commands) {
    if (c.subcommands.length > 0 && !c.path.includes(' ')) lines.push(`    "${c.path}") echo "${safe(c.subcommands).join(' ')}" ;;`);
  }
  lines.push('  esac', '}');
  return lines;
}

function bash(spec: CompletionSpec): string {
  return [
    '# bash completion for mrrctl',
    ...lookupFunctions(spec),
    '_mrrctl() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" sub="" key="" values w i',
    '  [ "$COMP_CWORD" -gt 1 ] && prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    w="${COMP_WORDS[i]}"',
    `    if [ -z "$cmd" ]; then case " ${topLevel(spec).join(' ')} " in *" $w "*) cmd="$w" ;; esac`,
    '    elif [ -z "$sub" ]; then case " $(_mrrctl_subcommands "$cmd") " in *" $w "*) sub="$w" ;; esac',
    '    fi',
    '  done',
    '  key="$cmd"; [ -n "$sub" ] && key="$cmd $sub"',
    '  values="$(_mrrctl_values "$key" "$prev")"',
    '  if [ -n "$values" ]; then COMPREPLY=( $(compgen -W "$values" -- "$cur") ); return; fi',
    '  COMPREPLY=( $(compgen -W "$(_mrrctl_words "$key")" -- "$cur") )',
    '}',
    'complete -F _mrrctl mrrctl',
  ].join('\n');
}

function zsh(spec: CompletionSpec): string {
  return [
    '#compdef mrrctl',
    ...lookupFunctions(spec),
    '_mrrctl() {',
    '  local prev="${words[CURRENT-1]}" cmd="" sub="" key="" values w i',
    '  for ((i = 2; i < CURRENT; i++)); do',
    '    w="${words[i]}"',
    `    if [[ -z $cmd ]]; then [[ " ${topLevel(spec).join(' ')} " == *" $w "* ]] && cmd="$w"`,
    '    elif [[ -z $sub ]]; then [[ " $(_mrrctl_subcommands "$cmd") " == *" $w "* ]] && sub="$w"',
    '    fi',
    '  done',
    '  key="$cmd"; [[ -n $sub ]] && key="$cmd $sub"',
    '  values="$(_mrrctl_values "$key" "$prev")"',
    '  if [[ -n $values ]]; then compadd -- ${=values}; return; fi',
    '  compadd -- ${=$(_mrrctl_words "$key")}',
    '}',
    'compdef _mrrctl mrrctl',
  ].join('\n');
}

function fish(spec: CompletionSpec): string {
  const lines = ['# fish completion for mrrctl', 'complete -c mrrctl -f'];
  const top = topLevel(spec);
  for (const c of top) lines.push(`complete -c mrrctl -n '__fish_use_subcommand' -a ${c}`);
  const condition = (path: string) => {
    const [cmd, sub] = path.split(' ');
    return sub ? `__fish_seen_subcommand_from ${cmd}; and __fish_seen_subcommand_from ${sub}` : `__fish_seen_subcommand_from ${cmd}`;
  };
  for (const c of spec.commands) {
    if (!SAFE.test(c.path.replace(/ /g, '-'))) continue;
    for (const s of safe(c.subcommands)) lines.push(`complete -c mrrctl -n '${condition(c.path)}' -a ${s}`);
    for (const f of safe(c.flags)) {
      const values = c.values[f];
      lines.push(`complete -c mrrctl -n '${condition(c.path)}' -l ${f.replace(/^--/, '')}${values ? ` -x -a '${safe(values).join(' ')}'` : ''}`);
    }
  }
  for (const f of safe(spec.globalFlags)) {
    const values = spec.globalValues[f];
    lines.push(`complete -c mrrctl -l ${f.replace(/^--/, '')}${values ? ` -x -a '${safe(values).join(' ')}'` : ''}`);
  }
  return lines.join('\n');
}

export function renderCompletion(shell: Shell, spec: CompletionSpec): string {
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}
