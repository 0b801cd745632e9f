import { describe, expect, it } from 'vitest';
import { levelsAllowLink } from '../guards';
import { createPrepareContext, prepareRecord } from '../prepare';
import { DEFAULT_SETTINGS } from '../settings';
import { generateParties } from '../testing/generator';
import { compareLinkable, compareRecords, oneEdit, oneEditIn, sameLocalPart, sameLocalPartIn } from './compare';

describe('compareLinkable', () => {
  it('decides exactly as the full comparison and the hard rules do, with the same levels for linkable pairs', () => {
    const ctx = createPrepareContext(DEFAULT_SETTINGS, 'k');
    const { records: parties, truth } = generateParties({ records: 600, seed: 3 });
    const records = [...parties].map((p) => prepareRecord(p, ctx));
    // Every pair of one person's records, and each record against its neighbours (mostly other people).
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < records.length; i++) {
      for (let j = 0; j < i; j++) if (truth[i] === truth[j] || i - j <= 8) pairs.push([i, j]);
    }
    let linkable = 0;
    for (const [i, j] of pairs) {
      const full = compareRecords(records[i]!, records[j]!);
      const fast = new Uint8Array(full.length);
      const ok = compareLinkable(records[i]!, records[j]!, fast);
      expect(ok).toBe(levelsAllowLink(full));
      if (ok) {
        linkable++;
        expect([...fast]).toEqual([...full]);
      }
    }
    expect(linkable).toBeGreaterThan(50);
  });
});

/** Optimal string alignment distance (edits, with adjacent swaps): the reference oneEdit is checked against. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('oneEdit', () => {
  it('is true exactly when two strings are at most one change, drop, addition or neighbour swap apart', () => {
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const word = () => Array.from({ length: next(6) }, () => 'ab3'[next(3)]).join('');
    let close = 0;
    for (let k = 0; k < 20_000; k++) {
      const a = word();
      const b = next(2) === 0 ? word() : a.slice(0, next(a.length + 1)) + 'ab3'[next(3)] + a.slice(next(a.length + 1));
      const expected = osaDistance(a, b) <= 1;
      if (expected) close++;
      expect(oneEdit(a, b), `${a} / ${b}`).toBe(expected);
    }
    expect(close).toBeGreaterThan(2000);
    expect(oneEdit('+358401234567', '+358401234576')).toBe(true);
    expect(oneEdit('+358401234567', '+35840123456')).toBe(true);
    expect(oneEdit('+358401234567', '+358401243576')).toBe(false);
  });
});

/** Two texts inside a longer array, with other characters around them, as the batch's columns keep them. */
function embedded(a: string, b: string): { c: Uint16Array; sa: number; sb: number } {
  const text = `xx${a}yyy${b}zz`;
  return { c: Uint16Array.from(text, (ch) => ch.charCodeAt(0)), sa: 2, sb: 5 + a.length };
}

describe('comparing texts where they are held', () => {
  it('oneEditIn decides as oneEdit on texts in the middle of an array', () => {
    let seed = 5;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const word = () => Array.from({ length: next(6) }, () => 'xa3'[next(3)]).join('');
    for (let k = 0; k < 5_000; k++) {
      const a = word();
      const b = next(2) === 0 ? word() : a.slice(0, next(a.length + 1)) + 'xz3'[next(3)] + a.slice(next(a.length + 1));
      const { c, sa, sb } = embedded(a, b);
      expect(oneEditIn(c, sa, a.length, sb, b.length), `${a} / ${b}`).toBe(osaDistance(a, b) <= 1);
    }
  });

  it('sameLocalPart ignores dots and a +tag, and reads no further than each address', () => {
    const cases: Array<[string, string, boolean]> = [
      ['matti.virtanen+shop@gmail.com', 'mattivirtanen@hotmail.com', true],
      ['m.v@a.fi', 'mv+x@b.fi', true],
      ['mv@a.fi', 'mva@a.fi', false],
      ['mva', 'mv', false],
      ['m.v', 'mv', true],
      ['.mv.@a', 'mv@a', true],
      ['+x@a', '@b', true],
    ];
    for (const [x, y, expected] of cases) {
      expect(sameLocalPart(x, y), `${x} / ${y}`).toBe(expected);
      expect(sameLocalPart(y, x), `${y} / ${x}`).toBe(expected);
      const { c, sa, sb } = embedded(x, y);
      expect(sameLocalPartIn(c, sa, sa + x.length, sb, sb + y.length), `${x} / ${y} in place`).toBe(expected);
    }
  });
});
