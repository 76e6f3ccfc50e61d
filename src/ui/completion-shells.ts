/** The shells completion scripts exist for, alone: `mrrctl completion --help` names them without loading ./completion.ts. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
