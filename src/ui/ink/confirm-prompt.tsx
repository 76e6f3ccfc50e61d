/**
 * The confirmation prompt on a terminal. Traffic-moving and destructive plans make the operator type
 * the target Region (a reflexive "y" at 3 a.m. is too easy); the typed text turns green once it
 * matches. Others ask y/N. Enter submits, Esc or Ctrl-C cancels (nothing is changed either way).
 */
import { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { painter } from './tone.js';

export interface ConfirmPromptProps {
  question: string;
  /** When set, the answer must be exactly this (the target Region). */
  typeToConfirm?: string;
  /** What typeToConfirm is ("the Region" unless said). */
  typeWhat?: string;
  /** Why this plan needs care, e.g. "1 destructive step, 1 moving traffic". */
  warning?: string;
  color: boolean;
  /** The typed answer, or null when the operator cancelled. Called once. */
  onSubmit(answer: string | null): void;
}

/** y, yes, Y, YES: the answers that approve a y/N question. */
export function isYes(answer: string): boolean {
  return /^y(es)?$/i.test(answer.trim());
}

export function ConfirmPrompt({ question, typeToConfirm, typeWhat, warning, color, onSubmit }: ConfirmPromptProps) {
  const paint = painter(color);
  const [value, setValue] = useState('');
  // Keystrokes can arrive faster than React re-renders: the ref always holds the latest text.
  const current = useRef('');
  const [answer, setAnswer] = useState<{ text: string | null } | undefined>(undefined);

  useEffect(() => {
    if (answer) onSubmit(answer.text);
  }, [answer, onSubmit]);

  useInput(
    (input, key) => {
      if (key.escape || (key.ctrl && (input === 'c' || input === 'd'))) return setAnswer({ text: null });
      if (key.return) return setAnswer({ text: current.current });
      if (key.backspace || key.delete) {
        current.current = current.current.slice(0, -1);
        return setValue(current.current);
      }
      // Pasted or piped text arrives as one chunk, possibly with the newline that ends it.
      for (const ch of input) {
        if (ch === '\r' || ch === '\n') return setAnswer({ text: current.current });
        if (ch === '\u007f' || ch === '\b') current.current = current.current.slice(0, -1);
        else if (ch >= ' ') current.current += ch;
      }
      setValue(current.current);
    },
    { isActive: answer === undefined },
  );

  const typed = answer?.text ?? value;
  const matches = typeToConfirm !== undefined ? typed === typeToConfirm : isYes(typed);
  const cursor = answer === undefined ? (color ? paint(' ', 'inverse') : '') : '';
  const shown = typeToConfirm !== undefined && matches ? paint(typed, 'green', 'bold') : typed;

  return (
    <Box flexDirection="column">
      <Text>
        {paint('?', 'cyan', 'bold')} {paint(question, 'bold')}
        {typeToConfirm === undefined ? ` ${paint('[y/N]', 'dim')} › ${shown}${cursor}` : ''}
      </Text>
      {typeToConfirm !== undefined && (
        <Box flexDirection="column" paddingLeft={2}>
          {warning !== undefined && <Text>{paint(warning, 'yellow', 'bold')}</Text>}
          <Text>
            Type {typeWhat ?? 'the Region'} {paint(typeToConfirm, 'bold')} to confirm {paint('(Esc to cancel)', 'dim')}
          </Text>
          <Text>
            › {shown}
            {cursor}
          </Text>
        </Box>
      )}
      {answer !== undefined && (
        <Box paddingLeft={2}>
          <Text>{answer.text !== null && matches ? paint('✓ confirmed', 'green') : paint(answer.text === null ? '✗ cancelled' : '✗ not confirmed', 'red')}</Text>
        </Box>
      )}
    </Box>
  );
}
