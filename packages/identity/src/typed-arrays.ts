// Growing and sharing the typed arrays the batch keeps its indexes and columns in.

type Numbers = Int32Array | Uint16Array;

/** A zeroed Int32Array of `length` (at least 1), in shared memory when `shared` (another thread can read it). */
export function int32Array(length: number, shared: boolean): Int32Array {
  const n = Math.max(1, length);
  return shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
}

/**
 * `a` copied into an array of the same type at least `length` long, doubling (twice as long by default), in
 * shared memory when `a` is.
 */
export function grown<T extends Numbers>(a: T, length = a.length + 1): T {
  let size = Math.max(1, a.length * 2);
  while (size < length) size *= 2;
  const b = a.buffer instanceof SharedArrayBuffer
    ? new (a.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.BYTES_PER_ELEMENT * size))
    : new (a.constructor as new (length: number) => T)(size);
  b.set(a as never);
  return b;
}

/** The first `length` numbers of `a`, in shared memory: `a` itself when it is there already. */
export function inSharedMemory<T extends Numbers>(a: T, length: number): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Type = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const shared = new Type(new SharedArrayBuffer(a.BYTES_PER_ELEMENT * Math.max(1, length)));
  shared.set(a.subarray(0, length) as never);
  return shared;
}
