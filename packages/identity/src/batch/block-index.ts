import { fnv1a, fnvStep } from '../fnv';
import { grown } from '../typed-arrays';

/**
 * Record indices per key, newest first, in typed arrays: a hash table from the key (for blocking keys, the 32-bit
 * hash a key spells in base 36, read back by {@link keyNumber}; for identifiers, {@link identifierNumber}) to its
 * newest entry, and per key a chain of blocks of entries back to the oldest. A million records hold millions of
 * entries here without an object or array per key.
 *
 * A block holds `recordsPerBlock` records (one less than a power of two) and the number of the block before
 * it. Keys with many members (blocking keys: a common name, a street) want blocks of seven: reading the newest
 * forty of a key then touches six places in memory, not forty. Keys with one member each (identifiers) want
 * blocks of one, which take two numbers an entry. An entry's number is its place in the blocks.
 *
 * @example
 * const index = new BlockIndex(1000, 7);
 * const key = keyNumber('1f3k9x');
 * index.add(key, 0); index.add(key, 4);
 * for (let e = index.newest(key); e !== -1; e = index.older(e)) index.record(e); // 4, then 0
 */
export class BlockIndex {
  private keys: Int32Array;
  private heads: Int32Array;
  private mask: number;
  private distinct = 0;
  private blocks: Int32Array;
  private blockCount = 0;
  /** Numbers per block (a power of two); the last is the link to the block before. */
  private readonly size: number;
  private readonly link: number;

  /**
   * `expectedEntries`: about how many (key, record) pairs will be added; the arrays grow past it.
   * `recordsPerBlock`: 1, 3, 7 or 15 (see above).
   */
  constructor(expectedEntries: number, recordsPerBlock: 1 | 3 | 7 | 15 = 1) {
    const slots = powerOfTwoAtLeast(Math.max(16, expectedEntries));
    this.keys = new Int32Array(slots);
    this.heads = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.size = recordsPerBlock + 1;
    this.link = recordsPerBlock;
    // About a block per two expected entries when blocks are shared, one per entry when they are not.
    const expectedBlocks = recordsPerBlock === 1 ? expectedEntries : Math.ceil(expectedEntries / 2);
    this.blocks = new Int32Array(this.size * Math.max(16, expectedBlocks));
  }

  /**
   * Makes room for about `entries` more entries at once, so that a large write grows the arrays once rather
   * than doubling them again and again (each growth is a new allocation of megabytes outside the heap, and
   * enough of them make the collector run).
   */
  reserve(entries: number): void {
    const blocks = this.blockCount + (this.link === 1 ? entries : Math.ceil(entries / 2));
    if (this.size * blocks > this.blocks.length) this.blocks = grown(this.blocks, this.size * blocks);
    let slots = this.keys.length;
    while ((this.distinct + entries) * 2 >= slots) slots *= 2;
    if (slots > this.keys.length) this.rehash(slots);
  }

  /** Adds `record` as the newest member of key `k`. */
  add(k: number, record: number): void {
    if (this.distinct * 2 >= this.keys.length) this.rehash();
    const slot = this.slotOf(k);
    const head = this.heads[slot]!;
    if (head === -1) {
      this.distinct++;
      this.keys[slot] = k;
    }
    let e: number;
    if (head !== -1 && (head & this.link) < this.link - 1) e = head + 1;
    else {
      const b = this.blockCount++;
      if (this.size * this.blockCount > this.blocks.length) this.blocks = grown(this.blocks, this.size * this.blockCount);
      e = this.size * b;
      this.blocks[e + this.link] = head === -1 ? -1 : head - (head & this.link);
    }
    this.blocks[e] = record;
    this.heads[slot] = e;
  }

  /** The newest entry of key `k`, or -1. */
  newest(k: number): number {
    return this.heads[this.slotOf(k)]!;
  }

  /** The entry added to the same key before `entry`, or -1. */
  older(entry: number): number {
    if ((entry & this.link) !== 0) return entry - 1;
    const before = this.blocks[entry + this.link]!;
    return before === -1 ? -1 : before + this.link - 1;
  }

  /** The record of an entry. */
  record(entry: number): number {
    return this.blocks[entry]!;
  }

  /** The slot holding `k`, or the empty slot where it would go. */
  private slotOf(k: number): number {
    const keys = this.keys;
    const heads = this.heads;
    let slot = spread(k) & this.mask;
    while (heads[slot] !== -1 && keys[slot] !== k) slot = (slot + 1) & this.mask;
    return slot;
  }

  private rehash(slots = this.keys.length * 2): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Int32Array(slots);
    this.heads = new Int32Array(slots).fill(-1);
    this.mask = this.keys.length - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      if (oldHeads[s] === -1) continue;
      const slot = this.slotOf(oldKeys[s]!);
      this.keys[slot] = oldKeys[s]!;
      this.heads[slot] = oldHeads[s]!;
    }
  }
}

/**
 * A blocking key is a 32-bit hash written in base 36 (see prepare): read back, it is its own number. The same
 * as `parseInt(key, 36) | 0`, read digit by digit for the lower-case keys prepare writes (a million records
 * read several million of them); anything else goes through parseInt.
 */
export function keyNumber(key: string): number {
  if (key.length > 10) return parseInt(key, 36) | 0; // beyond 36^10 a double no longer holds every digit
  let n = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 87;
    else return parseInt(key, 36) | 0;
    n = n * 36 + d;
  }
  return n | 0;
}

/** An identifier's index number: FNV-1a over its kind and value (a collision only costs a comparison). */
export function identifierNumber(kind: string, value: string): number {
  return fnv1a(value, 0, value.length, fnvStep(fnv1a(kind), 0)); // a zero code between kind and value
}

function spread(k: number): number {
  const h = Math.imul(k, 0x9e3779b1);
  return (h ^ (h >>> 16)) >>> 0;
}

function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
