/** Shell completion scripts for bash, zsh and fish, generated from the command tree. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function renderCompletion(shell: Shell, tree: Record<string, string[]>, flags: string[]): string {
  const top = Object.keys(tree).sort();
  if (shell === 'bash') {
    const cases = top
      .filter((c) => tree[c].length > 0)
      .map((c) => `    ${c}) COMPREPLY=( $(compgen -W "${tree[c].join(' ')} ${flags.join(' ')}" -- "$cur") ); return ;;`)
      .join('\n');
    return [
      '# bash completion for mrrctl',
      '_mrrctl() {',
      '  local cur="${COMP_WORDS[COMP_CWORD]}"',
      '  if [ "$COMP_CWORD" -eq 1 ]; then',
      `    COMPREPLY=( $(compgen -W "${top.join(' ')} ${flags.join(' ')}" -- "$cur") ); return`,
      '  fi',
      '  case "${COMP_WORDS[1]}" in',
      cases,
      `    *) COMPREPLY=( $(compgen -W "${flags.join(' ')}" -- "$cur") ) ;;`,
      '  esac',
      '}',
      'complete -F _mrrctl mrrctl',
    ].join('\n');
  }
  if (shell === 'zsh') {
    const subs = top
      .filter((c) => tree[c].length > 0)
      .map((c) => `    ${c}) compadd -- ${tree[c].join(' ')} ;;`)
      .join('\n');
    return [
      '#compdef mrrctl',
      '_mrrctl() {',
      '  if (( CURRENT == 2 )); then',
      `    compadd -- ${top.join(' ')} ${flags.join(' ')}`,
      '    return',
      '  fi',
      '  case "$words[2]" in',
      subs,
      `    *) compadd -- ${flags.join(' ')} ;;`,
      '  esac',
      '}',
      'compdef _mrrctl mrrctl',
    ].join('\n');
  }
  const lines = ['# fish completion for mrrctl', 'complete -c mrrctl -f'];
  for (const c of top) lines.push(`complete -c mrrctl -n '__fish_use_subcommand' -a ${c}`);
  for (const c of top) {
    for (const s of tree[c]) lines.push(`complete -c mrrctl -n '__fish_seen_subcommand_from ${c}' -a ${s}`);
  }
  for (const f of flags) lines.push(`complete -c mrrctl -l ${f.replace(/^--/, '')}`);
  return lines.join('\n');
}
