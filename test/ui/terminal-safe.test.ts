import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeDeep } from '../../src/ui/terminal-safe.js';

describe('terminalSafe', () => {
  it('shows a retitle and a screen clear escaped', () => {
    expect(terminalSafe('\x1b]0;pwned\x07\x1b[2J')).toBe('\\x1b]0;pwned\\x07\\x1b[2J');
  });
  it('keeps newlines and tabs, escapes carriage return, DEL, C1 and bidi overrides', () => {
    expect(terminalSafe('a\tb\nc\rd\x7fe\x9bf\u202eg')).toBe('a\tb\nc\\x0dd\\x7fe\\x9bf\\u{202e}g');
  });
  it('keeps colour only when allowed, and never other sequences', () => {
    expect(terminalSafe('\x1b[32mok\x1b[39m\x1b[2J', { allowColour: true })).toBe('\x1b[32mok\x1b[39m\\x1b[2J');
    expect(terminalSafe('\x1b[32mok\x1b[39m')).toBe('\\x1b[32mok\\x1b[39m');
  });
  it('leaves plain text (and non-ASCII letters) alone', () => {
    expect(terminalSafe('us-east-1 → eu-west-1 ✓ café')).toBe('us-east-1 → eu-west-1 ✓ café');
  });
  it('makes every string of a value safe, keeping dates and numbers', () => {
    const at = new Date(0);
    expect(terminalSafeDeep({ a: ['\x1b[2J'], n: 1, at })).toEqual({ a: ['\\x1b[2J'], n: 1, at });
  });
});
