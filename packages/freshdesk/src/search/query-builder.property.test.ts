import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSearch } from '../testing/search-query';
import { ticketQuery } from './query-builder';

/*
 * Round trip through the simulator's reading of the search language: whatever text a value holds (quotes,
 * backslashes, parentheses, AND/OR, Finnish letters), the built query matches exactly the record with that
 * tag, so a value can never change the query's structure.
 */
describe('ticketQuery escaping (property)', () => {
  const tagOf = (record: { tags: string[] }) => record.tags;

  it('any tag text is read back as one value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }), (tag) => {
        const match = compileSearch(ticketQuery().where('tag', tag).and('status', 2).expression(), ['tag', 'status'], (r: { tags: string[]; status: number }, f) =>
          f === 'tag' ? tagOf(r) : r.status,
        );
        expect(match({ tags: [tag], status: 2 })).toBe(true);
        expect(match({ tags: [`${tag}x`], status: 2 })).toBe(false);
        expect(match({ tags: [tag], status: 3 })).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('quote-heavy and operator-like values stay values', () => {
    for (const tag of [`'`, `\\`, `"`, `\\'`, `' OR tag:'x`, `a) OR (status:5`, `äö'å\\"`]) {
      const match = compileSearch(ticketQuery().where('tag', tag).expression(), ['tag'], (r: { tags: string[] }) => r.tags);
      expect(match({ tags: [tag] })).toBe(true);
      expect(match({ tags: ['x'] })).toBe(false);
    }
  });
});
