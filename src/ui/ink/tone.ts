/**
 * Colour for the ink views, decided by the TerminalPolicy (NO_COLOR, --no-color, TTY) and nothing
 * else: escapes are written into the text here instead of through ink's `color` prop, whose colour
 * support is detected from process.stdout — the wrong stream when the view renders on stderr and
 * stdout is piped. With `enabled` false the text comes back untouched (unstyled test frames).
 */

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  inverse: [7, 27],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

export type Tone = keyof typeof CODES;

export type Paint = (text: string, ...tones: Tone[]) => string;

export function painter(enabled: boolean): Paint {
  return (text, ...tones) => {
    if (!enabled || text === '' || tones.length === 0) return text;
    const open = tones.map((t) => `\u001b[${CODES[t][0]}m`).join('');
    const close = [...tones].reverse().map((t) => `\u001b[${CODES[t][1]}m`).join('');
    return `${open}${text}${close}`;
  };
}

/** 850 ms, 12.3 s, 4 min 05 s: short enough for a progress row, exact enough to compare runs. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Whole seconds for a ticking counter ("12 s", "2 min 05 s"). */
export function formatSeconds(ms: number): string {
  return ms < 60_000 ? `${Math.floor(Math.max(0, ms) / 1000)} s` : formatDuration(ms);
}
