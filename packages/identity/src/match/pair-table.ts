/**
 * Numbers remembered per pair of small non-negative integers (codes), in an open-addressing table over typed
 * arrays: no objects per entry and no hashing of strings or doubles. Starts over when half full, so memory
 * stays fixed on any data.
 *
 * @example
 * const table = new PairTable(1 << 16);
 * table.set(3, 7, 0.93);
 * table.get(3, 7); // 0.93
 * table.get(7, 3); // NaN: pairs are ordered; callers put the smaller code first
 */
export class PairTable {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly values: Float64Array;
  private readonly mask: number;
  private used = 0;

  /** `capacity` is rounded up to a power of two. */
  constructor(capacity: number) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.first = new Int32Array(size).fill(-1);
    this.second = new Int32Array(size);
    this.values = new Float64Array(size);
    this.mask = size - 1;
  }

  /** The number remembered for `(x, y)`, or NaN. */
  get(x: number, y: number): number {
    const first = this.first;
    for (let slot = slotOf(x, y) & this.mask; ; slot = (slot + 1) & this.mask) {
      const f = first[slot]!;
      if (f === -1) return Number.NaN;
      if (f === x && this.second[slot] === y) return this.values[slot]!;
    }
  }

  /** Remembers `value` for `(x, y)` (both ≥ 0). */
  set(x: number, y: number, value: number): void {
    if (this.used * 2 >= this.first.length) {
      this.first.fill(-1);
      this.used = 0;
    }
    const first = this.first;
    let slot = slotOf(x, y) & this.mask;
    while (first[slot] !== -1 && !(first[slot] === x && this.second[slot] === y)) slot = (slot + 1) & this.mask;
    if (first[slot] === -1) this.used++;
    first[slot] = x;
    this.second[slot] = y;
    this.values[slot] = value;
  }
}

function slotOf(x: number, y: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  return h >>> 0;
}
