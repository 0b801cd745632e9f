import type { ComparisonColumns } from '../match/columns';
import { FIELDS, type Levels } from '../match/compare';
import { grown, int32Array } from '../typed-arrays';
import { BlockIndex, keyNumber } from './block-index';

/** Records per chunk of candidate lists: the unit one thread finds candidates for at a time. */
export const CANDIDATE_CHUNK = 1024;

/** Every record's blocking keys as numbers ({@link keyNumber}): record i's are `keys[starts[i]]` up to `keys[starts[i + 1]]`. */
export interface KeyLists {
  starts: Int32Array;
  keys: Int32Array;
}

/**
 * The blocking keys of `records` as {@link KeyLists}, in shared memory when `shared` (another thread can read
 * them without a copy).
 */
export function keyListsOf(records: ReadonlyArray<{ blockingKeys: readonly string[] }>, shared = false): KeyLists {
  let total = 0;
  for (const r of records) total += r.blockingKeys.length;
  const starts = int32Array(records.length + 1, shared);
  const keys = int32Array(total, shared);
  let at = 0;
  for (let i = 0; i < records.length; i++) {
    starts[i] = at;
    for (const key of records[i]!.blockingKeys) keys[at++] = keyNumber(key);
  }
  starts[records.length] = at;
  return { starts, keys };
}

/** Levels of {@link FIELDS} packed three bits each (every field has fewer than eight levels). */
export function packLevels(levels: Levels): number {
  let packed = 0;
  for (let f = 0; f < FIELDS.length; f++) packed |= levels[f]! << (3 * f);
  return packed;
}

/** The inverse of {@link packLevels}, into `out`. */
export function unpackLevels(packed: number, out: Levels): Levels {
  for (let f = 0; f < FIELDS.length; f++) out[f] = (packed >>> (3 * f)) & 7;
  return out;
}

/**
 * Finds each record's blocked candidates among the records before it, exactly as placing walks them (the
 * newest `blockLimit` members of each of its keys, each record once) and keeps those that pass the hard rules
 * with their levels. None of this depends on which persons the records end up in, so it can run ahead of
 * placing, on another thread, chunk by chunk ({@link CANDIDATE_CHUNK} records).
 *
 * A chunk's answer is one Int32Array: per record in order, its count of candidates, then that many pairs of
 * (candidate record, {@link packLevels packed levels}).
 *
 * @example
 * const finder = new CandidateFinder(columns, keyListsOf(records), settings.blockLimit);
 * const first = finder.find(0); // records 0–1023
 */
export class CandidateFinder {
  private readonly index: BlockIndex;
  private readonly seen: Int32Array;
  private readonly levels = new Uint8Array(16);
  private out = new Int32Array(4 * CANDIDATE_CHUNK);
  /** Records whose keys are in the index: every record before it. */
  private indexed = 0;
  readonly size: number;

  constructor(private readonly columns: ComparisonColumns, private readonly lists: KeyLists, private readonly blockLimit: number) {
    this.size = lists.starts.length - 1;
    this.index = new BlockIndex(Math.max(16, lists.keys.length), 7);
    this.seen = new Int32Array(this.size);
  }

  /** Number of chunks of the records. */
  get chunks(): number {
    return Math.ceil(this.size / CANDIDATE_CHUNK);
  }

  /** The records the next {@link find} may start from: chunks are found in increasing order, skipping any. */
  get position(): number {
    return this.indexed;
  }

  /**
   * The candidate lists of chunk `c`; chunks before it not found here are only indexed. `into(length)`, when
   * given, supplies the array the answer is copied to (a recycled one); otherwise a new one is made.
   */
  find(c: number, into?: (length: number) => Int32Array): Int32Array {
    const from = c * CANDIDATE_CHUNK;
    const to = Math.min(this.size, from + CANDIDATE_CHUNK);
    if (from < this.indexed) throw new RangeError(`chunk ${c} starts at record ${from}, but records up to ${this.indexed} are indexed already`);
    while (this.indexed < from) this.indexRecord(this.indexed);
    const { starts, keys } = this.lists;
    const index = this.index;
    const seen = this.seen;
    const levels = this.levels;
    let len = 0;
    for (let i = from; i < to; i++) {
      const countAt = len++;
      let count = 0;
      const stamp = i + 1;
      for (let k = starts[i]!; k < starts[i + 1]!; k++) {
        for (let e = index.newest(keys[k]!), taken = 0; e !== -1 && taken < this.blockLimit; e = index.older(e), taken++) {
          const o = index.record(e);
          if (seen[o] === stamp) continue;
          seen[o] = stamp;
          if (!this.columns.linkable(i, o, levels)) continue;
          if (len + 3 > this.out.length) this.out = grown(this.out, len + 3);
          this.out[len++] = o;
          this.out[len++] = packLevels(levels);
          count++;
        }
      }
      if (len + 1 > this.out.length) this.out = grown(this.out, len + 1);
      this.out[countAt] = count;
      this.indexRecord(i);
    }
    if (into === undefined) return this.out.slice(0, len);
    const answer = into(len);
    answer.set(this.out.subarray(0, len));
    return answer;
  }

  private indexRecord(i: number): void {
    const { starts, keys } = this.lists;
    for (let k = starts[i]!; k < starts[i + 1]!; k++) this.index.add(keys[k]!, i);
    this.indexed = i + 1;
  }
}
