/**
 * Confirmation before a change. Traffic-moving and destructive plans make the operator type the
 * target Region (a y at 3 a.m. is too easy); others ask y/N. Without a TTY there is no prompt: the
 * command stops with exit 5 and names --yes. --output json never prompts.
 *
 * On a live terminal the ink prompt asks (keystroke by keystroke, Esc cancels); where stdin cannot
 * be put in raw mode (TERM=dumb, some wrappers) a line is read instead, with the same wording.
 */
import { createInterface } from 'node:readline';
import { NotConfirmedError } from '../core/errors.js';
import { painter } from './ink/tone.js';
import { askLive, type LiveContext } from './render-live.js';
import { terminalSafe } from './terminal-safe.js';

export interface ConfirmRequest {
  /** What is about to happen, in one line. */
  question: string;
  /** When set, the operator must type exactly this (the target Region) to go on. */
  typeToConfirm?: string;
  /** What typeToConfirm is, for the prompt ("the Region" unless said, e.g. "the safety rule name"). */
  typeWhat?: string;
  /** Why this needs care, e.g. "1 destructive step"; the mutation flow fills it from the plan. */
  warning?: string;
}

async function readAnswer(ctx: LiveContext, prompt: string): Promise<string> {
  const rl = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr, terminal: false });
  try {
    ctx.io.stderr.write(terminalSafe(prompt, { allowColour: ctx.terminal.colorStderr }));
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return answer.trim();
  } finally {
    rl.close();
  }
}

function linePrompt(ctx: LiveContext, request: ConfirmRequest): string {
  const paint = painter(ctx.terminal.colorStderr);
  const question = `${paint('?', 'cyan', 'bold')} ${paint(request.question, 'bold')}`;
  if (request.typeToConfirm === undefined) return `${question} [y/N] `;
  const warning = request.warning !== undefined ? `\n  ${paint(request.warning, 'yellow', 'bold')}` : '';
  return `${question}${warning}\nType ${request.typeWhat ?? 'the Region'} "${paint(request.typeToConfirm, 'bold')}" to confirm: `;
}

export async function confirmOrThrow(ctx: LiveContext, request: ConfirmRequest): Promise<void> {
  if (ctx.flags.yes) return;
  if (!ctx.terminal.canPrompt) {
    throw new NotConfirmedError(
      'MRR_CONFIRM_E001',
      `${request.question} needs confirmation, and there is no terminal to ask on: re-run with --yes to approve`,
    );
  }
  const live = await askLive(ctx, request);
  const answer = live === undefined ? await readAnswer(ctx, linePrompt(ctx, request)) : live;
  if (answer === null) throw new NotConfirmedError('MRR_CONFIRM_E004', 'cancelled at the prompt; nothing was changed');
  if (request.typeToConfirm) {
    if (answer.trim() !== request.typeToConfirm) {
      throw new NotConfirmedError('MRR_CONFIRM_E002', `not confirmed: expected "${request.typeToConfirm}", got "${answer.trim()}"; nothing was changed`);
    }
    return;
  }
  if (!/^y(es)?$/i.test(answer.trim())) {
    throw new NotConfirmedError('MRR_CONFIRM_E003', 'not confirmed; nothing was changed');
  }
}
