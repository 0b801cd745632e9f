import { describe, expect, it } from 'vitest';
import { grown, inSharedMemory, int32Array } from './typed-arrays';

describe('typed arrays of the batch', () => {
  it('grow in the memory they were in, keeping their numbers', () => {
    const shared = int32Array(3, true);
    shared.set([7, 8, 9]);
    const bigger = grown(shared, 10);
    expect(bigger.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bigger.length).toBeGreaterThanOrEqual(10);
    expect([...bigger.subarray(0, 3)]).toEqual([7, 8, 9]);
    const plain = grown(new Uint16Array([1, 2]));
    expect(plain.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect([...plain]).toEqual([1, 2, 0, 0]);
    // Already shared: handed over as it is, not copied.
    expect(inSharedMemory(bigger, 3)).toBe(bigger);
  });
});
