import { describe, expect, it } from 'vitest';
import { levelsAllowLink } from '../guards';
import { createPrepareContext, prepareRecord } from '../prepare';
import { DEFAULT_SETTINGS } from '../settings';
import { generateParties } from '../testing/generator';
import { compareLinkable, compareRecords } from './compare';

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
