/**
 * Waiting for a state instead of a duration: re-read until the condition holds. The bound is a number
 * of attempts, generous enough that only a real bug exhausts it; each attempt costs a real round trip,
 * so a loaded machine makes the wait longer, never wrong.
 */
export interface WaitOptions {
  /** What is awaited, for the error when it never comes. */
  what: string;
  /** Default 400. */
  attempts?: number;
  /** Between attempts; with a virtual clock, pass its sleep so waiting moves virtual time. Default: one real 10 ms pause. */
  pause?: () => Promise<void>;
}

export async function waitFor<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, opts: WaitOptions): Promise<T> {
  const attempts = opts.attempts ?? 400;
  const pause = opts.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await read();
    if (ok(last)) return last;
    await pause();
  }
  throw new Error(`timed out waiting for ${opts.what} (last seen: ${JSON.stringify(last)})`);
}
