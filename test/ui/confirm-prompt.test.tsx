import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { ConfirmPrompt } from '../../src/ui/ink/confirm-prompt.js';

/** Polls until `ok()` holds: effects and input are processed asynchronously, slower on a busy machine. */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (ok()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function prompt(props: { typeToConfirm?: string; warning?: string }) {
  const answers: Array<string | null> = [];
  const r = render(<ConfirmPrompt question="failover for us-east-1_X to eu-west-1" color={false} onSubmit={(a) => answers.push(a)} {...props} />);
  const frame = () => r.lastFrame() ?? '';
  return {
    ...r,
    answers,
    /** ink listens to stdin once the prompt's input effect has run. */
    listening: () => until(() => r.stdin.listenerCount('readable') > 0, 'the prompt to listen'),
    shows: (text: string) => until(() => frame().includes(text), `the frame to show ${text}`),
    answered: () => until(() => answers.length > 0, 'an answer'),
  };
}

describe('ConfirmPrompt', () => {
  it('makes the operator type the target Region, keystroke by keystroke, and accepts only the exact Region', async () => {
    const p = prompt({ typeToConfirm: 'eu-west-1', warning: 'This plan has 1 step moving traffic.' });
    await p.listening();
    expect(p.lastFrame()).toContain('? failover for us-east-1_X to eu-west-1');
    expect(p.lastFrame()).toContain('This plan has 1 step moving traffic.');
    expect(p.lastFrame()).toContain('Type the Region eu-west-1 to confirm (Esc to cancel)');
    for (const ch of 'eu-west-2') p.stdin.write(ch);
    await p.shows('› eu-west-2');
    p.stdin.write('\u007f'); // backspace
    p.stdin.write('1');
    await p.shows('› eu-west-1');
    p.stdin.write('\r');
    await p.answered();
    expect(p.answers).toEqual(['eu-west-1']);
    await p.shows('✓ confirmed');
    p.unmount();
  });

  it('takes a piped line in one chunk, newline included, and reports a mismatch', async () => {
    const p = prompt({ typeToConfirm: 'eu-west-1' });
    await p.listening();
    p.stdin.write('us-east-1\n');
    await p.answered();
    expect(p.answers).toEqual(['us-east-1']);
    await p.shows('✗ not confirmed');
    p.unmount();
  });

  it('asks y/N for other plans, and Esc cancels', async () => {
    const yes = prompt({});
    await yes.listening();
    expect(yes.lastFrame()).toContain('? failover for us-east-1_X to eu-west-1 [y/N] ›');
    yes.stdin.write('y\r');
    await yes.answered();
    expect(yes.answers).toEqual(['y']);
    yes.unmount();

    const esc = prompt({});
    await esc.listening();
    esc.stdin.write('\u001b'); // a lone Esc: ink tells it apart from an escape sequence on the next turn
    await esc.answered();
    expect(esc.answers).toEqual([null]);
    await esc.shows('✗ cancelled');
    esc.unmount();
  });
});
