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
  /** Slot s holds its pair as one number (`x · 2^26 + y`) at 2s and the value at 2s + 1: one place per probe. */
  private readonly slots: Float64Array;
  private readonly mask: number;
  private used = 0;

  /** `capacity` is rounded up to a power of two. */
  constructor(capacity: number) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.slots = new Float64Array(2 * size).fill(EMPTY);
    this.mask = size - 1;
  }

  /** The number remembered for `(x, y)`, or NaN. */
  get(x: number, y: number): number {
    if (x >= LIMIT || y >= LIMIT) return Number.NaN;
    const key = x * LIMIT + y;
    const slots = this.slots;
    for (let slot = slotOf(x, y) & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = slots[2 * slot]!;
      if (k === EMPTY) return Number.NaN;
      if (k === key) return slots[2 * slot + 1]!;
    }
  }

  /** Remembers `value` for `(x, y)` (both ≥ 0; pairs of codes from 2^26 on are not remembered). */
  set(x: number, y: number, value: number): void {
    if (x >= LIMIT || y >= LIMIT) return;
    const slots = this.slots;
    if (this.used * 4 >= slots.length) {
      slots.fill(EMPTY);
      this.used = 0;
    }
    const key = x * LIMIT + y;
    let slot = slotOf(x, y) & this.mask;
    while (slots[2 * slot] !== EMPTY && slots[2 * slot] !== key) slot = (slot + 1) & this.mask;
    if (slots[2 * slot] === EMPTY) this.used++;
    slots[2 * slot] = key;
    slots[2 * slot + 1] = value;
  }
}

const EMPTY = -1;
/** Codes below this fit two to a double exactly. */
const LIMIT = 2 ** 26;

function slotOf(x: number, y: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  return h >>> 0;
}
