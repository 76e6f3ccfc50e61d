/**
 * One object decides, once, where output goes and what the terminal allows: TTY, colour, prompting.
 * Commands never look at process.stdout directly; tests build an IoStreams over buffers.
 */
import { Readable, Writable } from 'node:stream';

export interface IoStreams {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Columns of the terminal on stderr (where live views render); 80 when unknown. */
  columns: number;
}

export interface TerminalPolicy {
  /** Colour on stdout (result) output. */
  colorStdout: boolean;
  /** Colour and live regions on stderr (progress, ink). */
  colorStderr: boolean;
  /** Spinners and ink live regions are allowed (stderr is a TTY and the output is not JSON). */
  live: boolean;
  /** A prompt may be shown: stdin and stderr are TTYs and the output is not JSON. */
  canPrompt: boolean;
  /**
   * stdout is a terminal a person reads (not a pipe, not JSON): text results may be laid out for
   * the eye (the status dashboard, the plan view) instead of as plain, grep-friendly lines.
   */
  richStdout: boolean;
}

/** `mrrctl … | head` closes the pipe early: that is the reader's choice, not an error to crash on. */
function ignoreClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  return stream;
}

export function processIo(): IoStreams {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // process.stdin builds its stream on first access (for a file or a pipe, with Node's fs streams):
    // a few ms that `--help`, which never reads it, would pay for nothing. Asked for when needed.
    get stdin() {
      return process.stdin;
    },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    columns: process.stderr.columns || 80,
  };
}

/** NO_COLOR (any non-empty value, see no-color.org) and --no-color both turn colour off. */
export function terminalPolicy(
  io: IoStreams,
  opts: { color: boolean; output: 'text' | 'json'; env: Record<string, string | undefined> },
): TerminalPolicy {
  const colorAllowed = opts.color && !opts.env.NO_COLOR && opts.env.TERM !== 'dumb';
  const json = opts.output === 'json';
  return {
    colorStdout: colorAllowed && io.stdoutIsTTY && !json,
    colorStderr: colorAllowed && io.stderrIsTTY,
    live: io.stderrIsTTY && !json && opts.env.TERM !== 'dumb',
    canPrompt: io.stdinIsTTY && io.stderrIsTTY && !json,
    richStdout: io.stdoutIsTTY && !json && opts.env.TERM !== 'dumb',
  };
}

/** Buffers that stand in for the terminal in tests (and for in-process runs such as rehearse). */
export function bufferIo(opts: { tty?: boolean; stdin?: Readable } = {}): IoStreams & {
  out(): string;
  err(): string;
} {
  const outChunks: string[] = [];
  const errChunks: string[] = [];
  const sink = (chunks: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb)  {
        chunks.push(chunk.toString());
        cb();
      },
    });
  return {
    stdout: sink(outChunks),
    stderr: sink(errChunks),
    stdin: opts.stdin ?? Readable.from([]),
    stdoutIsTTY: Boolean(opts.tty),
    stderrIsTTY: Boolean(opts.tty),
    stdinIsTTY: Boolean(opts.tty),
    columns: 100,
    out: () => outChunks.join(''),
    err: () => errChunks.join(''),
  };
}
