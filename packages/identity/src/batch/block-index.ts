import { fnv1a, fnvStep } from '../fnv';
import { grown } from '../typed-arrays';

/**
 * Record indices per blocking key, newest first, in typed arrays: a hash table from the key (the 32-bit hash
 * a blocking key spells in base 36, read back by {@link keyNumber}) to its newest entry, and a linked list of
 * entries back to the oldest. A million records hold about seven million entries here without an object or
 * array per key.
 *
 * @example
 * const index = new BlockIndex(1000);
 * const key = keyNumber('1f3k9x');
 * index.add(key, 0); index.add(key, 4);
 * for (let e = index.newest(key); e !== -1; e = index.older(e)) index.record(e); // 4, then 0
 */
export class BlockIndex {
  private keys: Int32Array;
  private heads: Int32Array;
  private mask: number;
  private distinct = 0;
  /** Entry e is `[record, older entry]` at 2e and 2e+1: following a list touches one place per step, not two. */
  private entryPairs: Int32Array;
  private entries = 0;

  /** `expectedEntries`: about how many (key, record) pairs will be added; the arrays grow past it. */
  constructor(expectedEntries: number) {
    const slots = powerOfTwoAtLeast(Math.max(16, expectedEntries));
    this.keys = new Int32Array(slots);
    this.heads = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.entryPairs = new Int32Array(2 * Math.max(16, expectedEntries));
  }

  /** Adds `record` as the newest member of key `k` (see {@link keyNumber}). */
  add(k: number, record: number): void {
    if (2 * this.entries === this.entryPairs.length) this.entryPairs = grown(this.entryPairs);
    if (this.distinct * 2 >= this.keys.length) this.rehash();
    const slot = this.slotOf(k);
    const e = this.entries++;
    this.entryPairs[2 * e] = record;
    this.entryPairs[2 * e + 1] = this.heads[slot]!;
    if (this.heads[slot] === -1) {
      this.distinct++;
      this.keys[slot] = k;
    }
    this.heads[slot] = e;
  }

  /** The newest entry of key `k`, or -1. */
  newest(k: number): number {
    return this.heads[this.slotOf(k)]!;
  }

  /** The entry added to the same key before `entry`, or -1. */
  older(entry: number): number {
    return this.entryPairs[2 * entry + 1]!;
  }

  /** The record of an entry. */
  record(entry: number): number {
    return this.entryPairs[2 * entry]!;
  }

  /** The slot holding `k`, or the empty slot where it would go. */
  private slotOf(k: number): number {
    const keys = this.keys;
    const heads = this.heads;
    let slot = spread(k) & this.mask;
    while (heads[slot] !== -1 && keys[slot] !== k) slot = (slot + 1) & this.mask;
    return slot;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.heads = new Int32Array(oldKeys.length * 2).fill(-1);
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
