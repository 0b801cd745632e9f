import { namesAgree } from '../guards';
import { fitModel, type TrainingPairList } from '../match/fit';
import type { ComparisonColumns } from '../match/columns';
import type { MatchModel } from '../match/model';
import type { PreparedRecord } from '../prepare';
import type { IdentitySettings } from '../settings';

/** The parts of a record the fit reads. */
type Sampled = Pick<PreparedRecord, 'identifiers' | 'blockingKeys' | 'features'>;

/**
 * Fits the model on records, taking candidate pairs from the same blocking keys the resolver uses: each
 * record meets at most `blockLimit` earlier members of a block, as when placing. Pairs are held as two
 * typed arrays (a 200 000-record sample yields millions) and labelled only when EM samples them.
 *
 * @example
 * const model = fitOnSample(prepared.slice(0, 200_000), settings);
 */
export function fitOnSample(sample: readonly Sampled[], settings: IdentitySettings, columns?: ComparisonColumns): MatchModel {
  const blockLimit = settings.blockLimit;
  const blocks = new Map<string, number | number[]>();
  for (let i = 0; i < sample.length; i++) {
    for (const k of sample[i]!.blockingKeys) {
      const e = blocks.get(k);
      if (e === undefined) blocks.set(k, i);
      else if (typeof e === 'number') blocks.set(k, [e, i]);
      else e.push(i);
    }
  }
  const seen = new PairSet();
  let as = new Int32Array(1 << 16);
  let bs = new Int32Array(1 << 16);
  let count = 0;
  for (const list of blocks.values()) {
    if (typeof list === 'number') continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = Math.max(0, x - blockLimit); y < x; y++) {
        const a = list[y]!;
        const b = list[x]!;
        if (!seen.add(a, b)) continue;
        if (count === as.length) {
          const na = new Int32Array(count * 2);
          na.set(as);
          as = na;
          const nb = new Int32Array(count * 2);
          nb.set(bs);
          bs = nb;
        }
        as[count] = a;
        bs[count] = b;
        count++;
      }
    }
  }
  blocks.clear();
  const pairs: TrainingPairList = {
    length: count,
    a: as.subarray(0, count),
    b: bs.subarray(0, count),
    // Labelled as a match the way the resolver would link it: a strong identifier, or a guarded one with
    // agreeing names (a household's shared phone is not a match and must not teach m).
    deterministic: (i) => {
      const ra = sample[as[i]!]!;
      const rb = sample[bs[i]!]!;
      let guarded = false;
      for (const p of ra.identifiers) {
        for (const q of rb.identifiers) {
          if (q.kind !== p.kind || q.value !== p.value) continue;
          const link = settings.kinds[p.kind].link;
          if (link === 'strong') return true;
          if (link === 'guarded') guarded = true;
        }
      }
      return guarded && namesAgree(ra, rb);
    },
  };
  // Columns holding the sample's records (as their first ones) compare the same levels several times faster.
  return fitModel(sample, pairs, { seed: 7, ...(columns === undefined ? {} : { compare: (a, b, out) => columns.levels(a, b, out) }) });
}

/** A set of (a, b) index pairs with open addressing over typed arrays: no boxed numbers, no per-pair objects. */
class PairSet {
  private keysA = new Int32Array(1 << 16).fill(-1);
  private keysB = new Int32Array(1 << 16);
  private size = 0;

  /** Adds the pair; false when it was there already. */
  add(a: number, b: number): boolean {
    if ((this.size + 1) * 2 > this.keysA.length) this.grow();
    const mask = this.keysA.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    for (;;) {
      const ka = this.keysA[h]!;
      if (ka === -1) {
        this.keysA[h] = a;
        this.keysB[h] = b;
        this.size++;
        return true;
      }
      if (ka === a && this.keysB[h] === b) return false;
      h = (h + 1) & mask;
    }
  }

  private grow(): void {
    const oldA = this.keysA;
    const oldB = this.keysB;
    this.keysA = new Int32Array(oldA.length * 2).fill(-1);
    this.keysB = new Int32Array(oldA.length * 2);
    this.size = 0;
    for (let i = 0; i < oldA.length; i++) if (oldA[i] !== -1) this.add(oldA[i]!, oldB[i]!);
  }
}
