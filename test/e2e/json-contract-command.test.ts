/**
 * The JSON envelope's `command` is the command path, taken from commander's chain: never a value an
 * argv carried (`drift --fail-on critical` once reported "drift critical").
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('JSON envelope: command is the command path', () => {
  const cases: Array<{ argv: string[]; command: string }> = [
    { argv: ['drift', '--fail-on', 'critical'], command: 'drift' },
    { argv: ['drift', '--fail-on', 'fix'], command: 'drift' },
    { argv: ['keys', 'verify', '--bogus', 'x'], command: 'keys verify' },
    { argv: ['replica', 'list', '--no-such-flag'], command: 'replica list' },
    { argv: ['--pool', 'bad pool!', 'status'], command: 'status' },
    { argv: ['--config', 'status', 'health', '--bogus'], command: 'health' },
    { argv: ['cost'], command: 'cost' },
    { argv: ['frobnicate', 'critical'], command: 'mrrctl' },
  ];
  for (const { argv, command } of cases) {
    it(`${argv.join(' ')} → "${command}"`, async () => {
      const r = await runCli([...argv, '--output', 'json']);
      expect(r.code).toBe(2);
      expect(r.json()).toMatchObject({ command, ok: false });
    });
  }
});
