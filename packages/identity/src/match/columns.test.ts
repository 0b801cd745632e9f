import { describe, expect, it } from 'vitest';
import { createPrepareContext, prepareRecord, type PreparedRecord } from '../prepare';
import { DEFAULT_SETTINGS } from '../settings';
import { generateParties } from '../testing/generator';
import { party } from '../testing/party';
import { ComparisonColumns, fiveDigitsOneEdit, phoneParts } from './columns';
import { compareLinkable, compareRecords, oneEdit } from './compare';

/**
 * Asserts that the columns, and a copy of them made from their shared parts (as another thread gets them),
 * decide every pair as the object comparison does, with the same levels; returns linkable pairs.
 */
function expectSameAsObjects(records: PreparedRecord[], pairs: Array<[number, number]>): number {
  const columns = new ComparisonColumns(4); // small on purpose: the rows and the pool grow
  for (const r of records) columns.add(r);
  const copy = ComparisonColumns.fromParts(columns.parts());
  let linkable = 0;
  for (const [i, j] of pairs) {
    const objects = new Uint8Array(9);
    const rows = new Uint8Array(9);
    const ok = compareLinkable(records[i]!, records[j]!, objects);
    const copied = new Uint8Array(9);
    expect(copy.linkable(i, j, copied), `pair ${records[i]!.key} / ${records[j]!.key} from shared parts`).toBe(ok);
    expect(columns.linkable(i, j, rows), `pair ${records[i]!.key} / ${records[j]!.key}`).toBe(ok);
    expect([...copied]).toEqual([...rows]);
    const all = new Uint8Array(9);
    columns.levels(i, j, all);
    expect([...all], `all levels of ${records[i]!.key} / ${records[j]!.key}`).toEqual([...compareRecords(records[i]!, records[j]!)]);
    // Only the linkable pairs have every level filled; the others stop after the evidence fields.
    const shown = ok ? [...objects] : [...objects].filter((_, f) => f >= 2 && f !== 5);
    const got = ok ? [...rows] : [...rows].filter((_, f) => f >= 2 && f !== 5);
    expect(got, `levels of ${records[i]!.key} / ${records[j]!.key}`).toEqual(shown);
    if (ok) linkable++;
  }
  return linkable;
}

describe('comparison columns', () => {
  it('give the levels of the object comparison on generated records: one person, neighbours and shared blocks', () => {
    const ctx = createPrepareContext(DEFAULT_SETTINGS, 'k');
    const { records: parties, truth } = generateParties({ records: 3000, seed: 11 });
    const records = [...parties].map((p) => prepareRecord(p, ctx));
    const pairs: Array<[number, number]> = [];
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < records.length; i++) {
      for (let j = Math.max(0, i - 6); j < i; j++) pairs.push([i, j]);
      for (let j = 0; j < i - 6; j++) if (truth[i] === truth[j]) pairs.push([i, j]);
      const candidates = new Set<number>();
      for (const key of records[i]!.blockingKeys) for (const j of byKey.get(key) ?? []) candidates.add(j);
      for (const j of candidates) if (j < i - 6 && truth[i] !== truth[j]) pairs.push([i, j]);
      for (const key of records[i]!.blockingKeys) byKey.set(key, [...(byKey.get(key) ?? []), i]);
    }
    expect(pairs.length).toBeGreaterThan(20_000);
    expect(expectSameAsObjects(records, pairs)).toBeGreaterThan(2000);
  });

  it('give the levels of the object comparison on the edge cases of each field', () => {
    const ctx = createPrepareContext(DEFAULT_SETTINGS, 'k');
    const base = { birthDate: '1980-03-05', street: 'Kirkkokatu 12', postcode: '00170', city: 'Helsinki' };
    const inputs = [
      party({ id: '1', given: 'Matti Juhani', family: 'Virtanen', ...base, ids: { email: ['matti.virtanen+shop@gmail.com', 'mv1980@elisa.fi'], phone: '+358401234567' } }),
      party({ id: '2', given: 'Matt', family: 'Virtanen', ...base, street: 'Kirkkokatu 12 B 4', ids: { email: 'mattivirtanen@gmail.com', phone: '+358401234576' } }),
      party({ id: '3', given: 'Juhani', family: 'Virtanen', ...base, birthDate: '1980-05-03', street: 'Kirkkokatu 12 A 1', ids: { email: 'mv1981@elisa.fi' } }),
      party({ id: '4', given: 'Virtanen', family: 'Mati', ...base, street: 'Kirkkokatu 14', postcode: '00171', city: 'Helsingfors', ids: { phone: '0401234567' } }),
      party({ id: '5', given: 'M', family: 'Virtanan', ...base, street: 'Kirkkokatu 12 B 5', ids: { external_id: 'C-10442' } }),
      party({ id: '6', given: 'Mikko', family: 'Virtanen', ...base, birthDate: '1980-03-06', ids: { external_id: 'C-10424', email: 'mv1980@elisa.fi' } }),
      party({ id: '7', full: 'William Smith', birthDate: '1980-03-05', postcode: '00170' }),
      party({ id: '8', given: 'Bill', family: 'Smith', street: 'Kirkkokatu 12', ids: { email: 'bill@smith.fi' } }),
      party({ id: '9', given: 'Esa', family: 'Eas', postcode: '00170', ids: { email: 'b.i.l.l@smith.fi' } }),
      party({ id: '10', given: 'Eas', family: 'Esa', postcode: '01170', street: 'Kirkkokatu', city: 'Helsinki' }),
      party({ id: '11', family: 'Virtanen', birthDate: '1980-03-05' }),
      party({ id: '12', given: 'Matti', street: 'Kirkkokatu 12', ids: { phone: '+358401234567' } }),
      // Phone slips at the start, in the middle and by a dropped digit; a short number (no end hashes).
      party({ id: '13', given: 'Matti', family: 'Virtanen', ids: { phone: '+358041234567' } }),
      party({ id: '14', given: 'Matti', family: 'Virtanen', ids: { phone: ['+358401284567', '040 123 456'] } }),
      party({ id: '15', given: 'Matti', family: 'Virtanen', ids: { phone: '+358 9 123 45' } }),
      party({ id: '16', given: 'Matti', family: 'Virtanen', ids: { phone: '+358 9 123 54' } }),
      // Two addresses whose 32-bit hashes collide: equal hashes alone must not make them the same email.
      party({ id: '17', given: 'Matti', family: 'Virtanen', ids: { email: 'matti139599@example.fi' } }),
      party({ id: '18', given: 'Matti', family: 'Virtanen', ids: { email: 'matti322382@example.fi' } }),
    ];
    const records = inputs.map((p) => prepareRecord(p, ctx));
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < records.length; i++) for (let j = 0; j < records.length; j++) if (i !== j) pairs.push([i, j]);
    expect(expectSameAsObjects(records, pairs)).toBeGreaterThan(40);
  });
});

describe('phoneParts', () => {
  it('leaves two numbers one edit apart with at least one part in common', () => {
    let seed = 3;
    const digit = () => String((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % 10);
    let edits = 0;
    for (let k = 0; k < 300; k++) {
      const n = `+358${Array.from({ length: 8 + (k % 3) }, digit).join('')}`;
      const variants: string[] = [];
      for (let i = 0; i <= n.length; i++) {
        variants.push(n.slice(0, i) + n.slice(i + 1)); // dropped
        variants.push(n.slice(0, i) + digit() + n.slice(i)); // added
        variants.push(n.slice(0, i) + digit() + n.slice(i + 1)); // changed
        if (i + 1 < n.length) variants.push(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2)); // swapped
      }
      const [h, t] = phoneParts(n);
      for (const v of variants) {
        if (!oneEdit(n, v)) continue;
        const [vh, vt] = phoneParts(v);
        if (vh === 0 || h === 0) continue; // a short number carries no parts
        edits++;
        expect(vh === h || vt === t, `${n} / ${v}`).toBe(true);
      }
    }
    expect(edits).toBeGreaterThan(10_000);
    expect(phoneParts('+35891234')).toEqual([0, 0]);
    expect(phoneParts('+358401234567')).not.toEqual(phoneParts('+358501234568'));
  });
});

describe('fiveDigitsOneEdit', () => {
  it('decides as oneEdit does on the five-digit texts', () => {
    let seed = 9;
    const next = (n: number) => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n;
    const text = (n: number) => String(n).padStart(5, '0');
    let close = 0;
    for (let k = 0; k < 20_000; k++) {
      const a = next(100_000);
      const t = text(a);
      const i = next(4);
      // Random pairs, one changed digit, swapped neighbours, and two changes.
      const variants = [next(100_000), Number(t.slice(0, i) + next(10) + t.slice(i + 1)),
        Number(t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2)), Number(`${next(10)}${t.slice(1, 4)}${next(10)}`)];
      for (const b of variants) {
        const expected = oneEdit(t, text(b));
        if (expected) close++;
        expect(fiveDigitsOneEdit(a, b), `${t} / ${text(b)}`).toBe(expected);
      }
    }
    expect(close).toBeGreaterThan(20_000);
  });
});
