/**
 * A trigger function's GetFunction and GetPolicy are asked together (resource-reads.ts); the outcome
 * is the one the sequential reads gave. The ports are stubbed here because the sandbox cannot make
 * GetPolicy fail *before* GetFunction with a different error and no retries: a stub's rejections can
 * be ordered exactly. (test/e2e/drift-order.test.ts proves the overlap through the real SDK.)
 */
import { describe, expect, it } from 'vitest';
import { observeDrift } from '../../../src/core/drift/observe.js';
import { ReadLog } from '../../../src/core/unreadable.js';
import { alignedObservation, P, POOL_ID, S } from './fixtures.js';
import { fakeClock, fakeReaders } from './fake-readers.js';

const topology = { userPoolId: POOL_ID, primaryRegion: P, secondaryRegion: S };

/** An AWS-shaped failure (what the SDK throws: a name and $metadata). */
const awsError = (name: string) => Object.assign(new Error(`${name} from the stub`), { name, $metadata: { httpStatusCode: 500 } });

function readersWith(getFunction: () => Promise<unknown>, getPolicy: () => Promise<unknown>) {
  const world = alignedObservation();
  const { readers } = fakeReaders(() => world);
  const parity = { ...readers.parity, getFunction: getFunction as never, getFunctionPolicy: getPolicy as never };
  return { world, readers: { ...readers, parity } };
}

/** A rejection that happens first: GetPolicy fails while GetFunction is still out. */
const failsAtOnce = (name: string) => () => Promise.reject(awsError(name));
const failsLater = (name: string) => () => new Promise((_, reject) => setTimeout(() => reject(awsError(name)), 5));

describe("a function's GetPolicy asked with its GetFunction", () => {
  it("a failing GetFunction is the error the guard sees, not GetPolicy's (which failed first)", async () => {
    const { readers } = readersWith(failsLater('FunctionReadFailed'), failsAtOnce('PolicyReadFailed'));
    await expect(observeDrift(readers, topology, { deep: false, clock: fakeClock() })).rejects.toMatchObject({ name: 'FunctionReadFailed' });
  });

  it("with a ReadLog the function is unreadable with GetFunction's error, and nothing else is", async () => {
    const { readers } = readersWith(failsLater('FunctionReadFailed'), failsAtOnce('PolicyReadFailed'));
    const reads = new ReadLog();
    await observeDrift(readers, topology, { deep: false, clock: fakeClock(), reads });
    expect(reads.items.length).toBeGreaterThan(0);
    expect(reads.items.every((u) => u.operation === 'GetFunction' && /FunctionReadFailed/.test(u.message))).toBe(true);
    expect(reads.items.some((u) => /PolicyReadFailed/.test(u.message))).toBe(false);
  });

  it('a function that does not exist is missing (null), whatever GetPolicy answers', async () => {
    const { world, readers } = readersWith(() => Promise.resolve(undefined), failsAtOnce('ResourceNotFoundException'));
    const o = await observeDrift(readers, topology, { deep: false, clock: fakeClock() });
    const keys = Object.keys(world.resources.functions);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(o.resources.functions[key]).toBeNull();
  });
});
