/**
 * Text that reaches a terminal is made safe there, once, whatever view produced it: a string from AWS,
 * a file or the environment (an operator name, a --reason, a history record, a drift allowance, an AWS
 * error message) could otherwise carry escape sequences that retitle the window (`ESC ] 0 ; … BEL`),
 * clear the screen (`ESC [ 2 J`), move the cursor over earlier lines or reorder text (bidi overrides).
 * Control characters are shown escaped (`\x1b`, `\x07`, `\u{202e}`) instead. Newline and tab stay.
 * JSON output is never passed through here: it stays exact (JSON escapes control characters itself).
 */

/** Select Graphic Rendition (colours, bold): the only sequence the views themselves emit. */
const SGR = /\x1b\[[0-9;]*m/y;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export interface TerminalSafeOptions {
  /** Keep colour sequences (the view's own, when colour is on). Default false: data carries none. */
  allowColour?: boolean;
}

export function terminalSafe(text: string, options: TerminalSafeOptions = {}): string {
  if (!UNSAFE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x1b && options.allowColour) {
      SGR.lastIndex = i;
      const colour = SGR.exec(text);
      if (colour) {
        out += colour[0];
        i += colour[0].length - 1;
        continue;
      }
    }
    if (code === 0x0a || code === 0x09) out += text[i];
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (UNSAFE.test(text[i])) out += `\\u{${code.toString(16)}}`;
    else out += text[i];
  }
  return out;
}

/** Every string inside a value made safe (for views that lay out data themselves, e.g. ink). */
export function terminalSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map((v) => terminalSafeDeep(v)) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = terminalSafeDeep(v);
  return Object.setPrototypeOf(out, Object.getPrototypeOf(value)) as T;
}
