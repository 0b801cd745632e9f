import { describe, expect, it } from 'vitest';
import { BlockIndex, keyNumber } from './block-index';

function members(index: BlockIndex, key: string): number[] {
  const out: number[] = [];
  for (let e = index.newest(keyNumber(key)); e !== -1; e = index.older(e)) out.push(index.record(e));
  return out;
}

describe('block index', () => {
  it('lists the records of a key newest first and keeps keys apart', () => {
    const index = new BlockIndex(4);
    index.add(keyNumber('1f3k9x'), 0);
    index.add(keyNumber('zz'), 1);
    index.add(keyNumber('1f3k9x'), 4);
    expect(members(index, '1f3k9x')).toEqual([4, 0]);
    expect(members(index, 'zz')).toEqual([1]);
    expect(index.newest(keyNumber('abc'))).toBe(-1);
  });

  it('keeps every key and member when it grows far past its expected size', () => {
    const index = new BlockIndex(16);
    const keys = Array.from({ length: 5000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36));
    for (let r = 0; r < 3; r++) keys.forEach((key, i) => index.add(keyNumber(key), r * 5000 + i));
    keys.forEach((key, i) => expect(members(index, key)).toEqual([10000 + i, 5000 + i, i]));
  });

  it('lists members newest first in blocks of every size, across block boundaries, interleaved with other keys', () => {
    for (const perBlock of [1, 3, 7, 15] as const) {
      const index = new BlockIndex(8, perBlock);
      const expected = new Map<string, number[]>();
      let seed = 3;
      for (let r = 0; r < 4000; r++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        // A few keys with many members, many with one or two.
        const key = seed % 4 === 0 ? `k${seed % 5}` : `s${seed % 1500}`;
        index.add(keyNumber(key), r);
        expected.set(key, [r, ...(expected.get(key) ?? [])]);
      }
      for (const [key, list] of expected) expect(members(index, key), `${perBlock} per block, ${key}`).toEqual(list);
      expect(Math.max(...[...expected.values()].map((l) => l.length))).toBeGreaterThan(100);
    }
  });

  it('keeps every member when room is reserved between adds', () => {
    for (const perBlock of [1, 7] as const) {
      const index = new BlockIndex(16, perBlock);
      const keys = Array.from({ length: 300 }, (_, i) => ((i * 2654435761) >>> 0).toString(36));
      keys.forEach((key, i) => index.add(keyNumber(key), i));
      index.reserve(50_000);
      for (let r = 1; r < 20; r++) keys.forEach((key, i) => index.add(keyNumber(key), r * 300 + i));
      index.reserve(10);
      keys.forEach((key, i) => expect(members(index, key)).toEqual(Array.from({ length: 20 }, (_, r) => (19 - r) * 300 + i)));
    }
  });

  it('reads a key as parseInt(key, 36) | 0 does, for the keys prepare writes and for any other text', () => {
    const keys = ['', '0', 'z', 'zzzzzz', '1z141z3', 'zzzzzzzzzz', 'zzzzzzzzzzz', 'ABC', 'a-1', ' 12', '12 ', '!', 'k1', '1f3k9x', 'é1'];
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      keys.push(seed.toString(36), (seed % 1000).toString(36), String.fromCharCode(32 + (seed % 95)) + (seed >>> 3).toString(36));
    }
    for (const key of keys) expect(keyNumber(key), key).toBe(parseInt(key, 36) | 0);
  });
});
