import { describe, expect, it } from 'vitest';
import { ComparisonColumns } from '../match/columns';
import { createPrepareContext, prepareRecord, type PreparedRecord } from '../prepare';
import { DEFAULT_SETTINGS } from '../settings';
import { generateParties } from '../testing/generator';
import { CANDIDATE_CHUNK, CandidateFinder, keyListsOf, packLevels, unpackLevels } from './candidates';
import type { CandidateAnswer, CandidateWork } from './prepare-helper';
import { candidatesWithHelper } from './shared-candidates';

const ctx = createPrepareContext(DEFAULT_SETTINGS, 'k');
const records: PreparedRecord[] = [...generateParties({ records: 4500, seed: 31 }).records].map((p) => prepareRecord(p, ctx));
const limit = 6; // small, so the limit decides which members of a crowded block are met

function columnsOf(shared = false): ComparisonColumns {
  const columns = new ComparisonColumns(records.length, shared);
  for (const r of records) columns.add(r);
  return columns;
}

/** Each record's candidates the plain way: the newest `limit` members of each key, once each, linkable only. */
function expected(): Array<Array<[number, number]>> {
  const columns = columnsOf();
  const blocks = new Map<string, number[]>();
  const levels = new Uint8Array(16);
  return records.map((r, i) => {
    const met = new Set<number>();
    const out: Array<[number, number]> = [];
    for (const key of r.blockingKeys) {
      for (const o of (blocks.get(key) ?? []).slice(-limit).reverse()) {
        if (met.has(o)) continue;
        met.add(o);
        if (columns.linkable(i, o, levels)) out.push([o, packLevels(levels)]);
      }
    }
    for (const key of r.blockingKeys) blocks.set(key, [...(blocks.get(key) ?? []), i]);
    return out;
  });
}

/** Chunk answers read back per record. */
function perRecord(chunks: Map<number, Int32Array>): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (let c = 0; c < chunks.size; c++) {
    const list = chunks.get(c)!;
    for (let at = 0; at < list.length;) {
      const count = list[at++]!;
      const mine: Array<[number, number]> = [];
      for (let k = 0; k < count; k++, at += 2) mine.push([list[at]!, list[at + 1]!]);
      out.push(mine);
    }
  }
  return out;
}

describe('candidate lists found ahead of placing', () => {
  const want = expected();

  it('packs the levels of every field into one number and back', () => {
    const levels = new Uint8Array(16);
    for (let n = 0; n < 2000; n++) {
      const given = Array.from({ length: 9 }, (_, f) => (n * 7 + f * 13 + (n >> f)) % 8);
      expect([...unpackLevels(packLevels(Uint8Array.from(given)), levels).subarray(0, 9)]).toEqual(given);
    }
  });

  it('lists the linkable candidates of each record as the block walk meets them, in chunks found in order or skipped', () => {
    expect(want.filter((c) => c.length > 0).length).toBeGreaterThan(500);
    const inOrder = new CandidateFinder(columnsOf(), keyListsOf(records), limit);
    expect(inOrder.chunks).toBe(Math.ceil(records.length / CANDIDATE_CHUNK));
    const all = new Map<number, Int32Array>();
    for (let c = 0; c < inOrder.chunks; c++) all.set(c, inOrder.find(c));
    expect(perRecord(all)).toEqual(want);

    // A finder that skips chunks (the other thread found them) indexes their records and finds the same lists.
    const skipping = new CandidateFinder(columnsOf(), keyListsOf(records), limit);
    expect([...skipping.find(1)]).toEqual([...all.get(1)!]);
    expect([...skipping.find(3)]).toEqual([...all.get(3)!]);
    expect(() => skipping.find(2)).toThrow(RangeError);
  });

  it('shares chunks with a helper, and finds them here when the helper leaves one unanswered', () => {
    const columns = columnsOf(true);
    const lists = keyListsOf(records, true);
    const reference = new CandidateFinder(columnsOf(), keyListsOf(records), limit);
    const answers: CandidateAnswer[] = [];
    // A helper that takes chunks 0 and 1, answers only chunk 0, and then stops.
    const helper = {
      ready: true,
      findCandidates(work: CandidateWork) {
        expect(work.lists.starts.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Atomics.add(work.claimed, 0, 2)).toBe(0);
        answers.push({ chunk: 0, list: reference.find(0) });
        return true;
      },
      receiveCandidates: () => answers.splice(0),
    };
    const shared = candidatesWithHelper(helper, columns, lists, limit, 50)!;
    const got = new Map<number, Int32Array>();
    for (let c = 0; c < reference.chunks; c++) got.set(c, shared.candidates(c));
    expect(perRecord(got)).toEqual(want);
    expect(shared.byHelper()).toBe(CANDIDATE_CHUNK);
    expect(candidatesWithHelper({ ...helper, ready: false }, columns, lists, limit)).toBeUndefined();
  });

  it('hands each placed list back to the helper to write a later chunk into', () => {
    const columns = columnsOf(true);
    const lists = keyListsOf(records, true);
    const reference = new CandidateFinder(columnsOf(), keyListsOf(records), limit);
    const answers: CandidateAnswer[] = [];
    const given: Int32Array[] = [];
    const recycled: Int32Array[] = [];
    const helper = {
      ready: true,
      findCandidates: () => true,
      receiveCandidates: () => answers.splice(0),
      recycle: (list: Int32Array) => recycled.push(list),
    };
    const shared = candidatesWithHelper(helper, columns, lists, limit, 50)!;
    for (let c = 0; c < reference.chunks; c++) given.push(shared.candidates(c));
    // Every list but the last (still being placed) went back, in order, as the same array.
    expect(recycled).toEqual(given.slice(0, -1));
    expect(recycled.every((list, k) => list === given[k])).toBe(true);
    // A finder writing into a recycled array gives the same list as one making its own.
    const into = new Int32Array(1 << 16);
    const fresh = new CandidateFinder(columnsOf(), keyListsOf(records), limit);
    const written = fresh.find(0, (length) => into.subarray(0, length));
    expect(written.buffer).toBe(into.buffer);
    expect([...written]).toEqual([...reference.find(0)]);
  });
});
