/**
 * Confirmation before a change. Traffic-moving and destructive plans make the operator type the
 * target Region (a y at 3 a.m. is too easy); others ask y/N. Without a TTY there is no prompt: the
 * command stops with exit 5 and names --yes. --output json never prompts.
 */
import { createInterface } from 'node:readline';
import { NotConfirmedError } from '../core/errors.js';
import type { CommandContext } from './context.js';

export interface ConfirmRequest {
  /** What is about to happen, in one line. */
  question: string;
  /** When set, the operator must type exactly this (the target Region) to go on. */
  typeToConfirm?: string;
}

async function readAnswer(ctx: CommandContext, prompt: string): Promise<string> {
  const rl = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr, terminal: false });
  try {
    ctx.io.stderr.write(prompt);
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return answer.trim();
  } finally {
    rl.close();
  }
}

export async function confirmOrThrow(ctx: CommandContext, request: ConfirmRequest): Promise<void> {
  if (ctx.flags.yes) return;
  if (!ctx.terminal.canPrompt) {
    throw new NotConfirmedError(
      'MRR_CONFIRM_E001',
      `${request.question} needs confirmation, and there is no terminal to ask on: re-run with --yes to approve`,
    );
  }
  if (request.typeToConfirm) {
    const answer = await readAnswer(ctx, `${request.question}\nType the Region "${request.typeToConfirm}" to confirm: `);
    if (answer !== request.typeToConfirm) {
      throw new NotConfirmedError('MRR_CONFIRM_E002', `not confirmed: expected "${request.typeToConfirm}", got "${answer}"; nothing was changed`);
    }
    return;
  }
  const answer = await readAnswer(ctx, `${request.question} [y/N] `);
  if (!/^y(es)?$/i.test(answer)) {
    throw new NotConfirmedError('MRR_CONFIRM_E003', 'not confirmed; nothing was changed');
  }
}
